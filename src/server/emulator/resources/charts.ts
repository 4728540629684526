// Charts, i.e. templates (seed 4.6.1, 4.6.2, 4.6.5, 4.6.6, 4.6.8, 4.6.11, 4.6.12, 4.6.14; digest §8.1), per project.
// An upload is a real Helm package: it is unpacked and read (chart-archive.ts), its bytes kept in the blob store and
// handed back unchanged by the download. Chart refusals use the chart subsystem's codes (seed 7.2: CCE.02xxxxxx).
import { createHash, randomUUID } from 'node:crypto';
import type { ChartUploadParameters } from '../../../contract/charts.ts';
import { cceErrorCodes } from '../../../contract/errors.ts';
import {
  buildChartArchive,
  ChartArchiveError,
  helmCreateTemplates,
  lintChart,
  parseChartArchive,
  type ChartPackageSpec,
  type ChartType,
  type ParsedChart,
  type TemplateManifest,
} from '../chart-archive.ts';
import { EmulatorError, notFound } from '../errors.ts';
import type { Handlers, Reconciler, Seeder } from '../handler.ts';
import type { BlobStore } from '../persistence.ts';
import { projectOf, type EmulatorState } from '../state.ts';
import { rfc3339 } from '../time-format.ts';
import type { ReleasesByCluster } from './releases.ts';

export type StoredChart = {
  id: string;
  name: string;
  version: string;
  apiVersion: string;
  appVersion: string | null;
  type: ChartType;
  description: string;
  /** Chart.yaml icon. */
  iconUrl: string;
  /** "README.md" when the package has one (the 4.6.1 example: instruction "README.md"). */
  instruction: string;
  /** The parsed values.yaml; null when the package has none (ChartResp.values is then ""). */
  values: Record<string, unknown> | null;
  /** What the templates render, read at upload: releases derive their `resources` from it. */
  manifests: TemplateManifest[];
  /** parameters.visible of the last upload (table 4-383); true when not given. */
  visible: boolean;
  /** sha256 of the package bytes in the blob store. */
  archiveId: string;
  archiveSize: number;
  createdAt: number;
  updatedAt: number;
};

export type ChartSlice = {
  charts: Record<string, StoredChart>;
  /** Releases live with the charts (the cam/v3 service), keyed by cluster id (see releases.ts). */
  releases: ReleasesByCluster;
};
export const emptyChartSlice = (): ChartSlice => ({ charts: {}, releases: {} });

const chartInvalid = (message: string) => new EmulatorError(400, cceErrorCodes.invalidRequestCharts, message);
const chartExists = (message: string) => new EmulatorError(409, cceErrorCodes.alreadyExistsCharts, message);

/** 404 CCE.02404001 unless the project has the chart. */
export function chartOf(state: EmulatorState, projectId: string, chartId: string): StoredChart {
  const chart = projectOf(state, projectId).charts.charts[chartId];
  if (!chart) throw notFound(`chart ${chartId} not found`, cceErrorCodes.notFoundCharts);
  return chart;
}

/** `helm package` names a package <name>-<version>.tgz; the 4.6.1 example's chart_url is "neo4j-3.0.1.tgz". */
export const chartFileName = (chart: Pick<StoredChart, 'name' | 'version'>) => `${chart.name}-${chart.version}.tgz`;

/** ChartResp (tables 4-384/4-387/4-402/4-414), snake_case; `values` is the JSON text of values.yaml (hold-15/25/35). */
export function chartResponse(chart: StoredChart) {
  return {
    id: chart.id,
    name: chart.name,
    values: chart.values === null ? '' : JSON.stringify(chart.values),
    translate: '',
    instruction: chart.instruction,
    version: chart.version,
    description: chart.description,
    source: '',
    icon_url: chart.iconUrl,
    public: false,
    chart_url: chartFileName(chart),
    create_at: rfc3339(chart.createdAt),
    update_at: rfc3339(chart.updatedAt),
  };
}

/** Orders SemVer 2 versions (precedence rules of semver.org §11), for listing a chart's versions newest first. */
export function compareSemver(a: string, b: string): number {
  const split = (v: string) => {
    const [core = '', pre] = v.split('+')[0]?.split(/-(.*)/s) ?? [];
    return { core: core.split('.').map(Number), pre: pre ? pre.split('.') : [] };
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < 3; i++) {
    const diff = (x.core[i] ?? 0) - (y.core[i] ?? 0);
    if (diff !== 0) return diff;
  }
  if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn && Number(p) !== Number(q)) return Number(p) - Number(q);
    if (pn !== qn) return pn ? -1 : 1;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

