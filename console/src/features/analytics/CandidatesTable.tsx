import { Badge, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ModelDto, TransactionModel } from '@careloop/contracts';
import { formatDecimal, formatPercent } from './format.ts';

type Candidate = NonNullable<ModelDto['validation']>['candidates'][number];

/** Every model tried on the holdout, lowest error first; the chosen one is marked. */
export function CandidatesTable({ candidates, chosen }: { candidates: Candidate[]; chosen: TransactionModel }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const sorted = [...candidates].sort((a, b) => a.mae - b.mae);
  return (
    <Table verticalSpacing={4} fz="xs" data-testid="model-candidates">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('analytics.predictions.model')}</Table.Th>
          <Table.Th ta="right">{t('analytics.predictions.mae')}</Table.Th>
          <Table.Th ta="right">{t('analytics.predictions.aggregateError')}</Table.Th>
          <Table.Th ta="right">{t('analytics.predictions.logLikelihood')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((c) => (
          <Table.Tr key={c.model} data-testid="model-candidate" data-model={c.model} data-chosen={c.model === chosen}>
            <Table.Td>
              {t(`analytics.models.${c.model}`)}{' '}
              {c.model === chosen && <Badge size="xs" color="teal" variant="light">{t('analytics.predictions.chosen')}</Badge>}
            </Table.Td>
            <Table.Td ta="right">{formatDecimal(c.mae, lang, 3)}</Table.Td>
            <Table.Td ta="right">{c.aggregateError > 0 ? '+' : ''}{formatPercent(c.aggregateError, lang)}</Table.Td>
            <Table.Td ta="right">{formatDecimal(c.logLikelihood, lang, 1)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
