import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function EmptyState({ title, body, action }: { title: string; body?: string; action?: ReactNode }) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack align="center" gap="sm">
        <Title order={3}>{title}</Title>
        {body ? <Text c="dimmed">{body}</Text> : null}
        {action}
      </Stack>
    </Paper>
  );
}
