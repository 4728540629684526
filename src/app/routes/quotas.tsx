import { QuotasPage } from '../../features/clusters/quotas-page.tsx';

export function QuotasRoute() {
  return <QuotasPage />;
}
