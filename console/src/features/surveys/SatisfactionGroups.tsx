import { SegmentedControl, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { surveyReportGroups, type SurveyReportDto } from '@careloop/contracts';
import { ChartCard } from '../analytics/ChartCard.tsx';
import { formatCount } from '../analytics/format.ts';
import { formatNps, percentOf } from './figures.ts';
import type { SatisfactionFilters } from './reportFilters.ts';

type Group = NonNullable<SurveyReportDto['groups']>[number];

/** A group's name: the agent's or team's name, the channel's label, or what "none" means for that grouping. */
export function useGroupName() {
  const { t } = useTranslation();
  return (by: SatisfactionFilters['groupBy'], g: Pick<Group, 'key' | 'name'>) => {
    if (g.key === null) return t(`surveys.report.noGroup.${by}`);
    if (by === 'channel') return t(`channels.${g.key}`, { defaultValue: g.key });
    return g.name ?? t('surveys.report.unknown');
  };
}

/** The figures per agent, channel or team, the most surveyed first. */
export function SatisfactionGroups({ report, groupBy, onGroupBy }: { report: SurveyReportDto; groupBy: SatisfactionFilters['groupBy']; onGroupBy: (g: SatisfactionFilters['groupBy']) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const nameOf = useGroupName();
  const groups = [...(report.groups ?? [])].sort((a, b) => b.sent - a.sent || b.answered - a.answered);
  return (
    <ChartCard title={t('surveys.report.byGroup')} description={t('surveys.report.byGroupHelp')} testId="satisfaction-groups"
      actions={(
        <SegmentedControl size="xs" value={groupBy} onChange={(v) => onGroupBy(v as SatisfactionFilters['groupBy'])} data-testid="satisfaction-group-by"
          aria-label={t('surveys.report.groupBy')} data={surveyReportGroups.map((g) => ({ value: g, label: t(`surveys.report.groups.${g}`) }))} />
      )}>
      {groups.length === 0 ? <Text size="sm" c="dimmed">{t('surveys.report.noData')}</Text> : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} striped data-testid="satisfaction-group-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`surveys.report.groups.${groupBy}`)}</Table.Th>
                <Table.Th ta="right">{t('surveys.report.sent')}</Table.Th>
                <Table.Th ta="right">{t('surveys.report.responseRate')}</Table.Th>
                <Table.Th ta="right">{t('surveys.report.csat')}</Table.Th>
                <Table.Th ta="right">{t('surveys.report.nps')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map((g) => (
                <Table.Tr key={g.key ?? 'none'} data-testid="satisfaction-group-row" data-key={g.key ?? ''}>
                  <Table.Td><Text size="sm">{nameOf(groupBy, g)}</Text></Table.Td>
                  <Table.Td ta="right">{formatCount(g.sent, lang)}</Table.Td>
                  <Table.Td ta="right">{percentOf(g.responseRate, lang)}</Table.Td>
                  <Table.Td ta="right" data-testid="satisfaction-group-csat">
                    {percentOf(g.csat.percent, lang)} <Text span size="xs" c="dimmed">({formatCount(g.csat.answered, lang)})</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatNps(g.nps.score, lang)} <Text span size="xs" c="dimmed">({formatCount(g.nps.answered, lang)})</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </ChartCard>
  );
}
