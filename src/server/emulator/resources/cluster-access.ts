// Cluster access (seed 4.1.6, 4.1.8, 4.1.9): kubeconfig certificates, the public API server address (master EIP)
// and the access addresses. The emulator has no VPC/EIP service: an EIP id stands for an existing EIP, and its
// address and bandwidth are derived from the id, so the same EIP always shows the same address.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { clusterCertPortIdHeader, maxCertDurationSentinel } from '../../../contract/cluster-access.ts';
import { parseServiceTime } from '../../../contract/time.ts';
import { conflict, invalid } from '../errors.ts';
import type { Handlers } from '../handler.ts';
import { projectOf, type StoredCluster } from '../state.ts';
import {
  assertAvailable,
  assertNotLocked,
  findCluster,
  masterEipOf,
  publicEndpointUrl,
  setMasterEip,
  type MasterEipBinding,
} from './clusters.ts';

const DAY = 24 * 3600_000;

function digest(label: string, value: string): Buffer {
  return createHash('sha256').update(`${label}\0${value}`).digest();
}

/** A UUID-shaped id derived from a value (port ids). */
function derivedUuid(label: string, value: string): string {
  const hex = digest(label, value).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------------------------

/** The master's VIP in the cluster's subnet, like "https://192.168.3.238:5443" (lines 3989, 4294). */
export function privateEndpointOf(cluster: StoredCluster): string {
  if (cluster.status?.phase === 'Creating' || (cluster.status?.endpoints ?? []).length === 0) return '';
  const d = digest('vip', cluster.metadata.uid ?? cluster.metadata.name);
  return `https://192.168.${(d[0] ?? 0) % 16}.${2 + ((d[1] ?? 0) % 250)}:5443`;
}

/** Public /16 blocks of Huawei Cloud EIP pools; the address of an EIP is picked from them by its id. */
const eipPrefixes = ['121.36', '124.70', '139.9', '116.205', '113.44', '120.46', '123.60', '110.41', '159.138', '1.94'] as const;
const eipBandwidthSizes = [5, 10, 20, 50, 100] as const;

export function eipAddressOf(eipId: string): string {
  const d = digest('eip', eipId);
  const prefix = eipPrefixes[(d[0] ?? 0) % eipPrefixes.length] ?? eipPrefixes[0];
  return `${prefix}.${d[1] ?? 0}.${1 + ((d[2] ?? 0) % 254)}`;
}

/** Dedicated ("PER") bandwidth of 5-100 Mbit/s; the documented example is {size: 5, sharetype: "PER"} (line 3982). */
export function eipBandwidthOf(eipId: string): { size: number; sharetype: string } {
  const d = digest('eip-bandwidth', eipId);
  return { size: eipBandwidthSizes[(d[0] ?? 0) % eipBandwidthSizes.length] ?? 5, sharetype: 'PER' };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Table 4-136 spec: the bound EIP, or an empty bandwidth when none is bound (4.1.9 example, line 4288). */
function eipSpecOf(binding: MasterEipBinding | null) {
  // Emitted as the SDK model and the tables spell it, `IsDynamic` (sdk-fidelity §6); EIPs bound through this API
  // already exist, they are not created dynamically.
  return binding
    ? { id: binding.id, eip: { bandwidth: { ...binding.bandwidth } }, IsDynamic: false }
    : { eip: { bandwidth: {} }, IsDynamic: false };
}

function accessStatusOf(cluster: StoredCluster, binding: MasterEipBinding | null) {
  return { privateEndpoint: privateEndpointOf(cluster), publicEndpoint: binding ? publicEndpointUrl(binding.ip) : '' };
}

// ---------------------------------------------------------------------------------------------------------------
// X.509 (DER by hand: node:crypto signs but does not build certificates)
// ---------------------------------------------------------------------------------------------------------------

function tlv(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  const length = body.length;
  let header: number[];
  if (length < 0x80) header = [tag, length];
  else {
    const bytes: number[] = [];
    for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
    header = [tag, 0x80 | bytes.length, ...bytes];
  }
  return Buffer.concat([Buffer.from(header), body]);
}

const sequence = (...contents: Buffer[]) => tlv(0x30, ...contents);

function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function objectId(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out = [40 * (arcs[0] ?? 0) + (arcs[1] ?? 0)];
  for (const arc of arcs.slice(2)) {
    const group = [arc % 128];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) group.unshift(0x80 | (n % 128));
    out.push(...group);
  }
  return tlv(0x06, Buffer.from(out));
}

const utf8String = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
const octetString = (bytes: Buffer) => tlv(0x04, bytes);
const bitString = (bytes: Buffer, unusedBits = 0) => tlv(0x03, Buffer.from([unusedBits]), bytes);
const booleanTrue = () => tlv(0x01, Buffer.from([0xff]));

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
function time(ms: number): Buffer {
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString(); // 2024-06-04T12:49:28.000Z
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = Number(iso.slice(0, 4));
  return year < 2050 ? tlv(0x17, Buffer.from(digits.slice(2))) : tlv(0x18, Buffer.from(digits));
}

function distinguishedName(commonName: string, organization: string): Buffer {
  const rdn = (oid: string, value: string) => tlv(0x31, sequence(objectId(oid), utf8String(value)));
  return sequence(rdn('2.5.4.10', organization), rdn('2.5.4.3', commonName));
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectId(oid), ...(critical ? [booleanTrue()] : []), octetString(value));
}

