// Every JSON example of the seed documents (fixtures/*.fixtures.json) and every published payload
// (fixtures/published-examples.json) parses with its operation's schema, or is rejected where the
// digest shows the example itself breaks a documented rule.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import published from './fixtures/published-examples.json' with { type: 'json' };
import { operations } from './operations.ts';

const fixtureSchema = z.strictObject({
  operationId: z.string(),
  kind: z.enum(['request', 'response']),
  status: z.number().optional(),
  /** Where the example stands, e.g. "003:1667-1731". */
  source: z.string(),
  /** What was repaired when the document's JSON is syntactically broken. */
  repaired: z.string().optional(),
  /** The example breaks a documented rule: the schema must refuse it with a message containing this text. */
  expectRejection: z.string().optional(),
  note: z.string().optional(),
  payload: z.unknown(),
});

const dir = join(import.meta.dirname, 'fixtures');
const files = readdirSync(dir).filter((name) => name.endsWith('.fixtures.json'));
const fixtures = files.flatMap((file) =>
  z
    .array(fixtureSchema)
    .parse(JSON.parse(readFileSync(join(dir, file), 'utf8')))
    .map((fixture) => ({ file, ...fixture })),
);

type Table = Record<string, { body: z.ZodType; response: z.ZodType; bodyKind: string }>;
const table: Table = operations;

function schemaFor(operationId: string, kind: 'request' | 'response'): z.ZodType {
  const op = table[operationId];
  if (!op) throw new Error(`unknown operation ${operationId}`);
  return kind === 'request' ? op.body : op.response;
}

describe('seed examples', () => {
  it('exist', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures.map((f) => [`${f.operationId} ${f.kind} (${f.source})`, f] as const))('%s', (_, fixture) => {
    const result = schemaFor(fixture.operationId, fixture.kind).safeParse(fixture.payload);
    if (fixture.expectRejection) {
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error?.issues)).toContain(fixture.expectRejection);
    } else {
      expect(result.error?.issues ?? []).toEqual([]);
    }
  });
});

describe('published examples', () => {
  const examples = published.examples as Array<{ id: string; operationId: string; kind: string; payload: unknown }>;
  it.each(examples.map((e) => [`${e.id} ${e.operationId} ${e.kind}`, e] as const))('%s parses', (_, example) => {
    const kind = example.kind === 'request' ? 'request' : 'response';
    const result = schemaFor(example.operationId, kind).safeParse(example.payload);
    expect(result.error?.issues ?? []).toEqual([]);
  });
});
