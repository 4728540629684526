import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppLayout } from './app-layout.tsx';

const ClustersRoute = lazy(async () => ({ default: (await import('./routes/clusters.tsx')).ClustersRoute }));
const ClusterNewRoute = lazy(async () => ({ default: (await import('./routes/cluster-new.tsx')).ClusterNewRoute }));
const ClusterDetailRoute = lazy(async () => ({ default: (await import('./routes/cluster-detail.tsx')).ClusterDetailRoute }));
const QuotasRoute = lazy(async () => ({ default: (await import('./routes/quotas.tsx')).QuotasRoute }));
const AddonsRoute = lazy(async () => ({ default: (await import('./routes/coming-soon.tsx')).AddonsRoute }));
const ChartsRoute = lazy(async () => ({ default: (await import('./routes/coming-soon.tsx')).ChartsRoute }));
const UpgradesRoute = lazy(async () => ({ default: (await import('./routes/coming-soon.tsx')).UpgradesRoute }));
const NotFoundRoute = lazy(async () => ({ default: (await import('./routes/not-found.tsx')).NotFoundRoute }));

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to="/clusters" replace />} />
        <Route path="clusters" element={<ClustersRoute />} />
        <Route path="clusters/new" element={<ClusterNewRoute />} />
        <Route path="clusters/:clusterId/:tab?" element={<ClusterDetailRoute />} />
        <Route path="quotas" element={<QuotasRoute />} />
        <Route path="addons" element={<AddonsRoute />} />
        <Route path="charts" element={<ChartsRoute />} />
        <Route path="upgrades" element={<UpgradesRoute />} />
        <Route path="*" element={<NotFoundRoute />} />
      </Route>
    </Routes>
  );
}
