import type { ReactNode } from 'react';
import { Group, Paper, Text, Title } from '@mantine/core';

/** A titled panel for one chart or table: what it shows, how to read it, and its actions (CSV, toggles). */
export function ChartCard({ title, description, actions, children, testId }: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title} data-testid={testId} style={{ minWidth: 0 }}>
      <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Title order={2} size="h5">{title}</Title>
          {description && <Text size="xs" c="dimmed">{description}</Text>}
        </div>
        {actions && <Group gap={6} wrap="nowrap">{actions}</Group>}
      </Group>
      {children}
    </Paper>
  );
}
