// The Settings tab's form logic: alias and description → an updateCluster body (seed 4.1.4), checked with the
// contract's schema and its state rules (description only while Available, alias unique); new ENI subnets → the
// add-only subnet list that must repeat every existing subnet (line 2358).
import {
  checkClusterAliasUnique,
  checkDescriptionUpdateAllowed,
  checkEniSubnetsAddOnly,
  updateClusterBodySchema,
  type Cluster,
  type UpdateClusterBody,
} from '../../contract/clusters.ts';

export type GeneralDraft = { alias?: string; description?: string };
export type GeneralErrors = { alias?: string; description?: string };

export type GeneralResult = { ok: true; body: UpdateClusterBody; changed: boolean } | { ok: false; errors: GeneralErrors };

/**
 * Only what the user changed is sent. An empty alias means "unchanged" (line 2368): the API cannot remove an alias,
 * so an emptied field sends nothing for it.
 */
export function generalUpdateBody(
  cluster: Pick<Cluster, 'metadata' | 'spec' | 'status'>,
  draft: GeneralDraft,
  others: readonly Pick<Cluster, 'metadata'>[],
): GeneralResult {
  const alias = draft.alias !== undefined && draft.alias !== (cluster.metadata.alias ?? '') && draft.alias !== '' ? draft.alias : undefined;
  const description = draft.description !== undefined && draft.description !== (cluster.spec.description ?? '') ? draft.description : undefined;
  const body: UpdateClusterBody = {
    spec: description !== undefined ? { description } : {},
    ...(alias !== undefined ? { metadata: { alias } } : {}),
  };
  const errors: GeneralErrors = {};
  const parsed = updateClusterBodySchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'metadata' ? 'alias' : issue.path[1] === 'description' ? 'description' : null;
      if (field) errors[field] ??= issue.message;
    }
  }
  const phaseProblem = checkDescriptionUpdateAllowed(cluster.status?.phase, body);
  if (phaseProblem) errors.description ??= phaseProblem;
  // an alias equal to this cluster's own name is allowed (it is what "no alias" shows anyway)
  const aliasProblem = checkClusterAliasUnique(alias, others, { name: cluster.metadata.name, uid: cluster.metadata.uid ?? null });
  if (aliasProblem) errors.alias ??= aliasProblem;
  if (errors.alias || errors.description) return { ok: false, errors };
  return { ok: true, body, changed: alias !== undefined || description !== undefined };
}

export type SubnetsResult = { ok: true; body: UpdateClusterBody } | { ok: false; message: string };

/** Existing subnets first, then the new ones as typed (trimmed: an id has no spaces). */
export function addSubnetsBody(cluster: Pick<Cluster, 'spec'>, added: readonly string[]): SubnetsResult {
  const existing = (cluster.spec.eniNetwork?.subnets ?? []).map((s) => s.subnetID);
  const requested = [...existing, ...added.map((id) => id.trim())];
  const body: UpdateClusterBody = { spec: { eniNetwork: { subnets: requested.map((subnetID) => ({ subnetID })) } } };
  const parsed = updateClusterBodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'invalid subnets' };
  const problem = checkEniSubnetsAddOnly(existing, requested);
  if (problem) return { ok: false, message: problem };
  return { ok: true, body };
}
