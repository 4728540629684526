// The built SPA: files from dist/, index.html for client-side routes, long caching for hashed assets.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function createStaticHandler(root: string) {
  const base = normalize(root) + sep;
  return async function serve(pathname: string): Promise<Response> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return new Response('Bad path', { status: 400 });
    }
    const file = normalize(join(base, decoded));
    if (!file.startsWith(base)) return new Response('Not found', { status: 404 });
    try {
      const info = await stat(file);
      if (info.isFile()) {
        const body = await readFile(file);
        const immutable = decoded.startsWith('/assets/');
        return new Response(body, {
          headers: {
            'content-type': types[extname(file)] ?? 'application/octet-stream',
            'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          },
        });
      }
    } catch {
      // not a file: fall through to the SPA's index.html
    }
    if (extname(decoded) !== '' && !decoded.endsWith('.html')) return new Response('Not found', { status: 404 });
    try {
      const index = await readFile(join(base, 'index.html'));
      return new Response(index, { headers: { 'content-type': types['.html'] ?? 'text/html', 'cache-control': 'no-cache' } });
    } catch {
      return new Response('The console is not built: run npm run build', { status: 503, headers: { 'content-type': 'text/plain' } });
    }
  };
}
