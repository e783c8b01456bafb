import { ActionIcon, Button, Center, Group, Loader, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AutomationRuleDto } from '@careloop/contracts';
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/useFormat.ts';
import { keyOf, triggerLabel } from './options.ts';
import { movedWithin, rulesByTrigger, useAutomationRules, useDeleteAutomationRule, useReorderAutomationRules, useToggleAutomationRule } from './queries.ts';

/** The server's sentence for a rule in the UI language (Vietnamese unless the console is in English). */
export const describe = (rule: AutomationRuleDto, lang: string) => (lang.startsWith('en') ? rule.description.en : rule.description.vi);

/** Rules grouped by trigger, in the order they run; admins reorder within a trigger, switch, edit and delete. */
export function RuleList({ editable, onOpen }: { editable: boolean; onOpen: (rule: AutomationRuleDto) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const rules = useAutomationRules();
  const toggle = useToggleAutomationRule();
  const reorder = useReorderAutomationRules();
  const remove = useDeleteAutomationRule();

  if (rules.isLoading) return <Center p="md"><Loader aria-label={t('common.loading')} /></Center>;
  if (rules.error) return <ErrorAlert error={rules.error} />;
  const groups = rulesByTrigger(rules.data ?? []);
  if (groups.length === 0) return <Text size="sm" c="dimmed" p="md" data-testid="automation-rules-empty">{t('automations.list.empty')}</Text>;

  return (
    <Stack gap="md" data-testid="automation-rules">
      {groups.map(({ trigger, rules: list }) => (
        <Paper key={trigger} withBorder p="xs" data-testid="automation-trigger-group" data-trigger={trigger}>
          <Title order={3} size="h6" mb={2}>{triggerLabel(trigger, t)}</Title>
          <Text size="xs" c="dimmed" mb={4}>{t(`automations.triggerHelp.${keyOf(trigger)}`)}</Text>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  {editable && <Table.Th w={60}>{t('automations.list.order')}</Table.Th>}
                  <Table.Th>{t('automations.list.rule')}</Table.Th>
                  <Table.Th w={90}>{t('automations.list.enabled')}</Table.Th>
                  <Table.Th w={110}>{t('automations.list.runsLastDay')}</Table.Th>
                  <Table.Th w={140}>{t('automations.list.lastRun')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((rule, index) => {
                  const pending = toggle.isPending && toggle.variables.id === rule.id;
                  const move = (delta: -1 | 1) => reorder.mutate(movedWithin(list, rule.id, delta));
                  return (
                    <Table.Tr key={rule.id} data-testid="automation-rule-row" data-rule-id={rule.id} opacity={rule.enabled ? 1 : 0.6}>
                      {editable && (
                        <Table.Td>
                          <Group gap={0} wrap="nowrap">
                            <ActionIcon size="sm" variant="subtle" color="gray" disabled={index === 0 || reorder.isPending} aria-label={t('automations.list.up', { name: rule.name })}
                              onClick={() => move(-1)} data-testid="automation-rule-up"><IconArrowUp size={14} aria-hidden /></ActionIcon>
                            <ActionIcon size="sm" variant="subtle" color="gray" disabled={index === list.length - 1 || reorder.isPending}
                              aria-label={t('automations.list.down', { name: rule.name })} onClick={() => move(1)} data-testid="automation-rule-down">
                              <IconArrowDown size={14} aria-hidden />
                            </ActionIcon>
                          </Group>
                        </Table.Td>
                      )}
                      <Table.Td maw={420}>
                        <Text size="sm" fw={600} data-testid="automation-rule-name">{rule.name}</Text>
                        <Text size="xs" c="dimmed" data-testid="automation-rule-description">{describe(rule, i18n.language)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Switch size="sm" checked={pending ? toggle.variables.enabled : rule.enabled} disabled={!editable || pending}
                          aria-label={t('automations.list.enabledOf', { name: rule.name })} onChange={(e) => toggle.mutate({ id: rule.id, enabled: e.currentTarget.checked })}
                          data-testid="automation-rule-enabled" />
                      </Table.Td>
                      <Table.Td data-testid="automation-rule-runs"><Text size="sm">{rule.runsLastDay}</Text></Table.Td>
                      <Table.Td data-testid="automation-rule-last-run">
                        <Text size="xs" c={rule.lastRunAt ? undefined : 'dimmed'} title={rule.lastRunAt ?? undefined}>
                          {rule.lastRunAt ? format.relative(rule.lastRunAt) : t('automations.list.never')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button size="compact-xs" variant="subtle" onClick={() => onOpen(rule)} data-testid="automation-rule-edit">
                            {editable ? t('common.edit') : t('automations.rule.view')}
                          </Button>
                          {editable && (
                            <ConfirmButton size="compact-xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === rule.id}
                              question={t('automations.list.confirmDelete', { name: rule.name })} confirmLabel={t('common.delete')}
                              onConfirm={() => remove.mutate(rule.id)} testId="automation-rule-delete">{t('common.delete')}</ConfirmButton>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ))}
    </Stack>
  );
}
