// Service timestamps come in several formats per resource (digest §1.3): Go time.String() with zone name,
// RFC 3339 with Z or an offset. One parser for the UI and the emulator.

/** Epoch ms of a service timestamp, NaN when it cannot be read. */
export function parseServiceTime(value: string | null | undefined): number {
  if (!value) return Number.NaN;
  const go = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? ([+-]\d{4})/.exec(value);
  if (go) {
    const offset = `${go[4]?.slice(0, 3)}:${go[4]?.slice(3)}`;
    return Date.parse(`${go[1]}T${go[2]}${(go[3] ?? '').slice(0, 4)}${offset}`);
  }
  return Date.parse(value);
}
