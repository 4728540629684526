import { createBrowserRouter, redirect } from 'react-router';
import { AppLayout } from './app-layout.tsx';
import { RouteError } from './routes/route-error.tsx';

export const router = createBrowserRouter([
  {
    path: '/',
    Component: AppLayout,
    ErrorBoundary: RouteError,
    children: [
      { index: true, loader: () => redirect('/clusters') },
      { path: 'clusters', lazy: async () => ({ Component: (await import('./routes/clusters.tsx')).ClustersRoute }) },
      { path: 'addons', lazy: async () => ({ Component: (await import('./routes/coming-soon.tsx')).AddonsRoute }) },
      { path: 'charts', lazy: async () => ({ Component: (await import('./routes/coming-soon.tsx')).ChartsRoute }) },
      { path: 'upgrades', lazy: async () => ({ Component: (await import('./routes/coming-soon.tsx')).UpgradesRoute }) },
      { path: '*', lazy: async () => ({ Component: (await import('./routes/not-found.tsx')).NotFoundRoute }) },
    ],
  },
]);
