import type { ReactNode } from 'react';
import { Group, Paper, Text, Tooltip } from '@mantine/core';

/**
 * One headline figure with what it is made of (numerator / denominator, under the figure and on hover)
 * and, in plain words, how it is defined.
 */
export function KpiCard({ label, value, detail, explanation, badge, testId }: {
  label: string;
  value: string;
  detail?: string;
  explanation: string;
  badge?: ReactNode;
  testId: string;
}) {
  return (
    <Paper withBorder p="sm" data-testid={testId} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
      <Group justify="space-between" gap={4} wrap="wrap" align="flex-start">
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">{label}</Text>
        {badge}
      </Group>
      <Tooltip label={detail} disabled={!detail} withArrow>
        <Text fz={24} fw={700} lh={1.2} data-testid={`${testId}-value`} tabIndex={detail ? 0 : undefined} style={{ alignSelf: 'flex-start' }}>{value}</Text>
      </Tooltip>
      {detail && <Text size="xs" c="dimmed" data-testid={`${testId}-detail`}>{detail}</Text>}
      <Text size="xs" c="gray.7">{explanation}</Text>
    </Paper>
  );
}