/** Unpacks and lints the uploaded package: every problem is a 400 CCE.02400001 naming what is wrong. */
function readPackage(bytes: Uint8Array, parameters: ChartUploadParameters | undefined): ParsedChart {
  let chart: ParsedChart;
  try {
    chart = parseChartArchive(bytes);
  } catch (error) {
    if (error instanceof ChartArchiveError) throw chartInvalid(`Invalid chart package: ${error.message}`);
    throw error;
  }
  if (!parameters?.skip_lint) {
    const failures = lintChart(chart);
    if (failures.length > 0) {
      throw chartInvalid(`Chart ${chart.metadata.name} ${chart.metadata.version} failed lint (set parameters.skip_lint to upload anyway): ${failures.join('; ')}`);
    }
  }
  return chart;
}

function findByNameVersion(charts: Record<string, StoredChart>, name: string, version: string): StoredChart | undefined {
  return Object.values(charts).find((c) => c.name === name && c.version === version);
}

/** Writes the package's content into a chart record (new, overridden or updated). */
function fill(chart: StoredChart, parsed: ParsedChart, archiveId: string, size: number, parameters: ChartUploadParameters | undefined, now: number): void {
  const { metadata } = parsed;
  Object.assign(chart, {
    name: metadata.name,
    version: metadata.version,
    apiVersion: metadata.apiVersion,
    appVersion: metadata.appVersion,
    type: metadata.type,
    description: metadata.description,
    iconUrl: metadata.icon,
    instruction: parsed.hasReadme ? 'README.md' : '',
    values: parsed.values,
    manifests: parsed.manifests,
    visible: parameters?.visible ?? true,
    archiveId,
    archiveSize: size,
    updatedAt: now,
  } satisfies Partial<StoredChart>);
}

