import { Alert, Badge, Group, SimpleGrid, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AnalyticsSettings, ModelDto } from '@careloop/contracts';
import { useFormat } from '../../ui/useFormat.ts';
import { formatMinor } from '../commerce/money.ts';
import { formatCount, formatDay, formatDecimal } from './format.ts';
import { RunNote } from './RunNote.tsx';

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" fw={500} data-testid={testId}>{value}</Text>
    </div>
  );
}

/** The model in use: which one, when and on what data it was fitted, its parameters and the spend model. */
export function ModelSummary({ model: m, settings }: { model: ModelDto; settings: AnalyticsSettings }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const lang = i18n.language;
  const statusColor = m.status === 'converged' ? 'teal' : m.status === 'boundary' ? 'orange' : 'yellow';

  return (
    <>
      <Group gap="xs" mb="sm">
        <Text fw={700} size="lg" data-testid="model-name" data-model={m.model}>{t(`analytics.models.${m.model}`)}</Text>
        <Badge variant="light" color={statusColor}>{t(`analytics.predictions.status.${m.status}`, { defaultValue: m.status })}</Badge>
        {settings.model === 'auto' && <Badge variant="outline" color="gray">{t('analytics.predictions.autoChosen')}</Badge>}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm" mb="sm">
        <Fact label={t('analytics.predictions.fittedAt')} value={format.dateTime(m.createdAt)} />
        <Fact label={t('analytics.predictions.window')} value={`${formatDay(m.dataFrom, lang)} – ${formatDay(m.dataTo, lang)}`} />
        <Fact label={t('analytics.predictions.calibrationEnd')} value={formatDay(m.calibrationEnd, lang)} />
        <Fact label={t('analytics.predictions.unit')} value={t(`analytics.predictions.units.${m.unit}`)} />
        <Fact label={t('analytics.predictions.customers')} value={formatCount(m.customers, lang)} />
        <Fact label={t('analytics.predictions.logLikelihood')} value={formatDecimal(m.logLikelihood, lang, 1)} testId="model-ll" />
        {m.validation && <Fact label={t('analytics.predictions.holdoutDays')} value={t('analytics.units.days', { count: m.validation.holdoutDays, value: formatCount(m.validation.holdoutDays, lang) })} />}
        {m.validation && <Fact label={t('analytics.predictions.mae')} value={formatDecimal(m.validation.mae, lang, 3)} testId="model-mae" />}
      </SimpleGrid>
      <Text size="sm" fw={600} mb={4}>{t('analytics.predictions.params')}</Text>
      <Table verticalSpacing={2} fz="xs" maw={560} data-testid="model-params">
        <Table.Tbody>
          {Object.entries(m.params).map(([name, value]) => (
            <Table.Tr key={name}>
              <Table.Td><code>{name}</code></Table.Td>
              <Table.Td ta="right">{formatDecimal(value, lang, 4)}</Table.Td>
              <Table.Td c="dimmed">{t(`analytics.predictions.paramHelp.${name}`, { defaultValue: '' })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {m.spend && (
        <>
          <Text size="sm" fw={600} mt="sm" mb={4}>{t('analytics.predictions.spend.title')}</Text>
          <Text size="xs" c="dimmed">
            {t('analytics.predictions.spend.line', {
              p: formatDecimal(m.spend.p, lang, 3), q: formatDecimal(m.spend.q, lang, 3), gamma: formatDecimal(m.spend.gamma, lang, 1),
              mean: m.spend.populationMean === null ? '—' : formatMinor(m.spend.populationMean, settings.currency, lang),
            })}
          </Text>
          {m.spend.warning && <Alert color="yellow" p="xs" mt={4}>{t('analytics.predictions.spend.warning', { warning: m.spend.warning })}</Alert>}
        </>
      )}
      {m.note && <div style={{ marginTop: 8 }}><RunNote note={m.note} /></div>}
    </>
  );
}
