import { describe, expect, it } from 'vitest';
import {
  batchCreateClusterTagsBodySchema,
  batchDeleteClusterTagsBodySchema,
  resourceTagSchema,
  tagKeySchema,
  tagOperations,
  tagValueSchema,
} from './tags.ts';

function messages(result: { error?: { issues: Array<{ message: string }> } }): string[] {
  return result.error?.issues.map((issue) => issue.message) ?? [];
}

const tags = (count: number) => Array.from({ length: count }, (_, i) => ({ key: `key${i}`, value: `value${i}` }));

describe('tag key (4.5.1 table 4-377)', () => {
  it('accepts letters, Chinese characters, digits, spaces and every listed special character', () => {
    expect(tagKeySchema.parse('环境 env_1.a:b/c=d+e-f@g')).toBe('环境 env_1.a:b/c=d+e-f@g');
  });

  it.each([
    ['', 'tag key must not be empty'],
    [' key', 'tag key must not start or end with a space'],
    ['key ', 'tag key must not start or end with a space'],
    ['k'.repeat(129), 'tag key must be at most 128 characters'],
    ['key#1', 'tag key may contain only letters, digits, spaces and the special characters _ . : / = + - @'],
    ['_sys_owner', 'tag key must not start with "_sys_"'],
  ])('refuses %j', (key, message) => {
    expect(messages(tagKeySchema.safeParse(key))).toContain(message);
  });

  it('accepts a key of exactly 128 characters, counted as characters rather than UTF-16 units', () => {
    expect(tagKeySchema.safeParse('k'.repeat(128)).success).toBe(true);
    expect(tagKeySchema.safeParse('𠀀'.repeat(128)).success).toBe(true);
    expect(tagKeySchema.safeParse('𠀀'.repeat(129)).success).toBe(false);
  });
});

describe('tag value (4.5.1 table 4-377)', () => {
  it('may be empty', () => {
    expect(resourceTagSchema.parse({ key: 'env', value: '' })).toEqual({ key: 'env', value: '' });
  });

  it('must be present', () => {
    expect(messages(resourceTagSchema.safeParse({ key: 'env' }))).toEqual([
      'tag value must be present (it may be empty)',
    ]);
  });

  it('is at most 255 characters', () => {
    expect(tagValueSchema.safeParse('v'.repeat(255)).success).toBe(true);
    expect(messages(tagValueSchema.safeParse('v'.repeat(256)))).toEqual(['tag value must be at most 255 characters']);
  });

  it('refuses characters outside the documented set', () => {
    expect(messages(tagValueSchema.safeParse('a&b'))).toEqual([
      'tag value may contain only letters, digits, spaces and the special characters _ . : / = + - @',
    ]);
  });
});

describe('batchCreateClusterTags body', () => {
  it('accepts the documented example', () => {
    const body = { tags: [{ key: 'key1', value: 'value1' }, { key: 'key2', value: 'value3' }] };
    expect(batchCreateClusterTagsBodySchema.parse(body)).toEqual(body);
  });

  it('accepts 20 tags and refuses 21 (limit per cluster, line 14256)', () => {
    expect(batchCreateClusterTagsBodySchema.safeParse({ tags: tags(20) }).success).toBe(true);
    expect(messages(batchCreateClusterTagsBodySchema.safeParse({ tags: tags(21) }))).toEqual([
      'tags must contain at most 20 tags (the limit per cluster)',
    ]);
  });

  it('refuses an empty list and a missing list', () => {
    expect(messages(batchCreateClusterTagsBodySchema.safeParse({ tags: [] }))).toEqual([
      'tags must contain at least one tag',
    ]);
    expect(messages(batchCreateClusterTagsBodySchema.safeParse({}))).toEqual([
      'tags must be a list of {key, value} tags',
    ]);
  });

  it('refuses the same key twice and points at the repeated entry', () => {
    const result = batchCreateClusterTagsBodySchema.safeParse({
      tags: [
        { key: 'env', value: 'a' },
        { key: 'env', value: 'b' },
      ],
    });
    expect(result.error?.issues).toMatchObject([
      { path: ['tags', 1, 'key'], message: 'tags must not name the key "env" more than once' },
    ]);
  });

  it('refuses unknown keys at every level, naming them', () => {
    expect(messages(batchCreateClusterTagsBodySchema.safeParse({ tags: tags(1), extra: true }))).toEqual([
      'the batchCreateClusterTags body has unknown field(s): extra; accepted: tags',
    ]);
    const withOwner = { tags: [{ key: 'a', value: 'b', owner: 'x' }] };
    expect(messages(batchCreateClusterTagsBodySchema.safeParse(withOwner))).toEqual([
      'tag has unknown field(s): owner; accepted: key, value',
    ]);
    expect(messages(batchCreateClusterTagsBodySchema.safeParse({ tags: ['env=prod'] }))).toEqual([
      'tag must be an object',
    ]);
  });
});

describe('batchDeleteClusterTags body (4.5.2)', () => {
  it('accepts the documented example: tags carry only key', () => {
    const body = { tags: [{ key: 'key1' }, { key: 'key2' }] };
    expect(batchDeleteClusterTagsBodySchema.parse(body)).toEqual(body);
  });

  it('refuses a value in a delete tag', () => {
    expect(messages(batchDeleteClusterTagsBodySchema.safeParse({ tags: [{ key: 'key1', value: 'v' }] }))).toEqual([
      'tag has unknown field(s): value; accepted: key (a delete names the key only)',
    ]);
  });

  it('keeps the key rules except the 4.5.1-only space rule', () => {
    expect(batchDeleteClusterTagsBodySchema.safeParse({ tags: [{ key: ' legacy' }] }).success).toBe(true);
    expect(messages(batchDeleteClusterTagsBodySchema.safeParse({ tags: [{ key: '_sys_a' }] }))).toEqual([
      'tag key must not start with "_sys_"',
    ]);
    expect(messages(batchDeleteClusterTagsBodySchema.safeParse({ tags: [{ key: '' }] }))).toEqual([
      'tag key must not be empty',
    ]);
  });
});

describe('tag operations', () => {
  it('answer 204 without a body', () => {
    for (const op of Object.values(tagOperations)) {
      expect(op.successStatus).toBe(204);
      expect(op.responseKind).toBe('empty');
      expect(op.response.parse('')).toBeUndefined();
    }
  });

  it('validate the project and cluster ids in the path', () => {
    const params = tagOperations.batchCreateClusterTags.pathParams;
    expect(
      params.safeParse({ project_id: '0abdd2dce980d4162f8ac006608ee02d', cluster_id: '7378a198-a3fe-11eb' }).success,
    ).toBe(true);
    expect(messages(params.safeParse({ project_id: 'nope', cluster_id: 'c1' }))).toEqual([
      'project_id must be 32 hexadecimal characters',
    ]);
  });
});
