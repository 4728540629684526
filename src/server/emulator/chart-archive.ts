// Helm chart packages (.tgz) for the emulator's chart API (seed 4.6.1 / 4.6.5: `content` is the chart package file).
// Pure functions: gunzip + a small ustar/pax/GNU tar reader, Chart.yaml / values.yaml parsing, the lint checks the
// service applies unless `skip_lint`, and a tar+gzip writer (tests and the demo seeder build real packages with it).
// The rules follow what `helm package` writes and what Helm's loader refuses; where the document is silent the
// messages name exactly what is wrong, so an operator can fix the package.
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse, stringify } from 'yaml';

/** Why a package cannot be read at all (400 whatever skip_lint says). */
export class ChartArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartArchiveError';
  }
}

/** Helm's loader limits (helm.sh/helm/v3/pkg/chart/loader: MaxDecompressedChartSize, MaxDecompressedFileSize). */
export const maxUnpackedChartBytes = 100 * 1024 * 1024;
export const maxChartFileBytes = 5 * 1024 * 1024;

const BLOCK = 512;

// ---------------------------------------------------------------------------------------------------------------
// tar reading

export type TarEntry = { path: string; type: 'file' | 'directory' | 'other'; content: Uint8Array };

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function cString(block: Uint8Array, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return utf8.decode(end === -1 ? field : field.subarray(0, end));
}

/** A numeric header field: octal text (NUL/space terminated) or GNU base-256 when the high bit is set. */
function numericField(block: Uint8Array, start: number, length: number, what: string, offset: number): number {
  const field = block.subarray(start, start + length);
  const first = field[0] ?? 0;
  if (first & 0x80) {
    let value = first & 0x7f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    return value;
  }
  const nul = field.indexOf(0);
  const text = latin1.decode(nul === -1 ? field : field.subarray(0, nul)).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) {
    throw new ChartArchiveError(`the tar header at byte ${offset} has a malformed ${what} field (${JSON.stringify(text)})`);
  }
  return Number.parseInt(text, 8);
}

function checksumMatches(block: Uint8Array, stored: number): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  // old tar implementations summed signed bytes; both are accepted, as GNU tar and Go's archive/tar do
  return stored === unsigned || stored === signed;
}

/** The stored checksum, NaN when the field is not octal (then the block is not a tar header at all). */
function storedChecksum(block: Uint8Array): number {
  const nul = block.subarray(148, 156).indexOf(0);
  const text = latin1.decode(block.subarray(148, nul === -1 ? 156 : 148 + nul)).trim();
  return /^[0-7]+$/.test(text) ? Number.parseInt(text, 8) : Number.NaN;
}

const isZeroBlock = (block: Uint8Array) => block.every((byte) => byte === 0);

/** PAX extended header records: "<length> <key>=<value>\n" (POSIX.1-2001). */
function parsePaxRecords(data: Uint8Array, offset: number): Record<string, string> {
  const records: Record<string, string> = {};
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = space === -1 ? Number.NaN : Number(latin1.decode(data.subarray(at, space)));
    if (!Number.isInteger(length) || length <= 0 || at + length > data.length) {
      throw new ChartArchiveError(`the pax extended header at byte ${offset} is malformed`);
    }
    const record = utf8.decode(data.subarray(space + 1, at + length - 1));
    const eq = record.indexOf('=');
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return records;
}