function newChart(now: number): StoredChart {
  return {
    id: randomUUID(),
    name: '',
    version: '',
    apiVersion: 'v2',
    appVersion: null,
    type: 'application',
    description: '',
    iconUrl: '',
    instruction: '',
    values: null,
    manifests: [],
    visible: true,
    archiveId: '',
    archiveSize: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** Charts count against the quota one per name+version (each is a ChartResp of its own, hold-25). */
function chartsUsed(state: EmulatorState, projectId: string): number {
  return Object.keys(projectOf(state, projectId).charts.charts).length;
}

/** The releases (any cluster of the project) whose current revision was installed from the chart. */
export function releasesUsingChart(state: EmulatorState, projectId: string, chartId: string): string[] {
  const users: string[] = [];
  for (const [clusterId, releases] of Object.entries(projectOf(state, projectId).charts.releases)) {
    for (const release of Object.values(releases)) {
      if (release.revisions.at(-1)?.chartId === chartId) users.push(`${release.namespace}/${release.name} (cluster ${clusterId})`);
    }
  }
  return users;
}

export const chartHandlers: Handlers = {
  uploadChart: async ({ state, projectId, body, blobs, now }) => {
    const bytes = new Uint8Array(await body.content.arrayBuffer());
    const parsed = readPackage(bytes, body.parameters);
    const charts = projectOf(state, projectId).charts.charts;
    const { name, version } = parsed.metadata;
    const existing = findByNameVersion(charts, name, version);
    if (existing && !body.parameters?.override) {
      throw chartExists(`chart ${name} version ${version} already exists (chart ${existing.id}); set parameters.override to replace it`);
    }
    let chart = existing;
    if (!chart) {
      // only a new name+version takes quota; overriding an existing one does not
      const used = chartsUsed(state, projectId);
      const quota = state.settings.chartQuota;
      if (used >= quota) {
        throw chartInvalid(`Insufficient chart quota: ${used} of ${quota} charts are used; delete a chart or ask for a higher quota`);
      }
      chart = newChart(now);
      charts[chart.id] = chart;
    }
    fill(chart, parsed, blobs.put(bytes), bytes.length, body.parameters, now);
    return { body: chartResponse(chart) };
  },

  listCharts: ({ state, projectId }) => {
    const charts = Object.values(projectOf(state, projectId).charts.charts).sort(
      (a, b) => a.name.localeCompare(b.name) || compareSemver(b.version, a.version),
    );
    // 4.6.2 table 4-386: a bare array of ChartResp (hold-25)
    return { body: charts.map(chartResponse) };
  },

  getChart: ({ state, projectId, params }) => ({ body: chartResponse(chartOf(state, projectId, params.chart_id)) }),

  updateChart: async ({ state, projectId, params, body, blobs, now }) => {
    const chart = chartOf(state, projectId, params.chart_id);
    const bytes = new Uint8Array(await body.content.arrayBuffer());
    const parsed = readPackage(bytes, body.parameters);
    const { name, version } = parsed.metadata;
    if (name !== chart.name) {
      throw chartInvalid(`the package holds chart ${name}, but chart ${chart.id} is ${chart.name}: upload it as a new chart instead`);
    }
    const other = findByNameVersion(projectOf(state, projectId).charts.charts, name, version);
    if (other && other.id !== chart.id) {
      throw chartExists(`chart ${name} version ${version} already exists as chart ${other.id}; update that chart or delete it first`);
    }
    // table 4-401 override: replacing the package of the version this chart already has overwrites an existing chart
    if (version === chart.version && !body.parameters?.override) {
      throw chartExists(`chart ${name} version ${version} already exists; set parameters.override to replace its package`);
    }
    fill(chart, parsed, blobs.put(bytes), bytes.length, body.parameters, now);
    return { body: chartResponse(chart) };
  },

  deleteChart: ({ state, projectId, params }) => {
    const chart = chartOf(state, projectId, params.chart_id);
    // The document is silent; refused like the console of the service does for templates with instances, so an
    // installed release never loses the chart its next upgrade or rollback is checked against.
    const users = releasesUsingChart(state, projectId, chart.id);
    if (users.length > 0) {
      throw chartInvalid(`chart ${chart.name} ${chart.version} is used by ${users.length} release(s): ${users.join(', ')}; delete them first`);
    }
    Reflect.deleteProperty(projectOf(state, projectId).charts.charts, chart.id);
    // 4.6.6 types the body as String without an example; the published twin (hold-12) answers the deleted chart
    return { body: chartResponse(chart) };
  },

  downloadChart: ({ state, projectId, params, blobs }) => {
    const chart = chartOf(state, projectId, params.chart_id);
    const bytes = archiveBytes(blobs, chart.archiveId);
    if (bytes === null) {
      throw new EmulatorError(500, cceErrorCodes.internal, `the package of chart ${chart.id} is missing from the emulator's blob store`);
    }
    return {
      body: bytes,
      headers: {
        'content-type': 'application/gzip',
        'content-disposition': `attachment; filename="${chartFileName(chart)}"`,
      },
    };
  },

  getChartValues: ({ state, projectId, params }) => {
    // 4.6.12 table 4-426: values is a real object here (Map<String,Object>), unlike ChartResp.values
    return { body: { values: chartOf(state, projectId, params.chart_id).values ?? {} } };
  },

  getChartQuotas: ({ state, projectId }) => ({
    // 4.6.14 tables 4-433..4-435; app.ts has already refused a project_id other than the caller's (403)
    body: { quotas: { resources: [{ type: 'Charts', quota: state.settings.chartQuota, used: chartsUsed(state, projectId) }] } },
  }),
};

/** Charts have no time-driven state; releases advance in releases.ts. */
export const reconcileCharts: Reconciler = () => false;

// ---------------------------------------------------------------------------------------------------------------
// demo content

/** The packages of the demo scenario, built with the tar writer (real .tgz files with real values.yaml). */
export function demoChartPackages(): ChartPackageSpec[] {
  const nginxValues = (tag: string) => ({
    replicaCount: 2,
    image: { repository: 'swr.cn-north-4.myhuaweicloud.com/library/nginx', pullPolicy: 'IfNotPresent', tag },
    imagePullSecrets: [],
    nameOverride: '',
    fullnameOverride: '',
    serviceAccount: { create: true, annotations: {}, name: '' },
    podAnnotations: {},
    service: { type: 'ClusterIP', port: 80 },
    ingress: { enabled: false, className: 'cce', annotations: {}, hosts: [{ host: 'chart-example.local', paths: [{ path: '/', pathType: 'Prefix' }] }], tls: [] },
    resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } },
    autoscaling: { enabled: false, minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 80 },
    nodeSelector: {},
    tolerations: [],
    affinity: {},
  });
  const nginxReadme = '# nginx\n\nA web server and reverse proxy for CCE Autopilot.\n\n## Values\n\n- `replicaCount`: number of pods\n- `service.type`: ClusterIP or LoadBalancer\n';
  const redisTemplates = {
    'templates/_helpers.tpl': '{{- define "redis.fullname" -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end }}\n',
    'templates/NOTES.txt': 'Redis can be reached at {{ include "redis.fullname" . }}-master.{{ .Release.Namespace }}.svc:6379\n',
    'templates/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "redis.fullname" . }}-configuration\ndata:\n  redis.conf: |-\n    {{- .Values.commonConfiguration | nindent 4 }}\n',
    'templates/secret.yaml': '{{- if .Values.auth.enabled }}\napiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ include "redis.fullname" . }}\ntype: Opaque\ndata:\n  redis-password: {{ .Values.auth.password | b64enc | quote }}\n{{- end }}\n',
    'templates/headless-svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "redis.fullname" . }}-headless\nspec:\n  clusterIP: None\n  ports:\n    - name: tcp-redis\n      port: 6379\n',
    'templates/master/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "redis.fullname" . }}-master\nspec:\n  type: {{ .Values.master.service.type }}\n  ports:\n    - name: tcp-redis\n      port: {{ .Values.master.service.port }}\n',
    'templates/master/statefulset.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ include "redis.fullname" . }}-master\nspec:\n  replicas: 1\n  serviceName: {{ include "redis.fullname" . }}-headless\n',
    'templates/replicas/statefulset.yaml': '{{- if .Values.replica.enabled }}\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ include "redis.fullname" . }}-replicas\nspec:\n  replicas: {{ .Values.replica.replicaCount }}\n{{- end }}\n',
  };
  const redisValues = {
    architecture: 'replication',
    auth: { enabled: true, password: '' },
    commonConfiguration: 'appendonly yes\nsave ""',
    image: { registry: 'swr.cn-north-4.myhuaweicloud.com', repository: 'library/redis', tag: '7.2.4', pullPolicy: 'IfNotPresent' },
    master: {
      count: 1,
      resources: { limits: { cpu: '1', memory: '2Gi' }, requests: { cpu: '500m', memory: '1Gi' } },
      persistence: { enabled: true, storageClass: 'csi-disk', accessModes: ['ReadWriteOnce'], size: '8Gi' },
      service: { type: 'ClusterIP', port: 6379 },
    },
    replica: {
      enabled: true,
      replicaCount: 2,
      resources: { limits: { cpu: '1', memory: '2Gi' }, requests: { cpu: '500m', memory: '1Gi' } },
      persistence: { enabled: true, storageClass: 'csi-disk', size: '8Gi' },
    },
    metrics: { enabled: false },
  };
  return [
    {
      name: 'nginx',
      version: '1.2.0',
      appVersion: '1.25.4',
      description: 'NGINX web server and reverse proxy',
      icon: 'https://raw.githubusercontent.com/cncf/artwork/main/other/nginx/icon/color/nginx-icon-color.svg',
      values: nginxValues('1.25.4'),
      templates: helmCreateTemplates('nginx'),
      readme: nginxReadme,
    },
    {
      name: 'nginx',
      version: '1.3.0',
      appVersion: '1.27.0',
      description: 'NGINX web server and reverse proxy',
      icon: 'https://raw.githubusercontent.com/cncf/artwork/main/other/nginx/icon/color/nginx-icon-color.svg',
      values: nginxValues('1.27.0'),
      templates: helmCreateTemplates('nginx'),
      readme: nginxReadme,
    },
    {
      name: 'redis',
      version: '7.2.4',
      appVersion: '7.2.4',
      description: 'Redis in-memory data store with a primary and read replicas',
      icon: 'https://redis.io/images/redis-white.png',
      values: redisValues,
      templates: redisTemplates,
      readme: '# redis\n\nRedis with one primary and `replica.replicaCount` replicas, persisted on EVS disks.\n',
    },
  ];
}

