import { Alert, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/useFormat.ts';
import { useCompensationBudget } from '../../commerce/compensationQueries.ts';
import { formatMonth } from '../../commerce/status.ts';
import { SectionHeader } from '../SectionHeader.tsx';
import { CompensationForm } from './CompensationForm.tsx';
import { LoyaltyForm } from './LoyaltyForm.tsx';

/** This month's compensation spend against the budget. */
function BudgetUse() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  // Kept fresh by the commerce events (`compensation.granted`, `compensation.budget_exceeded`), which share this query.
  const budget = useCompensationBudget();
  if (budget.error) return <ErrorAlert error={budget.error} />;
  const b = budget.data;
  if (!b) return null;
  const month = formatMonth(b.month, i18n.language);
  const percent = b.budget ? Math.min(100, Math.round((b.spent / b.budget) * 100)) : null;
  return (
    <Paper withBorder p="md" data-testid="compensation-budget" data-exceeded={b.exceeded}>
      <Group justify="space-between" mb={6}>
        <Text size="sm" fw={600}>{t('shop.budget.title', { month })}</Text>
        <Text size="sm">
          {b.budget === null
            ? t('shop.budget.spentNoBudget', { spent: format.money(b.spent) })
            : t('shop.budget.spentOf', { spent: format.money(b.spent), budget: format.money(b.budget) })}
        </Text>
      </Group>
      {percent !== null && <Progress value={percent} color={b.exceeded ? 'red' : percent > 80 ? 'yellow' : 'teal'} aria-label={t('shop.budget.title', { month })} />}
      <Text size="xs" c="dimmed" mt={6}>{t('shop.budget.entries', { count: b.entries })}</Text>
      {b.exceeded && <Alert color="red" p="xs" mt="xs">{t('shop.budget.exceeded')}</Alert>}
    </Paper>
  );
}

/** "Bù đắp & điểm thưởng": limits and budget for compensation, and the loyalty programme. Admin and owner only. */
export default function CompensationSettings() {
  const { t } = useTranslation();
  return (
    <>
      <SectionHeader title={t('shop.sections.compensation')} description={t('shop.compensation.description')} />
      <Stack gap="md" maw={920}>
        <BudgetUse />
        <CompensationForm />
        <LoyaltyForm />
      </Stack>
    </>
  );
}
