// Cluster resource tags (seed 4.5.1-4.5.2): the tag rules shared with the cluster create body (spec.clusterTags,
// table 4-12) and the two batch operations, POST .../tags/create and POST .../tags/delete, both 204 without a body.
import { z } from 'zod';
import { pathIdSchema, projectIdSchema, requestObjectError, requiredString } from './common.ts';
import { defineOperation, emptyResponseSchema, noQuerySchema } from './operation.ts';

/** Seed 4.5.1 (line 14228) and 4.5.1 table 4-376 (line 14256): at most 20 resource tags per cluster. */
export const maxTagsPerCluster = 20;
export const maxTagKeyLength = 128;
export const maxTagValueLength = 255;
export const reservedTagKeyPrefix = '_sys_';

/**
 * Letters (UTF-8, Chinese included), digits, spaces and the listed special characters.
 * The special sets differ between tables (digest §7: 4-12 `_.:/=-+@`, 4-377 key `_.:=+-@` without "/", 4-377 value
 * `_.:/=-+@`, 4-381 `_.:/=-@`, 4-64 without ":"); following the digest we accept their union `_ . : / = + - @`
 * for keys and values alike, so a tag the service created is never refused by the console. Product decision pending.
 */
const tagCharactersPattern = /^[\p{L}\p{Nd} _.:/=+\-@]*$/u;
const tagCharactersMessage = 'letters, digits, spaces and the special characters _ . : / = + - @';

/** Lengths are counted in characters (code points), so a CJK Extension B character counts once, not twice. */
const characterCount = (text: string) => Array.from(text).length;

function keyRules(field: string) {
  return requiredString(field)
    .refine((key) => characterCount(key) <= maxTagKeyLength, `${field} must be at most ${maxTagKeyLength} characters`)
    .regex(tagCharactersPattern, `${field} may contain only ${tagCharactersMessage}`)
    .refine((key) => !key.startsWith(reservedTagKeyPrefix), `${field} must not start with "${reservedTagKeyPrefix}"`);
}

/**
 * Tag key, seed 4.5.1 table 4-377 (line 14261): not empty, no leading or trailing space, at most 128 characters,
 * letters/digits/spaces/specials, not starting with "_sys_". The table marks key optional ("否") although the text
 * says it must not be empty (digest R2): it is required here.
 * The no-leading/trailing-space rule is stated only in 4.5.1, not in table 4-12 (cluster create, line 857).
 */
export const tagKeySchema = keyRules('tag key').refine(
  (key) => key === key.trim(),
  'tag key must not start or end with a space',
);

/**
 * Tag key of a delete request, seed 4.5.2 table 4-381 (line 14551): the same rules without the space rule, so that
 * a key created through the cluster create body (table 4-12 has no space rule) can still be deleted.
 */
export const deleteTagKeySchema = keyRules('tag key');

/**
 * Tag value, seed 4.5.1 table 4-377 (line 14262) and table 4-12 (line 860): "may be empty but must not be omitted",
 * at most 255 characters, letters/digits/spaces/specials.
 */
export const tagValueSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'tag value must be present (it may be empty)' : 'tag value must be a string',
  })
  .refine(
    (value) => characterCount(value) <= maxTagValueLength,
    `tag value must be at most ${maxTagValueLength} characters`,
  )
  .regex(tagCharactersPattern, `tag value may contain only ${tagCharactersMessage}`);

/** One resource tag {key, value} (ResourceTag, table 4-377; AutopilotResourceTag, table 4-12). */
export const resourceTagSchema = z.strictObject(
  { key: tagKeySchema, value: tagValueSchema },
  requestObjectError('tag', 'key, value'),
);
export type ResourceTag = z.infer<typeof resourceTagSchema>;

/** One tag of a delete request: only the key (ResourceDeleteTag, table 4-381). */
export const resourceDeleteTagSchema = z.strictObject(
  { key: deleteTagKeySchema },
  requestObjectError('tag', 'key (a delete names the key only)'),
);
export type ResourceDeleteTag = z.infer<typeof resourceDeleteTagSchema>;

/** A key named twice in one list is refused (two values for one key would make the outcome depend on order). */
export function checkUniqueTagKeys(tags: ReadonlyArray<{ key: string }>, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  tags.forEach((tag, index) => {
    if (seen.has(tag.key)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'key'],
        message: `tags must not name the key "${tag.key}" more than once`,
      });
    }
    seen.add(tag.key);
  });
}

/**
 * Seed 4.5.1 table 4-376 (line 14256): tags is required; the cluster holds at most 20 tags in total, so one request
 * cannot carry more. An empty list and a key named twice are refused [inferred: a batch with nothing to do, or with
 * two values for one key, is a caller error; the service overwrites on the same key (line 14229)].
 */
export const batchCreateClusterTagsBodySchema = z.strictObject(
  {
    tags: z
      .array(resourceTagSchema, { error: 'tags must be a list of {key, value} tags' })
      .min(1, 'tags must contain at least one tag')
      .max(maxTagsPerCluster, `tags must contain at most ${maxTagsPerCluster} tags (the limit per cluster)`)
      .superRefine(checkUniqueTagKeys),
  },
  requestObjectError('the batchCreateClusterTags body', 'tags'),
);
export type BatchCreateClusterTagsBody = z.input<typeof batchCreateClusterTagsBodySchema>;

/** Seed 4.5.2 table 4-380 (line 14547): tags carry only key; deleting a missing key succeeds (line 14517). */
export const batchDeleteClusterTagsBodySchema = z.strictObject(
  {
    tags: z
      .array(resourceDeleteTagSchema, { error: 'tags must be a list of {key} tags' })
      .min(1, 'tags must contain at least one tag')
      .superRefine(checkUniqueTagKeys),
  },
  requestObjectError('the batchDeleteClusterTags body', 'tags'),
);
export type BatchDeleteClusterTagsBody = z.input<typeof batchDeleteClusterTagsBodySchema>;

export const clusterTagsParamsSchema = z.strictObject({ project_id: projectIdSchema, cluster_id: pathIdSchema });

export const tagOperations = {
  batchCreateClusterTags: defineOperation({
    id: 'batchCreateClusterTags',
    section: '4.5.1',
    method: 'POST',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/tags/create',
    pathParams: clusterTagsParamsSchema,
    query: noQuerySchema,
    body: batchCreateClusterTagsBodySchema,
    bodyKind: 'json',
    successStatus: 204,
    response: emptyResponseSchema,
    responseKind: 'empty',
  }),
  batchDeleteClusterTags: defineOperation({
    id: 'batchDeleteClusterTags',
    section: '4.5.2',
    method: 'POST',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/tags/delete',
    pathParams: clusterTagsParamsSchema,
    query: noQuerySchema,
    body: batchDeleteClusterTagsBodySchema,
    bodyKind: 'json',
    successStatus: 204,
    response: emptyResponseSchema,
    responseKind: 'empty',
  }),
};
