// A titled card of a detail tab: a <section> named by its heading (or by `label`), with an optional intro line and
// actions beside the title. Every card of the Overview, Connection, Tags, Jobs, Settings and Delete tabs is one.
import { Group, Paper, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

export function ClusterSection({
  title,
  intro,
  actions,
  label,
  children,
}: {
  title: ReactNode;
  intro?: ReactNode;
  actions?: ReactNode;
  /** The region's accessible name when it is not the title. */
  label?: string;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={label} aria-labelledby={label ? undefined : titleId}>
      <Group justify="space-between" gap="xs" mb={intro ? 'xs' : 'sm'}>
        <Title order={2} size="h4" id={titleId}>
          {title}
        </Title>
        {actions}
      </Group>
      {intro ? (
        <Text size="sm" c="dimmed" mb="sm">
          {intro}
        </Text>
      ) : null}
      {children}
    </Paper>
  );
}
