import type { ReactNode } from 'react';
import { Group, Text, Title } from '@mantine/core';

export function SectionHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
      <div>
        <Title order={1} size="h3">{title}</Title>
        {description && <Text size="sm" c="dimmed">{description}</Text>}
      </div>
      {actions}
    </Group>
  );
}