/** Reads every entry of a tar archive (ustar, pax and GNU long names). Throws ChartArchiveError when it is broken. */
export function readTar(tar: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let pax: Record<string, string> = {};
  let globalPax: Record<string, string> = {};
  let gnuLongName: string | null = null;
  while (offset < tar.length) {
    if (tar.length - offset < BLOCK) {
      if (isZeroBlock(tar.subarray(offset))) break;
      throw new ChartArchiveError(`the tar archive is truncated: ${tar.length - offset} stray bytes at byte ${offset}`);
    }
    const block = tar.subarray(offset, offset + BLOCK);
    if (isZeroBlock(block)) break; // end-of-archive marker (two zero blocks; one is tolerated, as tar readers do)
    if (!checksumMatches(block, storedChecksum(block))) {
      throw new ChartArchiveError(
        offset === 0
          ? 'content is gzip-compressed but is not a tar archive (the first header has a bad checksum)'
          : `the tar archive is corrupt: the header at byte ${offset} has a bad checksum`,
      );
    }
    const typeflag = String.fromCharCode(block[156] ?? 0);
    const magic = latin1.decode(block.subarray(257, 263));
    const attributes = { ...globalPax, ...pax };
    const size = attributes.size !== undefined ? Number(attributes.size) : numericField(block, 124, 12, 'size', offset);
    if (!Number.isSafeInteger(size) || size < 0) throw new ChartArchiveError(`the tar header at byte ${offset} has an invalid size`);
    const dataStart = offset + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > tar.length) {
      throw new ChartArchiveError(`the tar archive is truncated: an entry at byte ${offset} needs ${size} bytes, ${tar.length - dataStart} are left`);
    }
    const data = tar.subarray(dataStart, dataEnd);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (typeflag === 'x') {
      pax = parsePaxRecords(data, dataStart - BLOCK);
      continue;
    }
    if (typeflag === 'g') {
      globalPax = { ...globalPax, ...parsePaxRecords(data, dataStart - BLOCK) };
      continue;
    }
    if (typeflag === 'L') {
      gnuLongName = cString(data, 0, data.length);
      continue;
    }
    if (typeflag === 'K') continue; // GNU long link name: links are not part of a chart

    let path = cString(block, 0, 100);
    // the prefix field exists in POSIX ustar only; GNU tar ("ustar  ") keeps other data there
    if (magic === 'ustar\0') {
      const prefix = cString(block, 345, 155);
      if (prefix) path = `${prefix}/${path}`;
    }
    if (gnuLongName !== null) path = gnuLongName;
    if (attributes.path !== undefined) path = attributes.path;
    pax = {};
    gnuLongName = null;

    const type = typeflag === '0' || typeflag === '\0' || typeflag === '7' ? 'file' : typeflag === '5' ? 'directory' : 'other';
    entries.push({ path, type, content: type === 'file' ? new Uint8Array(data) : new Uint8Array(0) });
  }
  return entries;
}

