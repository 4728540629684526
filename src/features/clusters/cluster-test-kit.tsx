// Component-test harness of the clusters area (used by *.test.tsx only): the app's providers around one routed page,
// a fetch stub that answers by "METHOD /path", and the current location on screen so a test can read the URL.
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { Suspense, type ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { vi } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.tsx';

export const testProjectId = '2d5e3c8a9f4b4e7f8a1b6c0d9e8f7a6b';

export type StubCall = { method: string; path: string; query: URLSearchParams; body: unknown };
export type StubAnswer = { status?: number; body?: unknown; headers?: Record<string, string> };
export type StubRoutes = Record<string, (call: StubCall) => StubAnswer>;

const consoleConfig = {
  mode: 'emulator',
  authMode: 'emulator',
  region: 'cn-north-4',
  projectId: testProjectId,
  version: '0.1.0',
  csrfHeader: 'X-Console-Csrf',
  loginRequired: false,
  emulatorControl: true,
  endpoint: null,
  temporaryCredentials: false,
};

/** jsdom lacks what Mantine measures with. */
export function installDomShims() {
  if (!window.matchMedia) {
    Object.defineProperty(window, 'matchMedia', {
      configurable: true,
      value: (query: string) => ({
        matches: false,
        media: query,
        onchange: null,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        addListener: () => undefined,
        removeListener: () => undefined,
        dispatchEvent: () => false,
      }),
    });
  }
  if (!('ResizeObserver' in window)) {
    class NoResizeObserver {
      observe() {}
      unobserve() {}
      disconnect() {}
    }
    Object.defineProperty(window, 'ResizeObserver', { configurable: true, value: NoResizeObserver });
  }
  Element.prototype.scrollIntoView ??= () => undefined;
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', { configurable: true, value: { addEventListener: () => undefined, removeEventListener: () => undefined } });
  }
}

/**
 * Stubs fetch: the key is "METHOD /path" with the project prefix `/autopilot/v3/projects/{p}` written as `~`
 * ("GET ~/clusters"). Unmatched calls answer 404 so a missing stub shows up as an error on screen. Returns the calls.
 */
export function stubApi(routes: StubRoutes): StubCall[] {
  const calls: StubCall[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://console.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(`/autopilot/v3/projects/${testProjectId}`, '~');
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const call = { method, path, query: url.searchParams, body };
    if (path === '/console/api/config') return json(200, consoleConfig);
    calls.push(call);
    const route = routes[`${method} ${path}`];
    if (!route) return json(404, { errorCode: 'CCE.01404001', errorMessage: `no stub for ${method} ${path}` });
    const answer = route(call);
    return json(answer.status ?? 200, answer.body, answer.headers);
  });
  return calls;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  const noBody = body === undefined || status === 204;
  return new Response(noBody ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

export function renderRoute(element: ReactNode, { path, url }: { path: string; url: string }) {
  installDomShims();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY }, mutations: { retry: false } } });
  const result = render(
    <MantineProvider>
      <I18nProvider locale="en">
        <QueryClientProvider client={queryClient}>
          <MemoryRouter initialEntries={[url]}>
            <Suspense fallback={<p>loading</p>}>
              <Routes>
                <Route path={path} element={element} />
                <Route path="*" element={<p>elsewhere</p>} />
              </Routes>
              <LocationProbe />
            </Suspense>
          </MemoryRouter>
        </QueryClientProvider>
      </I18nProvider>
    </MantineProvider>,
  );
  return { ...result, queryClient };
}
