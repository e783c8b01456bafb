import { useRef, useState } from 'react';
import { Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SegmentName } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { CustomerTable } from './CustomerTable.tsx';
import { usePredictions, useSegments } from './queries.ts';
import { SegmentCards } from './SegmentCards.tsx';

/** RFM segments with what to do about each, and the customers behind them. */
export function SegmentsTab() {
  const { t } = useTranslation();
  const segments = useSegments();
  const predictions = usePredictions();
  const [segment, setSegment] = useState<SegmentName | null>(null);
  const table = useRef<HTMLDivElement>(null);
  const currency = predictions.data?.settings.currency ?? 'VND';

  const show = (s: SegmentName) => {
    setSegment(s);
    table.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <Stack gap="md" data-testid="analytics-segments">
      <Text size="sm" c="dimmed" maw={900}>{t('analytics.segmentCards.intro')}</Text>
      {segments.isLoading && <Center p="lg"><Loader aria-label={t('common.loading')} /></Center>}
      {segments.error && <ErrorAlert error={segments.error} />}
      {segments.data && <SegmentCards segments={segments.data} currency={currency} selected={segment} onSelect={show} />}
      <div ref={table}>
        <CustomerTable segment={segment} onSegment={setSegment} currency={currency} />
      </div>
    </Stack>
  );
}
