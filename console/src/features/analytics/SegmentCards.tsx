import { Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SegmentCountDto, SegmentName } from '@careloop/contracts';
import { formatMinor } from '../commerce/money.ts';
import { formatCount, formatPercent } from './format.ts';
import { SegmentBadge } from './SegmentBadge.tsx';
import { segmentFill } from './segments.ts';

/** One card per RFM segment: its size and value, what it means, and what to do about it. */
export function SegmentCards({ segments, currency, selected, onSelect }: {
  segments: SegmentCountDto[];
  currency: string;
  selected: SegmentName | null;
  onSelect: (segment: SegmentName) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const total = segments.reduce((sum, s) => sum + s.customers, 0);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 5 }} spacing="sm" data-testid="segment-cards">
      {segments.map((s) => (
        <Paper key={s.segment} withBorder p="sm" data-testid="segment-card" data-segment={s.segment}
          style={{ borderLeft: `4px solid ${segmentFill(s.segment)}`, outline: selected === s.segment ? '2px solid var(--mantine-color-indigo-4)' : undefined }}>
          <Stack gap={6} h="100%">
            <Group justify="space-between" wrap="nowrap" gap={4}>
              <SegmentBadge segment={s.segment} />
              <Text size="xs" c="dimmed">{formatPercent(total ? s.customers / total : null, lang, 0)}</Text>
            </Group>
            <Text size="lg" fw={700} lh={1.1}>{t('analytics.segmentCards.customers', { count: s.customers, formatted: formatCount(s.customers, lang) })}</Text>
            <Text size="xs" c="dimmed">
              {t('analytics.segmentCards.revenue', { revenue: formatMinor(s.revenue, currency, lang) })}
              {s.avgChurnRisk !== null && ` · ${t('analytics.segmentCards.risk', { risk: formatPercent(s.avgChurnRisk, lang, 0) })}`}
            </Text>
            <Text size="xs">{t(`analytics.segments.${s.segment}.definition`)}</Text>
            <Text size="xs"><Text span fw={600} size="xs">{t('analytics.segmentCards.action')}: </Text>{t(`analytics.segments.${s.segment}.action`)}</Text>
            <Group mt="auto">
              <Button size="compact-xs" variant="light" disabled={s.customers === 0} onClick={() => onSelect(s.segment)} data-testid="segment-show">
                {t('analytics.segmentCards.show')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
