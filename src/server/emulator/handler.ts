// What an emulator handler receives and returns. The router (app.ts) has already matched the operation,
// authenticated the caller and parsed path, query and body with the contract's schemas.
import type { z } from 'zod';
import type { AnyOperation } from '../../contract/operation.ts';
import type { Operations } from '../../contract/operations.ts';
import type { BlobStore } from './persistence.ts';
import type { EmulatorState } from './state.ts';

export type HandlerContext<O extends AnyOperation> = {
  state: EmulatorState;
  /** Virtual time of the emulator clock (ms). */
  now: number;
  projectId: string;
  region: string;
  requestId: string;
  params: z.output<O['pathParams']>;
  query: z.output<O['query']>;
  body: z.output<O['body']>;
  /** The raw request body bytes (multipart uploads keep their archive here too). */
  rawBody: Uint8Array;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
  /** Durable content-addressed bytes (chart archives). */
  blobs: BlobStore;
};

/** What a reconciler receives: it advances every time-driven state machine up to `now` and says whether it changed anything. */
export type ReconcileContext = { state: EmulatorState; now: number; region: string };
export type Reconciler = (ctx: ReconcileContext) => boolean;

export type HandlerResult = {
  status?: number;
  /** JSON-serialisable value, a string (sent as-is), bytes, or undefined for no body. */
  body?: unknown;
  headers?: Record<string, string>;
};

export type Handler<O extends AnyOperation> = (ctx: HandlerContext<O>) => HandlerResult | Promise<HandlerResult>;

export type Handlers = { [K in keyof Operations]?: Handler<Operations[K]> };

/** What a scenario seeder receives: the project to fill, after the seeders before it ran. */
export type SeedContext = { state: EmulatorState; projectId: string; region: string; now: number };
export type Seeder = (ctx: SeedContext) => void;
