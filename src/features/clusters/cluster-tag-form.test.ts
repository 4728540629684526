import { describe, expect, it } from 'vitest';
import { deleteTagsBody, validateNewTags } from './cluster-tag-form.ts';

const existing = [
  { key: 'env', value: 'production' },
  { key: 'team', value: 'payments' },
];

describe('new tags', () => {
  it('sends the filled rows, ignores blank ones and names the keys that will be overwritten', () => {
    const result = validateNewTags(
      [
        { key: 'owner', value: 'ops' },
        { key: '', value: '' },
        { key: 'env', value: 'staging' },
        { key: 'team', value: 'payments' },
      ],
      existing,
    );
    expect(result).toEqual({
      ok: true,
      body: { tags: [{ key: 'owner', value: 'ops' }, { key: 'env', value: 'staging' }, { key: 'team', value: 'payments' }] },
      overwrites: ['env'],
    });
  });

  it('maps each refused field to its row, counting blank rows in between', () => {
    const result = validateNewTags(
      [
        { key: '', value: '' },
        { key: '_sys_owner', value: 'x' },
        { key: 'ok', value: 'bad#value' },
        { key: ' padded', value: '' },
      ],
      existing,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rowErrors[1]?.key).toMatch(/_sys_/);
    expect(result.rowErrors[2]?.value).toMatch(/may contain only/);
    expect(result.rowErrors[3]?.key).toMatch(/space/);
    expect(result.rowErrors[0]).toBeUndefined();
  });

  it('refuses a key given twice, a key typed with only a value, and an empty form', () => {
    const twice = validateNewTags([{ key: 'a', value: '1' }, { key: 'a', value: '2' }], []);
    expect(twice.ok === false && twice.rowErrors[1]?.key).toMatch(/more than once/);
    const keyless = validateNewTags([{ key: '', value: 'v' }], []);
    expect(keyless.ok === false && keyless.rowErrors[0]?.key).toMatch(/must not be empty/);
    const empty = validateNewTags([{ key: '', value: '' }], []);
    expect(empty.ok === false && empty.formError).toMatch(/at least one tag/);
  });

  it('counts existing and new keys against the limit of 20, overwrites excluded', () => {
    const eighteen = Array.from({ length: 18 }, (_, i) => ({ key: `k${i}`, value: '' }));
    expect(validateNewTags([{ key: 'k0', value: 'new' }, { key: 'n1', value: '' }, { key: 'n2', value: '' }], eighteen).ok).toBe(true);
    const over = validateNewTags([{ key: 'n1', value: '' }, { key: 'n2', value: '' }, { key: 'n3', value: '' }], eighteen);
    expect(over.ok === false && over.formError).toMatch(/at most 20 tags/);
  });
});

describe('deleting tags', () => {
  it('sends the keys only', () => {
    expect(deleteTagsBody(['env', 'team'])).toEqual({ ok: true, body: { tags: [{ key: 'env' }, { key: 'team' }] } });
    expect(deleteTagsBody([]).ok).toBe(false);
  });
});