/** gunzip with Helm's size limit; a file that is not gzip at all gets its own message. */
export function gunzipArchive(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new ChartArchiveError('content is not a gzip file: a chart package is the .tgz that `helm package` writes');
  }
  try {
    return new Uint8Array(gunzipSync(bytes, { maxOutputLength: maxUnpackedChartBytes }));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || (error instanceof RangeError && /larger than/i.test(error.message))) {
      throw new ChartArchiveError(`the chart unpacks to more than ${maxUnpackedChartBytes / 1024 / 1024} MiB`);
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new ChartArchiveError(`content is a broken gzip file (${reason})`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// chart reading

export type ChartType = 'application' | 'library';

/** The Chart.yaml fields the emulator uses (Helm chart metadata). */
export type ChartMetadata = {
  apiVersion: string;
  name: string;
  version: string;
  description: string;
  appVersion: string | null;
  icon: string;
  type: ChartType;
  kubeVersion: string | null;
};

/** One Kubernetes object a template renders, as far as it can be read without running the template engine. */
export type TemplateManifest = {
  /** Path inside the chart directory, e.g. "templates/deployment.yaml". */
  template: string;
  apiVersion: string;
  kind: string;
  /** A literal metadata.name, or null when the name is templated (then it is the release's fullname + suffix). */
  literalName: string | null;
  /** What follows the templated part of the name, e.g. "-headless" in `{{ include "x.fullname" . }}-headless`. */
  nameSuffix: string;
  /** A leading `{{- if .Values.a.b }}` / `{{- if not .Values.a.b }}` that decides whether the object is rendered. */
  condition: { path: string[]; negate: boolean } | null;
};

export type ParsedChart = {
  /** The top-level directory of the package, e.g. "nginx" for nginx/Chart.yaml. */
  directory: string;
  metadata: ChartMetadata;
  /** The parsed values.yaml; null when there is none, it is empty, or it cannot be read (see valuesProblem). */
  values: Record<string, unknown> | null;
  /** Why values.yaml cannot be used (invalid YAML, not a mapping): a lint failure. */
  valuesProblem: string | null;
  /** Whether the package has a README.md (the service names it as the chart's `instruction`). */
  hasReadme: boolean;
  manifests: TemplateManifest[];
  /** Every file path relative to the chart directory. */
  files: string[];
};

/** SemVer 2.0.0 (https://semver.org), the rule Helm applies to a chart version. */
export const semverPattern =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Helm's loader rule for chart names (pkg/chart/metadata.go: letters, digits, ".", "_", "-"). */
const chartNamePattern = /^[A-Za-z0-9._-]+$/;

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

function decodeText(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ChartArchiveError(`${file} is not UTF-8 text`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function normalisePath(raw: string): string {
  const path = raw.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  if (path.startsWith('/') || path.split('/').includes('..')) {
    // Helm's loader: "chart illegally references parent directory"
    throw new ChartArchiveError(`the entry ${JSON.stringify(raw)} points outside the chart directory`);
  }
  return path;
}

function stringField(meta: Record<string, unknown>, key: string, required: boolean): string | null {
  const value = meta[key];
  if (value === undefined || value === null || value === '') {
    if (required) throw new ChartArchiveError(`Chart.yaml has no ${key}: apiVersion, name and version are required`);
    return null;
  }
  if (typeof value !== 'string') {
    throw new ChartArchiveError(`Chart.yaml ${key} must be a string (quote it, e.g. ${key}: "${String(value)}")`);
  }
  return value;
}

function readMetadata(text: string): ChartMetadata {
  let meta: unknown;
  try {
    meta = parse(text);
  } catch (error) {
    throw new ChartArchiveError(`Chart.yaml is not valid YAML: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
  if (!isRecord(meta)) throw new ChartArchiveError('Chart.yaml must be a YAML mapping with apiVersion, name and version');
  const apiVersion = stringField(meta, 'apiVersion', true) ?? '';
  const name = stringField(meta, 'name', true) ?? '';
  const version = stringField(meta, 'version', true) ?? '';
  if (!chartNamePattern.test(name)) {
    throw new ChartArchiveError(`Chart.yaml name ${JSON.stringify(name)} is invalid: use letters, digits, ".", "_" and "-"`);
  }
  if (!semverPattern.test(version)) {
    throw new ChartArchiveError(`Chart.yaml version ${JSON.stringify(version)} is not a valid SemVer 2 version such as 1.2.0`);
  }
  const type = stringField(meta, 'type', false) ?? 'application';
  if (type !== 'application' && type !== 'library') {
    throw new ChartArchiveError(`Chart.yaml type ${JSON.stringify(type)} is invalid: it must be "application" or "library"`);
  }
  const appVersion = meta.appVersion;
  return {
    apiVersion,
    name,
    version,
    description: stringField(meta, 'description', false) ?? '',
    // appVersion is often written unquoted (appVersion: 1.16): keep what YAML read, as text
    appVersion: typeof appVersion === 'string' || typeof appVersion === 'number' ? String(appVersion) : null,
    icon: stringField(meta, 'icon', false) ?? '',
    type,
    kubeVersion: stringField(meta, 'kubeVersion', false),
  };
}

function readValues(text: string): { values: Record<string, unknown> | null; problem: string | null } {
  let values: unknown;
  try {
    values = parse(text);
  } catch (error) {
    return { values: null, problem: `values.yaml is not valid YAML: ${firstLine(error instanceof Error ? error.message : String(error))}` };
  }
  if (values === null || values === undefined) return { values: null, problem: null };
  if (!isRecord(values)) return { values: null, problem: 'values.yaml must be a YAML mapping of chart values' };
  // values travel as JSON (ChartResp.values is JSON-encoded): keep exactly what JSON can carry
  const json: unknown = JSON.parse(JSON.stringify(values));
  return { values: isRecord(json) ? json : null, problem: null };
}

/** Default apiVersion of a kind, for templates that compute it (e.g. `{{ include "common.capabilities..." }}`). */
const defaultApiVersions: Record<string, string> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Ingress: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  PodDisruptionBudget: 'policy/v1',
  Role: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1',
  ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
};

const conditionPattern = /\{\{-?\s*if\s+(not\s+)?\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*-?\}\}/;

/** Reads the objects a template file declares: its `kind:` / `apiVersion:` / `metadata.name` lines per document. */
export function readTemplateManifests(template: string, text: string): TemplateManifest[] {
  const manifests: TemplateManifest[] = [];
  for (const doc of text.split(/^---.*$/m)) {
    const kind = /^kind:\s*["']?([A-Za-z0-9]+)["']?\s*$/m.exec(doc)?.[1];
    if (!kind) continue;
    const apiVersionText = /^apiVersion:\s*(.+?)\s*$/m.exec(doc)?.[1] ?? '';
    const apiVersion = apiVersionText && !apiVersionText.includes('{{') ? apiVersionText.replace(/^["']|["']$/g, '') : (defaultApiVersions[kind] ?? 'v1');
    // metadata.name: the first `  name:` line after `metadata:`
    const metadataAt = doc.search(/^metadata:\s*$/m);
    const nameLine = metadataAt === -1 ? undefined : /^ {2}name:[ \t]*(.+?)[ \t]*$/m.exec(doc.slice(metadataAt))?.[1];
    let literalName: string | null = null;
    let nameSuffix = '';
    if (nameLine !== undefined && !nameLine.includes('{{')) literalName = nameLine.replace(/^["']|["']$/g, '');
    else if (nameLine !== undefined) nameSuffix = nameLine.slice(nameLine.lastIndexOf('}}') + 2).replace(/["']/g, '').trim();
    const beforeKind = doc.slice(0, doc.search(/^kind:/m));
    const condition = conditionPattern.exec(beforeKind);
    manifests.push({
      template,
      apiVersion,
      kind,
      literalName,
      nameSuffix,
      condition: condition ? { path: (condition[2] ?? '').slice(1).split('.'), negate: Boolean(condition[1]) } : null,
    });
  }
  return manifests;
}

/** Unpacks and reads a Helm chart package. Throws ChartArchiveError (→ 400) when it cannot be used at all. */
export function parseChartArchive(bytes: Uint8Array): ParsedChart {
  const entries = readTar(gunzipArchive(bytes));
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (entry.type !== 'file') continue;
    const path = normalisePath(entry.path);
    if (entry.content.length > maxChartFileBytes) {
      throw new ChartArchiveError(`${path} is larger than the ${maxChartFileBytes / 1024 / 1024} MiB a chart file may have`);
    }
    files.set(path, entry.content);
  }
  if (files.size === 0) throw new ChartArchiveError('the chart package holds no files');
  if (files.has('Chart.yaml')) {
    throw new ChartArchiveError('Chart.yaml must be inside the chart directory (<chart>/Chart.yaml, as `helm package` writes it)');
  }
  const chartFiles = [...files.keys()].filter((path) => /^[^/]+\/Chart\.yaml$/.test(path));
  if (chartFiles.length === 0) throw new ChartArchiveError('the chart package has no <chart>/Chart.yaml');
  if (chartFiles.length > 1) {
    throw new ChartArchiveError(`the chart package holds more than one chart: ${chartFiles.join(', ')}`);
  }
  const chartFile = chartFiles[0] ?? '';
  const directory = chartFile.slice(0, chartFile.indexOf('/'));
  const prefix = `${directory}/`;
  const outside = [...files.keys()].find((path) => !path.startsWith(prefix));
  if (outside !== undefined) {
    throw new ChartArchiveError(`${outside} is outside the chart directory ${directory}/: every file of a chart sits under it`);
  }
  const text = (path: string) => {
    const content = files.get(prefix + path);
    return content === undefined ? null : decodeText(content, prefix + path);
  };

  const metadata = readMetadata(text('Chart.yaml') ?? '');
  const valuesText = text('values.yaml');
  const { values, problem } = valuesText === null ? { values: null, problem: null } : readValues(valuesText);

  const relative = [...files.keys()].map((path) => path.slice(prefix.length)).sort();
  const manifests: TemplateManifest[] = [];
  for (const path of relative) {
    // NOTES.txt, helpers (_*.tpl) and test hooks are not installed objects; subcharts (charts/) are left out
    if (!/^templates\/.+\.(ya?ml|json)$/.test(path) || /^templates\/tests\//.test(path) || /(^|\/)_[^/]*$/.test(path)) continue;
    manifests.push(...readTemplateManifests(path, text(path) ?? ''));
  }
  return { directory, metadata, values, valuesProblem: problem, hasReadme: relative.includes('README.md'), manifests, files: relative };
}

/**
 * The checks an upload runs unless parameters.skip_lint (seed 4.6.1 table 4-383: "skip_lint: whether to validate the
 * uploaded chart"), in the spirit of `helm lint`. Each entry is one failure; an empty list means the chart passes.
 */
export function lintChart(chart: ParsedChart): string[] {
  const failures: string[] = [];
  const { metadata } = chart;
  if (metadata.apiVersion !== 'v1' && metadata.apiVersion !== 'v2') {
    failures.push(`Chart.yaml: apiVersion ${JSON.stringify(metadata.apiVersion)} is not valid; it must be "v1" or "v2"`);
  }
  if (metadata.apiVersion === 'v1' && metadata.type === 'library') {
    failures.push('Chart.yaml: type "library" needs apiVersion "v2"');
  }
  if (chart.directory !== metadata.name) {
    failures.push(`Chart.yaml: the directory name (${chart.directory}) and the chart name (${metadata.name}) must match`);
  }
  if (metadata.description.trim() === '') failures.push('Chart.yaml: description is required');
  if (chart.valuesProblem !== null) failures.push(chart.valuesProblem);
  if (metadata.type === 'application' && !chart.files.some((path) => path.startsWith('templates/'))) {
    failures.push('templates/: an application chart needs at least one template');
  }
  return failures;
}

// ---------------------------------------------------------------------------------------------------------------
// writing (tests, demo seeder)

export type TarFile = { path: string; content: string | Uint8Array; mode?: number; mtime?: number };

const encoder = new TextEncoder();

function writeString(block: Uint8Array, start: number, length: number, value: string): void {
  block.set(encoder.encode(value).subarray(0, length), start);
}

function writeOctal(block: Uint8Array, start: number, length: number, value: number): void {
  writeString(block, start, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

function header(path: string, size: number, typeflag: string, mode: number, mtime: number): Uint8Array {
  const block = new Uint8Array(BLOCK);
  let name = path;
  let prefix = '';
  if (encoder.encode(path).length > 100) {
    // ustar: split at a "/" so that name fits 100 bytes and prefix 155; the caller adds a pax path otherwise
    const cut = path.lastIndexOf('/', 155);
    if (cut > 0 && encoder.encode(path.slice(cut + 1)).length <= 100) {
      prefix = path.slice(0, cut);
      name = path.slice(cut + 1);
    } else {
      name = path.slice(0, 100);
    }
  }
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, mode);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, Math.floor(mtime / 1000));
  block.fill(0x20, 148, 156);
  writeString(block, 156, 1, typeflag);
  writeString(block, 257, 6, 'ustar\0');
  writeString(block, 263, 2, '00');
  writeString(block, 345, 155, prefix);
  let sum = 0;
  for (const byte of block) sum += byte;
  writeString(block, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

function fitsUstar(path: string): boolean {
  if (encoder.encode(path).length <= 100) return true;
  const cut = path.lastIndexOf('/', 155);
  return cut > 0 && encoder.encode(path.slice(cut + 1)).length <= 100 && encoder.encode(path.slice(0, cut)).length <= 155;
}

function paxRecord(key: string, value: string): string {
  // the length prefix counts its own digits: grow it until it is stable
  const body = ` ${key}=${value}\n`;
  const bodyLength = encoder.encode(body).length;
  let total = bodyLength;
  for (;;) {
    const next = bodyLength + String(total).length;
    if (next === total) break;
    total = next;
  }
  return `${total}${body}`;
}

const padding = (size: number) => new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);

/** A POSIX tar archive (ustar, with a pax header for paths that do not fit), like Go's archive/tar writes. */
export function writeTar(files: readonly TarFile[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const file of files) {
    const content = typeof file.content === 'string' ? encoder.encode(file.content) : file.content;
    const mtime = file.mtime ?? 0;
    if (!fitsUstar(file.path)) {
      const records = encoder.encode(paxRecord('path', file.path));
      parts.push(header(`PaxHeaders/${file.path.slice(-80)}`, records.length, 'x', 0o644, mtime), records, padding(records.length));
    }
    parts.push(header(file.path, content.length, '0', file.mode ?? 0o644, mtime), content, padding(content.length));
  }
  parts.push(new Uint8Array(BLOCK * 2));
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function writeTgz(files: readonly TarFile[]): Uint8Array {
  return new Uint8Array(gzipSync(writeTar(files)));
}

export type ChartPackageSpec = {
  name: string;
  version: string;
  apiVersion?: string;
  description?: string;
  appVersion?: string;
  icon?: string;
  type?: ChartType;
  /** values.yaml as data (written as YAML) or as the exact text. */
  values?: Record<string, unknown> | string;
  /** Paths relative to the chart directory, e.g. { "templates/deployment.yaml": "..." }. */
  templates?: Record<string, string>;
  readme?: string;
  /** Other files, relative to the chart directory. */
  files?: Record<string, string | Uint8Array>;
  /** Replaces the generated Chart.yaml text entirely. */
  chartYaml?: string;
  /** The top-level directory; the chart name by default. */
  directory?: string;
  mtime?: number;
};

/** A chart package as `helm package` lays it out: <name>/Chart.yaml, values.yaml, templates/…, README.md. */
export function buildChartArchive(spec: ChartPackageSpec): Uint8Array {
  const dir = spec.directory ?? spec.name;
  const chartYaml =
    spec.chartYaml ??
    stringify({
      apiVersion: spec.apiVersion ?? 'v2',
      name: spec.name,
      description: spec.description ?? `A Helm chart for ${spec.name}`,
      type: spec.type ?? 'application',
      version: spec.version,
      ...(spec.appVersion !== undefined ? { appVersion: spec.appVersion } : {}),
      ...(spec.icon !== undefined ? { icon: spec.icon } : {}),
    });
  const mtime = spec.mtime ?? 0;
  const files: TarFile[] = [{ path: `${dir}/Chart.yaml`, content: chartYaml, mtime }];
  if (spec.values !== undefined) {
    files.push({ path: `${dir}/values.yaml`, content: typeof spec.values === 'string' ? spec.values : stringify(spec.values), mtime });
  }
  for (const [path, content] of Object.entries(spec.templates ?? helmCreateTemplates(spec.name))) {
    files.push({ path: `${dir}/${path}`, content, mtime });
  }
  if (spec.readme !== undefined) files.push({ path: `${dir}/README.md`, content: spec.readme, mtime });
  for (const [path, content] of Object.entries(spec.files ?? {})) files.push({ path: `${dir}/${path}`, content, mtime });
  return writeTgz(files);
}

/** The templates `helm create <name>` writes (trimmed): what a typical application chart installs. */
export function helmCreateTemplates(name: string): Record<string, string> {
  const fullname = `{{ include "${name}.fullname" . }}`;
  return {
    'templates/_helpers.tpl': `{{- define "${name}.fullname" -}}\n{{- if .Values.fullnameOverride }}{{ .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}\n{{- else }}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end }}\n{{- end }}\n`,
    'templates/NOTES.txt': `1. Get the application URL by running:\n  kubectl --namespace {{ .Release.Namespace }} port-forward svc/${fullname} 8080:80\n`,
    'templates/serviceaccount.yaml': `{{- if .Values.serviceAccount.create -}}\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${fullname}\n{{- end }}\n`,
    'templates/service.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${fullname}\nspec:\n  type: {{ .Values.service.type }}\n  ports:\n    - port: {{ .Values.service.port }}\n      targetPort: http\n`,
    'templates/deployment.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${fullname}\nspec:\n  replicas: {{ .Values.replicaCount }}\n  template:\n    spec:\n      containers:\n        - name: {{ .Chart.Name }}\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n`,
    'templates/ingress.yaml': `{{- if .Values.ingress.enabled -}}\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${fullname}\n{{- end }}\n`,
    'templates/hpa.yaml': `{{- if .Values.autoscaling.enabled }}\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${fullname}\n{{- end }}\n`,
    'templates/tests/test-connection.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: "${fullname}-test-connection"\n  annotations:\n    "helm.sh/hook": test\n`,
  };
}
