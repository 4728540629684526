// A status as a coloured badge; transitional states pulse (not for reduced motion), unknown values say so.
import { Badge, type MantineColor } from '@mantine/core';
import classes from './status-badge.module.css';

export type StatusTone = 'success' | 'progress' | 'warning' | 'danger' | 'neutral';

const toneColor: Record<StatusTone, MantineColor> = {
  success: 'green',
  progress: 'blue',
  warning: 'orange',
  danger: 'red',
  neutral: 'gray',
};

export function StatusBadge({ label, tone, transitional = false }: { label: string; tone: StatusTone; transitional?: boolean }) {
  return (
    <Badge
      color={toneColor[tone]}
      variant="light"
      radius="sm"
      // never truncated to "AVAILAB…" in a narrow table cell: the label is the information
      miw="max-content"
      className={transitional ? classes.transitional : undefined}
      leftSection={<span aria-hidden="true" className={classes.dot} />}
      data-tone={tone}
    >
      {label}
    </Badge>
  );
}