let demoArchives: Map<string, Uint8Array> | null = null;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The demo packages by content id. Seeders have no blob store, and a persisted demo state outlives the process: the
 * writer is deterministic (fixed mtime, gzip without a timestamp), so the same bytes are rebuilt on demand and
 * checked against their content id.
 */
function demoArchive(id: string): Uint8Array | null {
  demoArchives ??= new Map(demoChartPackages().map((spec) => {
    const bytes = buildChartArchive(spec);
    return [sha256(bytes), bytes] as const;
  }));
  return demoArchives.get(id) ?? null;
}

/** The package bytes of a chart: the blob store, else the built-in demo packages. */
export function archiveBytes(blobs: BlobStore, id: string): Uint8Array | null {
  return blobs.get(id) ?? demoArchive(id);
}

const DAY = 24 * 3600_000;

/** Demo scenario: nginx 1.2.0 and 1.3.0 and redis 7.2.4, uploaded over the past weeks. */
export const seedDemoCharts: Seeder = ({ state, projectId, now }) => {
  const charts = projectOf(state, projectId).charts.charts;
  const ages = [60 * DAY, 12 * DAY, 30 * DAY];
  demoChartPackages().forEach((spec, index) => {
    const bytes = buildChartArchive(spec);
    const parsed = parseChartArchive(bytes);
    const uploadedAt = now - (ages[index] ?? DAY);
    const chart = newChart(uploadedAt);
    fill(chart, parsed, sha256(bytes), bytes.length, undefined, uploadedAt);
    charts[chart.id] = chart;
  });
};

/** The demo chart of a name and version (the releases seeder installs them). */
export function findChart(state: EmulatorState, projectId: string, name: string, version: string): StoredChart | undefined {
  return findByNameVersion(projectOf(state, projectId).charts.charts, name, version);
}
