// What an emulator handler receives and returns. The router (app.ts) has already matched the operation,
// authenticated the caller and parsed path, query and body with the contract's schemas.
import type { z } from 'zod';
import type { AnyOperation } from '../../contract/operation.ts';
import type { Operations } from '../../contract/operations.ts';
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
};

export type HandlerResult = {
  status?: number;
  /** JSON-serialisable value, a string (sent as-is), bytes, or undefined for no body. */
  body?: unknown;
  headers?: Record<string, string>;
};

export type Handler<O extends AnyOperation> = (ctx: HandlerContext<O>) => HandlerResult;

export type Handlers = { [K in keyof Operations]?: Handler<Operations[K]> };
