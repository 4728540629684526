// Where a page sits: "Clusters › prod-payments › Connection". Every item but the last is a link; the last one is the
// current page (aria-current). The caller names the landmark, so this component needs no catalog of its own.
import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { Link } from 'react-router';

export type BreadcrumbItem = { label: string; to?: string };

export function PageBreadcrumbs({ items, label }: { items: readonly BreadcrumbItem[]; label: string }) {
  return (
    <nav aria-label={label}>
      <Breadcrumbs separator="›" separatorMargin={6}>
        {items.map((item, index) =>
          item.to && index < items.length - 1 ? (
            <Anchor key={`${index}-${item.label}`} component={Link} to={item.to} size="sm">
              {item.label}
            </Anchor>
          ) : (
            <Text key={`${index}-${item.label}`} size="sm" aria-current={index === items.length - 1 ? 'page' : undefined}>
              {item.label}
            </Text>
          ),
        )}
      </Breadcrumbs>
    </nav>
  );
}
