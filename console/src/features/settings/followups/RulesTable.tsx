import { Badge, Button, Center, Group, Loader, Switch, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FollowupRuleDto } from '@careloop/contracts';
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { formatCount, formatPercent } from '../../analytics/format.ts';
import { segmentColor } from '../../analytics/segments.ts';
import { useDeleteRule, useFollowupRules, useFollowupSettings, useToggleRule } from './queries.ts';
import { resultsView, ruleCondition } from './results.ts';

function Rate({ value, count, testId }: { value: number | null; count: number; testId: string }) {
  const { i18n } = useTranslation();
  return (
    <Table.Td data-testid={testId}>
      <Text size="sm">{formatPercent(value, i18n.language, 0)}</Text>
      <Text size="xs" c="dimmed">{formatCount(count, i18n.language)}</Text>
    </Table.Td>
  );
}

function Th({ label, help }: { label: string; help: string }) {
  return (
    <Table.Th>
      <Tooltip label={help} multiline w={240} withArrow>
        <span tabIndex={0} style={{ textDecoration: 'underline dotted', cursor: 'help' }}>{label}</span>
      </Tooltip>
    </Table.Th>
  );
}

/** The rules with their on/off switch and results; admins edit and delete, supervisors open them read-only. */
export function RulesTable({ editable, onOpen, onSends }: { editable: boolean; onOpen: (rule: FollowupRuleDto) => void; onSends: (rule: FollowupRuleDto) => void }) {
  const { t, i18n } = useTranslation();
  const rules = useFollowupRules();
  const settings = useFollowupSettings();
  const toggle = useToggleRule();
  const remove = useDeleteRule();
  const lang = i18n.language;
  const days = settings.data?.attributionDays ?? 14;

  if (rules.isLoading) return <Center p="md"><Loader aria-label={t('common.loading')} /></Center>;
  if (rules.error) return <ErrorAlert error={rules.error} />;
  if (rules.data?.length === 0) return <Text size="sm" c="dimmed" p="md" data-testid="followup-rules-empty">{t('followups.rules.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing={6} data-testid="followup-rules">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('followups.rules.rule')}</Table.Th>
            <Table.Th>{t('followups.rules.enabled')}</Table.Th>
            <Th label={t('followups.results.sent')} help={t('followups.results.sentHelp')} />
            <Th label={t('followups.results.replied')} help={t('followups.results.repliedHelp')} />
            <Th label={t('followups.results.purchased')} help={t('followups.results.purchasedHelp', { count: days })} />
            <Th label={t('followups.results.skipped')} help={t('followups.results.skippedHelp')} />
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.data?.map((rule) => {
            const r = resultsView(rule.results);
            const condition = ruleCondition(rule);
            const pending = toggle.isPending && toggle.variables.rule.id === rule.id;
            return (
              <Table.Tr key={rule.id} data-testid="followup-rule-row" data-kind={rule.kind}>
                <Table.Td maw={340}>
                  <Text size="sm" fw={600}>{rule.name}</Text>
                  <Group gap={4} mt={2}>
                    <Badge size="xs" variant="light" tt="none">{t(`followups.kinds.${rule.kind}`)}</Badge>
                    <Text size="xs" c="dimmed">{t(`followups.condition.${condition.key}`, { count: condition.count })}</Text>
                    {rule.kind === 'winback' && rule.segments.map((s) => (
                      <Badge key={s} size="xs" variant="dot" color={segmentColor[s]} tt="none">{t(`analytics.segments.${s}.name`)}</Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Switch size="sm" checked={pending ? toggle.variables.enabled : rule.enabled} disabled={!editable || pending}
                    aria-label={t('followups.rules.enabledOf', { name: rule.name })} data-testid="followup-rule-enabled"
                    onChange={(e) => toggle.mutate({ rule, enabled: e.currentTarget.checked })} />
                </Table.Td>
                <Table.Td data-testid="followup-rule-sent"><Text size="sm">{formatCount(r.sent, lang)}</Text></Table.Td>
                <Rate value={r.repliedRate} count={r.replied} testId="followup-rule-replied" />
                <Rate value={r.purchasedRate} count={r.purchased} testId="followup-rule-purchased" />
                <Table.Td data-testid="followup-rule-skipped"><Text size="sm">{formatCount(r.skipped, lang)}</Text></Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => onSends(rule)} data-testid="followup-rule-sends">{t('followups.sends.open')}</Button>
                    <Button size="compact-xs" variant="subtle" onClick={() => onOpen(rule)} data-testid="followup-rule-edit">
                      {editable ? t('common.edit') : t('followups.rules.view')}
                    </Button>
                    {editable && (
                      <ConfirmButton size="compact-xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === rule.id}
                        question={t('followups.rules.confirmDelete', { name: rule.name })} confirmLabel={t('common.delete')}
                        onConfirm={() => remove.mutate(rule.id)} testId="followup-rule-delete">{t('common.delete')}</ConfirmButton>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
