// The kubeconfig as a file: createClusterCert answers JSON (a v1 Config, seed 4.1.6 table 4-114); the console hands
// it over as YAML, the form kubectl users keep, with a file name and the command that uses it.
import { stringify } from 'yaml';
import {
  createClusterCertBodySchema,
  maxCertDurationSentinel,
  type CreateClusterCertBody,
  type Kubeconfig,
} from '../../contract/cluster-access.ts';

export function kubeconfigFileName(clusterName: string): string {
  return `${clusterName}-kubeconfig.yaml`;
}

/** YAML of the kubeconfig, keys in the order kubectl writes them; the hyphenated keys are kept as they are. */
export function kubeconfigYaml(config: Kubeconfig): string {
  const { apiVersion, kind, clusters, contexts, users, preferences, 'current-context': current, ...others } = config;
  const ordered = {
    apiVersion: apiVersion ?? 'v1',
    kind: kind ?? 'Config',
    clusters,
    contexts,
    ...(current ? { 'current-context': current } : {}),
    preferences,
    users,
    ...others,
  };
  // lineWidth 0: base64 certificate data stays on one line, as kubectl writes it
  return stringify(ordered, { lineWidth: 0 });
}

export function kubectlCommand(fileName: string): string {
  return `kubectl --kubeconfig ${fileName} get nodes`;
}

/** How the validity is chosen: a number of days, or the 5-year maximum (duration -1, table 4-112). */
export type CertValidity = { kind: 'days'; days: string } | { kind: 'maximum' };

export type CertValidityResult = { ok: true; body: CreateClusterCertBody } | { ok: false; message: string };

/** The request body for the chosen validity, checked with the contract's schema (1-1827 whole days, or -1). */
export function certRequestBody(validity: CertValidity): CertValidityResult {
  const duration = validity.kind === 'maximum' ? maxCertDurationSentinel : validity.days.trim() === '' ? Number.NaN : Number(validity.days);
  const parsed = createClusterCertBodySchema.safeParse({ duration });
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? 'invalid duration' };
}
