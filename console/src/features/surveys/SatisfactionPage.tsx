import { Alert, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { canSeeSatisfaction } from './access.ts';
import { SatisfactionCharts } from './SatisfactionCharts.tsx';
import { SatisfactionFilterBar } from './SatisfactionFilterBar.tsx';
import { SatisfactionGroups } from './SatisfactionGroups.tsx';
import { SatisfactionKpis } from './SatisfactionKpis.tsx';
import { readSatisfactionFilters, reportQueryOf, writeSatisfactionFilters, type SatisfactionFilters } from './reportFilters.ts';
import { useSurveyReport } from './reportQueries.ts';
import { Verbatims } from './Verbatims.tsx';

/** The range's end is exclusive (the next midnight): the last day shown is the one before it. */
const lastInstant = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();

/** `/reports/satisfaction`: CSAT, NPS and response rate over time and per agent, channel or team, and what customers wrote. */
export default function SatisfactionPage() {
  const { t } = useTranslation();
  const me = useMe();
  const allowed = canSeeSatisfaction(me.agent.role);
  if (!allowed) return <div className="page"><Alert color="red" role="alert" data-testid="satisfaction-forbidden">{t('errors.forbidden')}</Alert></div>;
  return <SatisfactionBody />;
}

function SatisfactionBody() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const filters = readSatisfactionFilters(params);
  const report = useSurveyReport(reportQueryOf(filters, format.timeZone));
  const change = (next: SatisfactionFilters) => setParams(writeSatisfactionFilters(params, next), { replace: true });
  const r = report.data;
  return (
    <div className="page" data-testid="satisfaction-page">
      <Stack gap="md">
        <div>
          <Title order={1} size="h3">{t('surveys.report.title')}</Title>
          <Text size="sm" c="dimmed">{t('surveys.report.description')}</Text>
        </div>
        <SatisfactionFilterBar filters={filters} onChange={change} />
        {report.isLoading && <Center p="xl"><Loader aria-label={t('common.loading')} /></Center>}
        {report.error && <ErrorAlert error={report.error} testId="satisfaction-error" />}
        {r && (
          <Stack gap="md" style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }} aria-busy={report.isFetching}>
            <Text size="xs" c="dimmed" data-testid="satisfaction-range">{t('surveys.report.range', { from: format.date(r.from), to: format.date(lastInstant(r.to)) })}</Text>
            <SatisfactionKpis report={r} />
            <SatisfactionCharts report={r} />
            <SatisfactionGroups report={r} groupBy={filters.groupBy} onGroupBy={(groupBy) => change({ ...filters, groupBy })} />
          </Stack>
        )}
        <Verbatims />
      </Stack>
    </div>
  );
}