const ed25519Algorithm = () => sequence(objectId('1.3.101.112'));

type CertificateInput = {
  serial: Buffer;
  issuer: Buffer;
  subject: Buffer;
  notBefore: number;
  notAfter: number;
  subjectPublicKey: KeyObject;
  ca: boolean;
  issuerKey: KeyObject;
};

/** An X.509 v3 certificate signed with Ed25519, as PEM. */
function certificatePem(input: CertificateInput): string {
  const extensions = input.ca
    ? [
        extension('2.5.29.19', true, sequence(booleanTrue())), // basicConstraints CA:TRUE
        extension('2.5.29.15', true, bitString(Buffer.from([0x86]), 1)), // keyUsage digitalSignature, keyCertSign, cRLSign
      ]
    : [
        extension('2.5.29.19', true, sequence()), // basicConstraints CA:FALSE
        extension('2.5.29.15', true, bitString(Buffer.from([0x80]), 7)), // keyUsage digitalSignature (an EC key encrypts nothing)
        extension('2.5.29.37', false, sequence(objectId('1.3.6.1.5.5.7.3.2'))), // extKeyUsage clientAuth
      ];
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))), // v3
    integer(input.serial),
    ed25519Algorithm(),
    input.issuer,
    sequence(time(input.notBefore), time(input.notAfter)),
    input.subject,
    input.subjectPublicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, sequence(...extensions)),
  );
  const der = sequence(tbs, ed25519Algorithm(), bitString(sign(null, tbs, input.issuerKey)));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * The cluster's CA: an Ed25519 key derived from the cluster uid (Ed25519 keys and signatures are deterministic),
 * so every kubeconfig of a cluster carries the same certificate-authority-data, as a real cluster's would.
 */
function clusterCa(cluster: StoredCluster) {
  const uid = cluster.metadata.uid ?? cluster.metadata.name;
  const seed = digest('cluster-ca', uid);
  const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  const key = createPrivateKey({ key: Buffer.concat([pkcs8Prefix, seed]), format: 'der', type: 'pkcs8' });
  const name = distinguishedName(`cce-autopilot-ca-${uid}`, 'CCE Autopilot');
  const createdAt = parseServiceTime(cluster.metadata.creationTimestamp);
  const notBefore = Number.isNaN(createdAt) ? 0 : createdAt;
  const pem = certificatePem({
    serial: digest('cluster-ca-serial', uid).subarray(0, 16),
    issuer: name,
    subject: name,
    notBefore,
    notAfter: addUtcYears(notBefore, 30),
    subjectPublicKey: createPublicKey(key),
    ca: true,
    issuerKey: key,
  });
  return { key, name, pem };
}

