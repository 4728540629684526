import { ClusterDetailPage } from '../../features/clusters/cluster-detail-page.tsx';

export function ClusterDetailRoute() {
  return <ClusterDetailPage />;
}
