import { ClusterListPage } from '../../features/clusters/cluster-list-page.tsx';

export function ClustersRoute() {
  return <ClusterListPage />;
}
