// `npm run dev`: Vite serves the SPA with HMR and hands /autopilot, /console/api and /__emulator to the same
// server code that `npm start` runs (loaded through Vite's SSR loader, so edits to it reload too).
import type { Plugin } from 'vite';
import type * as Compose from '../src/server/compose.ts';
import type * as Config from '../src/server/proxy/config.ts';

const apiPrefixes = ['/autopilot/', '/console/api/', '/__emulator/'];

export function consoleDevServer(): Plugin {
  return {
    name: 'cce-console-dev-server',
    apply: 'serve',
    async configureServer(server) {
      // vitest runs Vite in serve mode too: the console's server is not part of the unit tests' world
      if (process.env.VITEST) return;
      const { composeServer } = (await server.ssrLoadModule('/src/server/compose.ts')) as typeof Compose;
      const { loadConfig } = (await server.ssrLoadModule('/src/server/proxy/config.ts')) as typeof Config;
      const config = loadConfig({ ...process.env, HOST: '127.0.0.1' }, { version: 'dev' });
      const console = composeServer(config);
      server.middlewares.use((req, res, next) => {
        if (apiPrefixes.some((p) => req.url?.startsWith(p))) {
          // the dev server's origin is what the browser calls: keep Host for the CSRF same-origin check
          console.handler(req, res);
          return;
        }
        next();
      });
    },
  };
}
