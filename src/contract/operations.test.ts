import { describe, expect, it } from 'vitest';
import inventory from './fixtures/inventory.json' with { type: 'json' };
import { templateParams } from './operation.ts';
import { operations } from './operations.ts';

describe('operation table', () => {
  const table: Record<string, { method: string; path: string; successStatus: number; section: string }> = operations;

  it.each(inventory.map((entry) => [entry.id, entry] as const))('%s matches the inventory', (id, entry) => {
    const op = table[id];
    expect(op, `operation ${id} is missing from src/contract/operations.ts`).toBeDefined();
    expect(op?.method).toBe(entry.method);
    expect(op?.path).toBe(entry.path);
    expect(op?.successStatus).toBe(entry.successStatus);
    expect(op?.section).toBe(entry.section);
  });

  it('has no operation the inventory does not know', () => {
    const known = new Set(inventory.map((entry) => entry.id));
    expect(Object.keys(operations).filter((id) => !known.has(id))).toEqual([]);
  });

  it('declares a path-parameter schema for exactly the placeholders of each template', () => {
    for (const op of Object.values(operations)) {
      const shape = (op.pathParams as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      expect(Object.keys(shape).sort(), op.id).toEqual(templateParams(op.path).sort());
    }
  });
});
