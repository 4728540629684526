// Size budget (issue 6): after every build, print the gzip size of the JavaScript and CSS that the /clusters page
// loads (the entry, its static imports, and the lazy route chunk with its own static imports), and fail the build
// when the JavaScript is over budget. Also writes dist/size-report.json for the record.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export type Budget = { route: string; routeModule: string; maxJsGzipBytes: number };

type Chunk = { type: 'chunk'; fileName: string; code: string; isEntry: boolean; facadeModuleId: string | null; imports: string[]; viteMetadata?: { importedCss: Set<string> } };
type Asset = { type: 'asset'; fileName: string; source: string | Uint8Array };

const gz = (data: string | Uint8Array) => gzipSync(data, { level: 9 }).byteLength;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export function sizeBudget(budgets: Budget[]): Plugin {
  let outDir = 'dist';
  return {
    name: 'cce-console-size-budget',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    generateBundle(_options, bundle) {
      const items = Object.values(bundle) as Array<Chunk | Asset>;
      const chunks = new Map(items.filter((i): i is Chunk => i.type === 'chunk').map((c) => [c.fileName, c]));
      const assets = new Map(items.filter((i): i is Asset => i.type === 'asset').map((a) => [a.fileName, a]));
      const closure = (start: Chunk[]) => {
        const seen = new Set<string>();
        const visit = (c: Chunk) => {
          if (seen.has(c.fileName)) return;
          seen.add(c.fileName);
          for (const dep of c.imports) {
            const next = chunks.get(dep);
            if (next) visit(next);
          }
        };
        start.forEach(visit);
        return [...seen].map((f) => chunks.get(f)).filter((c): c is Chunk => c !== undefined);
      };
      const report: Record<string, unknown> = {};
      const failures: string[] = [];
      const entry = [...chunks.values()].filter((c) => c.isEntry);
      for (const budget of budgets) {
        const route = [...chunks.values()].filter((c) => c.facadeModuleId?.endsWith(budget.routeModule));
        if (route.length === 0) failures.push(`no chunk for ${budget.routeModule}`);
        const loaded = closure([...entry, ...route]);
        const js = loaded.reduce((sum, c) => sum + gz(c.code), 0);
        const cssFiles = new Set(loaded.flatMap((c) => [...(c.viteMetadata?.importedCss ?? [])]));
        const css = [...cssFiles].reduce((sum, f) => sum + gz(assets.get(f)?.source ?? ''), 0);
        const line = `size budget ${budget.route}: JavaScript ${kb(js)} gzip (budget ${kb(budget.maxJsGzipBytes)}) in ${loaded.length} chunks, CSS ${kb(css)} gzip in ${cssFiles.size} files`;
        this.info(line);
        process.stdout.write(`${line}\n`);
        report[budget.route] = { jsGzipBytes: js, cssGzipBytes: css, chunks: loaded.map((c) => c.fileName), css: [...cssFiles], budgetJsGzipBytes: budget.maxJsGzipBytes };
        if (js > budget.maxJsGzipBytes) failures.push(`${budget.route} loads ${kb(js)} of JavaScript, over the ${kb(budget.maxJsGzipBytes)} budget`);
      }
      writeFileSync(join(outDir, 'size-report.json'), `${JSON.stringify(report, null, 2)}\n`);
      if (failures.length) this.error(`size budget exceeded: ${failures.join('; ')}`);
    },
  };
}