function addUtcYears(ms: number, years: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

/**
 * Seed 4.1.6 line 3242: 1-1827 days, -1 for the maximum of 5 years; "the real maximum depends on the leap years
 * in the 5 years, e.g. 1826". The maximum is the number of days to the same date 5 years on.
 */
export function maxCertDurationDaysFrom(now: number): number {
  return Math.floor((addUtcYears(now, 5) - now) / DAY);
}

export function certNotAfter(now: number, durationDays: number): number {
  return durationDays === maxCertDurationSentinel ? addUtcYears(now, 5) : now + durationDays * DAY;
}

/**
 * A client certificate (ECDSA P-256 key, signed by the cluster CA) valid from now until `notAfter`: the validity
 * the caller asked for is in the certificate itself, where kubectl and the console read it.
 */
function issueClientCertificate(cluster: StoredCluster, now: number, notAfter: number) {
  const ca = clusterCa(cluster);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const serial = digest('client-serial', `${cluster.metadata.uid ?? ''}:${now}:${Math.random()}`).subarray(0, 16);
  const certificate = certificatePem({
    serial,
    issuer: ca.name,
    subject: distinguishedName('user', 'system:masters'),
    notBefore: now,
    notAfter,
    subjectPublicKey: publicKey,
    ca: false,
    issuerKey: ca.key,
  });
  const key = privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  return { caPem: ca.pem, certificate, key };
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function parseMinorVersion(version: string | null | undefined): { major: number; minor: number } | null {
  const match = /^v?(\d+)\.(\d+)/.exec(version ?? '');
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------------------------

export const clusterAccessHandlers: Handlers = {
  createClusterCert: ({ state, projectId, params, body, now }) => {
    const cluster = findCluster(state, projectId, params.cluster_id);
    assertAvailable(cluster, 'issuing a cluster certificate');
    // Line 3215: clusters of version 1.13 and later only.
    const version = parseMinorVersion(cluster.spec.version);
    if (!version || version.major < 1 || (version.major === 1 && version.minor < 13)) {
      throw invalid(`Invalid request: cluster certificates need a cluster of version v1.13 or later; cluster ${cluster.metadata.name} is ${cluster.spec.version ?? 'unknown'}`);
    }
    const maxDays = maxCertDurationDaysFrom(now);
    if (body.duration > maxDays) {
      throw invalid(
        `Invalid request: duration ${body.duration} is longer than 5 years from today (${maxDays} days); use at most ${maxDays}, or ${maxCertDurationSentinel} for the 5-year maximum`,
      );
    }
    const issued = issueClientCertificate(cluster, now, certNotAfter(now, body.duration));
    const binding = masterEipOf(cluster);
    const privateEndpoint = privateEndpointOf(cluster);

    // Tables 4-114 … 4-120: internalCluster/internal always; externalCluster/external when a public IP is bound,
    // with insecure-skip-tls-verify (and so without a CA: kubectl refuses both together); current-context external
    // when there is a public IP.
    const kubeconfig = {
      kind: 'Config',
      apiVersion: 'v1',
      preferences: {},
      clusters: [
        { name: 'internalCluster', cluster: { server: privateEndpoint, 'certificate-authority-data': base64(issued.caPem) } },
        ...(binding ? [{ name: 'externalCluster', cluster: { server: publicEndpointUrl(binding.ip), 'insecure-skip-tls-verify': true } }] : []),
      ],
      users: [{ name: 'user', user: { 'client-certificate-data': base64(issued.certificate), 'client-key-data': base64(issued.key) } }],
      contexts: [
        { name: 'internal', context: { cluster: 'internalCluster', user: 'user' } },
        ...(binding ? [{ name: 'external', context: { cluster: 'externalCluster', user: 'user' } }] : []),
      ],
      'current-context': binding ? 'external' : 'internal',
    };
    // Table 4-113: the port ID of the control node.
    return { body: kubeconfig, headers: { [clusterCertPortIdHeader]: derivedUuid('master-port', cluster.metadata.uid ?? cluster.metadata.name) } };
  },

  updateClusterEip: ({ state, projectId, params, body, now }) => {
    const cluster = findCluster(state, projectId, params.cluster_id);
    const current = masterEipOf(cluster);

    if (body.spec.action === 'unbind') {
      assertNotLocked(cluster, 'unbinding the EIP');
      if (!current) throw invalid(`Invalid request: cluster ${cluster.metadata.name} has no EIP bound to its API server; there is nothing to unbind`);
      setMasterEip(cluster, null, now);
      // Line 3970: unbind succeeds with no body.
      return { status: 200, body: undefined };
    }

    assertAvailable(cluster, 'binding an EIP');
    const eipId = body.spec.spec?.id ?? '';
    if (!uuidPattern.test(eipId)) throw invalid(`Invalid request: spec.spec.id must be the ID of an EIP (a UUID); got "${eipId}"`);
    if (current) {
      throw conflict(
        current.id === eipId
          ? `The resource already exists: EIP ${eipId} is already bound to cluster ${cluster.metadata.name}`
          : `The resource already exists: cluster ${cluster.metadata.name} already has EIP ${current.id} (${current.ip}) bound; unbind it first`,
      );
    }
    const holder = Object.values(projectOf(state, projectId).clusters).find((c) => masterEipOf(c)?.id === eipId);
    if (holder) throw conflict(`The resource already exists: EIP ${eipId} is bound to cluster ${holder.metadata.name}`);

    const binding: MasterEipBinding = { id: eipId, ip: eipAddressOf(eipId), bandwidth: eipBandwidthOf(eipId), boundAt: now };
    setMasterEip(cluster, binding, now);
    // Table 4-133 / the SDK's MasterEIPResponse: `elasticIp` (N4) and `IsDynamic` (N3).
    return {
      body: {
        metadata: {},
        spec: { action: 'bind', spec: eipSpecOf(binding), elasticIp: binding.ip },
        status: accessStatusOf(cluster, binding),
      },
    };
  },

  getClusterEndpoints: ({ state, projectId, params }) => {
    const cluster = findCluster(state, projectId, params.cluster_id);
    const binding = masterEipOf(cluster);
    return { body: { metadata: {}, spec: { spec: eipSpecOf(binding) }, status: accessStatusOf(cluster, binding) } };
  },
};
