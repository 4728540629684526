import { ClusterWizardPage } from '../../features/clusters/cluster-wizard-page.tsx';

export function ClusterNewRoute() {
  return <ClusterWizardPage />;
}
