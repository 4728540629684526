// Finds the operation of the table that a method + raw path stands for. Used by the proxy's allowlist and the
// emulator's router, so both accept exactly the same requests.
import type { AnyOperation } from './operation.ts';

export type PathMatch<O extends AnyOperation = AnyOperation> = {
  operation: O;
  /** Decoded path parameters. */
  params: Record<string, string>;
};

export type PathRefusal = { refused: string };

type CompiledOperation<O extends AnyOperation> = { operation: O; segments: Array<{ literal: string } | { param: string }> };

function compile<O extends AnyOperation>(operation: O): CompiledOperation<O> {
  const segments = operation.path
    .split('/')
    .slice(1)
    .map((segment) => {
      const m = /^\{([a-z_]+)\}$/.exec(segment);
      return m?.[1] ? { param: m[1] } : { literal: segment };
    });
  return { operation, segments };
}

/** C0 controls and DEL: never part of a path a caller means (CRLF injection, NUL truncation). */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const plainSegment = /^[A-Za-z0-9\-_.~]+$/;

/**
 * Splits a raw (still percent-encoded) path into decoded segments, refusing anything that could change what is
 * addressed: empty segments, `.`/`..`, encoded slashes or backslashes, control characters, broken escapes.
 */
export function splitRawPath(rawPath: string): string[] | PathRefusal {
  if (!rawPath.startsWith('/')) return { refused: 'path must start with /' };
  const rawSegments = rawPath.slice(1).split('/');
  const out: string[] = [];
  for (const raw of rawSegments) {
    if (raw === '') return { refused: 'empty path segment' };
    // the hot path: ids and literals decode to themselves, and hold no slash, backslash or control character
    if (plainSegment.test(raw)) {
      if (raw === '.' || raw === '..') return { refused: 'dot segments are not allowed in the path' };
      out.push(raw);
      continue;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return { refused: 'malformed percent-encoding in path' };
    }
    if (decoded === '.' || decoded === '..') return { refused: 'dot segments are not allowed in the path' };
    if (/[/\\]/.test(decoded)) return { refused: 'encoded slashes are not allowed in a path segment' };
    if (hasControlCharacter(decoded)) return { refused: 'control characters are not allowed in the path' };
    out.push(decoded);
  }
  return out;
}

export function createMatcher<O extends AnyOperation>(table: readonly O[]) {
  // candidates by method and number of segments: a path is compared with the few operations of its shape only
  const byShape = new Map<string, CompiledOperation<O>[]>();
  for (const compiled of table.map(compile)) {
    const key = `${compiled.operation.method} ${compiled.segments.length}`;
    byShape.set(key, [...(byShape.get(key) ?? []), compiled]);
  }
  return function match(method: string, rawPath: string): PathMatch<O> | PathRefusal | null {
    const segments = splitRawPath(rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath);
    if ('refused' in segments) return segments;
    let best: { match: PathMatch<O>; literals: number } | null = null;
    for (const candidate of byShape.get(`${method.toUpperCase()} ${segments.length}`) ?? []) {
      const params: Record<string, string> = {};
      let literals = 0;
      let ok = true;
      for (let i = 0; ok && i < candidate.segments.length; i += 1) {
        const segment = candidate.segments[i];
        const value = segments[i] ?? '';
        if (segment === undefined) ok = false;
        else if ('literal' in segment) {
          if (segment.literal !== value) ok = false;
          else literals += 1;
        } else params[segment.param] = value;
      }
      // seed 4.6.14: /charts/{project_id}/quotas shares its shape with /charts/{chart_id}/values: literals win
      if (ok && (!best || literals > best.literals)) best = { match: { operation: candidate.operation, params }, literals };
    }
    return best?.match ?? null;
  };
}
