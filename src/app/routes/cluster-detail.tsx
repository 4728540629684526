import { ClusterDetailPage } from '../../features/clusters/cluster-detail-page.tsx';
import { useCatalogArea } from '../../i18n/i18n.tsx';

export function ClusterDetailRoute() {
  // the creation progress shown while a cluster is Creating speaks the wizard's words
  useCatalogArea('wizard');
  return <ClusterDetailPage />;
}
