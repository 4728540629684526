// The Tags tab's form logic: new tag rows → a batchCreateClusterTags body checked with the contract's schema
// (seed 4.5.1 table 4-377), plus the per-cluster limit of 20 counted over existing and new keys (line 14228; the
// same key overwrites, line 14229), and selected keys → a batchDeleteClusterTags body (4.5.2).
import {
  batchCreateClusterTagsBodySchema,
  batchDeleteClusterTagsBodySchema,
  maxTagsPerCluster,
  type BatchCreateClusterTagsBody,
  type BatchDeleteClusterTagsBody,
} from '../../contract/tags.ts';

export type TagDraft = { key: string; value: string };
export type TagRowErrors = { key?: string; value?: string };

export type NewTagsResult =
  | { ok: true; body: BatchCreateClusterTagsBody; overwrites: string[] }
  | { ok: false; rowErrors: Record<number, TagRowErrors>; formError: string | null };

const isBlank = (draft: TagDraft) => draft.key === '' && draft.value === '';

/** Rows left completely empty are ignored; every other row is sent as typed (no trimming: the rules judge spaces). */
export function validateNewTags(drafts: readonly TagDraft[], existing: readonly { key: string; value?: string | null }[]): NewTagsResult {
  const rows = drafts.map((draft, index) => ({ draft, index })).filter(({ draft }) => !isBlank(draft));
  const tags = rows.map(({ draft }) => ({ key: draft.key, value: draft.value }));
  const parsed = batchCreateClusterTagsBodySchema.safeParse({ tags });
  const rowErrors: Record<number, TagRowErrors> = {};
  let formError: string | null = null;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [, position, field] = issue.path;
      const row = typeof position === 'number' ? rows[position] : undefined;
      if (row && (field === 'key' || field === 'value')) {
        const errors = (rowErrors[row.index] ??= {});
        errors[field] ??= issue.message;
      } else {
        formError ??= issue.message;
      }
    }
    return { ok: false, rowErrors, formError };
  }
  const existingKeys = new Set(existing.map((tag) => tag.key));
  const total = new Set([...existingKeys, ...tags.map((tag) => tag.key)]).size;
  if (total > maxTagsPerCluster) {
    return { ok: false, rowErrors, formError: `a cluster can have at most ${maxTagsPerCluster} tags (this would make ${total})` };
  }
  const overwrites = tags
    .filter((tag) => existing.some((e) => e.key === tag.key && (e.value ?? '') !== tag.value))
    .map((tag) => tag.key);
  return { ok: true, body: parsed.data, overwrites };
}

export type DeleteTagsResult = { ok: true; body: BatchDeleteClusterTagsBody } | { ok: false; message: string };

export function deleteTagsBody(keys: readonly string[]): DeleteTagsResult {
  const parsed = batchDeleteClusterTagsBodySchema.safeParse({ tags: keys.map((key) => ({ key })) });
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? 'invalid tags' };
}
