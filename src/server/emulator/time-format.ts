// Timestamp formats differ per resource (digest §1.3); the emulator writes each the way the service does.

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Clusters and jobs: Go time.String() in UTC, e.g. "2024-06-04 12:49:28.773718 +0000 UTC". */
export function goUtcTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000 +0000 UTC`;
}

/** Add-ons and charts: RFC 3339 without fraction, e.g. "2024-07-18T04:04:21Z". */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Upgrade and snapshot tasks: "2023-11-24 16:41:12.09236 +0800 CST" (China Standard Time). */
export function goCstTime(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)} +0800 CST`;
}

/** Releases: RFC 3339 with the +08:00 offset, e.g. "2023-11-14T20:30:57+08:00". */
export function rfc3339Cst(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}
