import { ClusterWizardPage } from '../../features/clusters/cluster-wizard-page.tsx';
import { useCatalogArea } from '../../i18n/i18n.tsx';

export function ClusterNewRoute() {
  useCatalogArea('wizard');
  return <ClusterWizardPage />;
}
