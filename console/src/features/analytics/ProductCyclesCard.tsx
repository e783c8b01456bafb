import { Center, Loader, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProductCycleDto } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ChartCard } from './ChartCard.tsx';
import { CsvButton } from './CsvButton.tsx';
import { productCyclesCsvHref } from './csv.ts';
import { formatCount, formatPercent } from './format.ts';
import { useProductCycles } from './queries.ts';

/**
 * "Repurchase cycles by product": products customers buy again on a regular cycle (found by each refresh
 * from order lines), with the rule that picks them in plain words. Product reorder reminders use these.
 */
export function ProductCyclesCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const cycles = useProductCycles();
  const title = t('analytics.productCycles.title');
  const rule = cycles.data?.rule;
  const days = (n: number) => t('analytics.units.days', { count: n, value: formatCount(n, lang) });

  return (
    <ChartCard title={title} testId="card-product-cycles"
      description={rule ? t('analytics.productCycles.description', {
        minCustomers: formatCount(rule.minCustomers, lang), minGaps: formatCount(rule.minGaps, lang), spread: formatPercent(rule.maxSpread, lang, 0),
      }) : undefined}
      actions={<CsvButton href={productCyclesCsvHref()} what={title} testId="csv-product-cycles" />}>
      {cycles.isLoading && <Center p="md"><Loader size="sm" aria-label={t('common.loading')} /></Center>}
      {cycles.error && <ErrorAlert error={cycles.error} />}
      {cycles.data && cycles.data.items.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="product-cycles-empty">{t('analytics.productCycles.empty')}</Text>
      )}
      {cycles.data && cycles.data.items.length > 0 && (
        <div style={{ overflowX: 'auto', maxHeight: 420 }}>
          <Table striped verticalSpacing={4} fz="xs" stickyHeader data-testid="product-cycles">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('analytics.productCycles.product')}</Table.Th>
                <Table.Th ta="right"><Help label={t('analytics.productCycles.cycle')} help={t('analytics.productCycles.cycleHelp')} /></Table.Th>
                <Table.Th ta="right"><Help label={t('analytics.productCycles.range')} help={t('analytics.productCycles.rangeHelp')} /></Table.Th>
                <Table.Th ta="right">{t('analytics.productCycles.customers')}</Table.Th>
                <Table.Th ta="right"><Help label={t('analytics.productCycles.gaps')} help={t('analytics.productCycles.gapsHelp')} /></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cycles.data.items.map((p: ProductCycleDto) => (
                <Table.Tr key={p.productKey} data-testid="product-cycle-row">
                  <Table.Td>
                    <Text size="xs" fw={500}>{p.title}</Text>
                    {p.sku && <Text size="xs" c="dimmed">{t('analytics.productCycles.sku', { sku: p.sku })}</Text>}
                  </Table.Td>
                  <Table.Td ta="right">{days(p.cycleDays)}</Table.Td>
                  <Table.Td ta="right">{t('analytics.productCycles.rangeValue', { from: formatCount(p.p25Days, lang), to: formatCount(p.p75Days, lang) })}</Table.Td>
                  <Table.Td ta="right">{formatCount(p.customers, lang)}</Table.Td>
                  <Table.Td ta="right">{formatCount(p.gaps, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </ChartCard>
  );
}

function Help({ label, help }: { label: string; help: string }) {
  return <Tooltip label={help} multiline w={280} withArrow><span tabIndex={0}>{label}</span></Tooltip>;
}
