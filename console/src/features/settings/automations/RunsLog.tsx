import { useState } from 'react';
import { Anchor, Badge, Center, Group, Loader, Select, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { AutomationRunDto } from '@careloop/contracts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/useFormat.ts';
import { triggerLabel } from './options.ts';
import { useAutomationRules, useAutomationRuns } from './queries.ts';

export const outcomeColor: Record<AutomationRunDto['outcome'], string> = { applied: 'green', failed: 'red', skipped_loop: 'yellow' };

/** The execution log: what each rule did to which conversation, or why it failed or was held back (a loop). */
export function RunsLog() {
  const { t } = useTranslation();
  const rules = useAutomationRules();
  const [ruleId, setRuleId] = useState<string | null>(null);
  const runs = useAutomationRuns(ruleId);
  return (
    <Stack gap="sm" data-testid="automation-runs-log">
      <Group>
        <Select size="xs" w={300} label={t('automations.runs.filter')} placeholder={t('automations.runs.allRules')} clearable searchable value={ruleId}
          data={(rules.data ?? []).map((r) => ({ value: r.id, label: r.name }))} onChange={setRuleId} data-testid="automation-runs-filter" />
      </Group>
      {runs.isLoading && <Center p="md"><Loader aria-label={t('common.loading')} /></Center>}
      {runs.error && <ErrorAlert error={runs.error} />}
      {runs.data && <RunsTable runs={runs.data} />}
    </Stack>
  );
}

export function RunsTable({ runs }: { runs: AutomationRunDto[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (runs.length === 0) return <Text size="sm" c="dimmed" p="md" data-testid="automation-runs-empty">{t('automations.runs.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing={6} data-testid="automation-runs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('automations.runs.time')}</Table.Th>
            <Table.Th>{t('automations.runs.rule')}</Table.Th>
            <Table.Th>{t('automations.runs.conversation')}</Table.Th>
            <Table.Th>{t('automations.runs.outcome')}</Table.Th>
            <Table.Th>{t('automations.runs.did')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <Table.Tr key={run.id} data-testid="automation-run" data-outcome={run.outcome}>
              <Table.Td><Text size="xs">{format.dateTime(run.createdAt)}</Text></Table.Td>
              <Table.Td>
                <Text size="sm">{run.ruleName ?? t('automations.runs.deletedRule')}</Text>
                <Text size="xs" c="dimmed">{triggerLabel(run.trigger, t)}{run.depth > 0 ? ` · ${t('automations.runs.depth', { depth: run.depth })}` : ''}</Text>
              </Table.Td>
              <Table.Td>
                {run.conversationId && run.conversationNumber !== null
                  ? <Anchor component={Link} to={`/conversations/${run.conversationId}`} size="sm" data-testid="automation-run-conversation">#{run.conversationNumber}</Anchor>
                  : <Text size="sm" c="dimmed">—</Text>}
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={outcomeColor[run.outcome]} tt="none" data-testid="automation-run-outcome">{t(`automations.runs.outcomes.${run.outcome}`)}</Badge>
              </Table.Td>
              <Table.Td maw={360}>
                {run.actions.map((line, i) => <Text key={i} size="xs">{line}</Text>)}
                {run.error && <Text size="xs" c="red" data-testid="automation-run-error">{run.error}</Text>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
