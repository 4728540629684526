import { ClusterDetailPage } from '../../features/clusters/cluster-detail-page.tsx';
import { useCatalogArea } from '../../i18n/i18n.tsx';

export function ClusterDetailRoute() {
  useCatalogArea('clusterDetail');
  return <ClusterDetailPage />;
}
