import { Autocomplete, Group, NumberInput, PasswordInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { automationLimits, limits, priorities, type AutomationAction, type Priority } from '@careloop/contracts';
import { useAgents, useCanned, useLabels, useTeams } from '../../../app/directory.ts';
import { durationText } from '../../sla/duration.ts';
import { VariableHint } from './VariableHint.tsx';

interface Props {
  action: AutomationAction;
  onChange: (next: AutomationAction) => void;
  /** A refused parameter's message (client check or server answer), by parameter name. */
  errorOf: (param: string) => string | undefined;
  readOnly: boolean;
}

/** A text a rule writes, with the variables it may use. */
function RuleText({ label, value, onChange, error, readOnly, required = true, testId }: {
  label: string; value: string; onChange: (v: string) => void; error: string | undefined; readOnly: boolean; required?: boolean; testId: string;
}) {
  return (
    <Stack gap={4}>
      <Textarea size="xs" label={label} value={value} autosize minRows={2} maxRows={8} maxLength={automationLimits.textChars} required={required}
        disabled={readOnly} error={error} onChange={(e) => onChange(e.currentTarget.value)} data-testid={testId} />
      <VariableHint readOnly={readOnly} onInsert={(token) => onChange(value ? `${value} ${token}` : token)} />
    </Stack>
  );
}

/** The parameters of one action: who to assign, which priority, the text to send (with variables), the webhook address… */
export function ActionFields({ action: a, onChange, errorOf, readOnly }: Props) {
  const { t } = useTranslation();
  const agents = useAgents();
  const teams = useTeams();
  const labels = useLabels();
  const canned = useCanned();
  const agentOptions = (agents.data ?? []).filter((x) => !x.disabled).map((x) => ({ value: x.id, label: x.name }));
  const teamOptions = (teams.data ?? []).map((x) => ({ value: x.id, label: x.name }));
  const common = (param: string) => ({ size: 'xs' as const, disabled: readOnly, error: errorOf(param) });

  switch (a.type) {
    case 'assign_agent':
      return <Select {...common('agentId')} label={t('automations.action.agent')} data={agentOptions} searchable value={a.agentId || null}
        onChange={(v) => onChange({ ...a, agentId: v ?? '' })} data-testid="action-agent" />;
    case 'assign_team':
      return <Select {...common('teamId')} label={t('automations.action.team')} data={teamOptions} value={a.teamId || null}
        onChange={(v) => onChange({ ...a, teamId: v ?? '' })} data-testid="action-team" />;
    case 'set_priority':
      return <Select {...common('priority')} label={t('automations.action.priority')} data={priorities.map((p) => ({ value: p, label: t(`priority.${p}`) }))} value={a.priority}
        allowDeselect={false} onChange={(v) => v && onChange({ ...a, priority: v as Priority })} data-testid="action-priority" />;
    case 'add_label':
    case 'remove_label':
      return <Autocomplete {...common('label')} label={t('automations.action.label')} data={labels.data ?? []} value={a.label} maxLength={limits.labelChars}
        onChange={(label) => onChange({ ...a, label })} data-testid="action-label" />;
    case 'send_canned':
      return <Select {...common('cannedId')} label={t('automations.action.canned')} searchable value={a.cannedId || null}
        data={(canned.data ?? []).map((c) => ({ value: c.id, label: `/${c.shortCode} · ${c.title}` }))}
        onChange={(v) => onChange({ ...a, cannedId: v ?? '' })} data-testid="action-canned" />;
    case 'send_message':
      return <RuleText label={t('automations.action.message')} value={a.text} onChange={(text) => onChange({ ...a, text })} error={errorOf('text')} readOnly={readOnly} testId="action-text" />;
    case 'send_email': {
      const preset = a.to === 'contact' || a.to === 'team' ? a.to : 'address';
      return (
        <Stack gap={6}>
          <Group gap="xs" align="flex-end">
            <Select size="xs" w={200} label={t('automations.action.emailTo')} value={preset} allowDeselect={false} disabled={readOnly}
              data={(['contact', 'team', 'address'] as const).map((v) => ({ value: v, label: t(`automations.action.emailTargets.${v}`) }))}
              onChange={(v) => v && onChange({ ...a, to: v === 'address' ? '' : v })} data-testid="action-email-to" />
            {preset === 'address' && (
              <TextInput size="xs" style={{ flex: 1 }} type="email" label={t('automations.action.emailAddress')} value={a.to} error={errorOf('to')} maxLength={limits.emailChars} disabled={readOnly}
                onChange={(e) => onChange({ ...a, to: e.currentTarget.value })} data-testid="action-email-address" />
            )}
          </Group>
          <TextInput size="xs" label={t('automations.action.subject')} value={a.subject} error={errorOf('subject')} maxLength={automationLimits.subjectChars} disabled={readOnly}
            onChange={(e) => onChange({ ...a, subject: e.currentTarget.value })} data-testid="action-subject" />
          <RuleText label={t('automations.action.emailBody')} value={a.text} onChange={(text) => onChange({ ...a, text })} error={errorOf('text')} readOnly={readOnly} testId="action-text" />
        </Stack>
      );
    }
    case 'snooze':
      return <NumberInput {...common('minutes')} w={220} label={t('automations.action.snoozeMinutes')} min={1} max={automationLimits.snoozeMinutes} allowDecimal={false}
        description={Number.isFinite(a.minutes) && a.minutes > 0 ? durationText(a.minutes * 60, t) : undefined} value={Number.isFinite(a.minutes) ? a.minutes : ''}
        onChange={(v) => onChange({ ...a, minutes: typeof v === 'number' ? v : Number.NaN })} data-testid="action-minutes" />;
    case 'resolve':
      return <RuleText label={t('automations.action.closingMessage')} value={a.message ?? ''} required={false} error={errorOf('message')} readOnly={readOnly} testId="action-text"
        onChange={(message) => onChange({ ...a, message })} />;
    case 'escalate':
      return <Select {...common('to')} w={240} label={t('automations.action.escalateTo')} value={a.to} allowDeselect={false}
        data={(['team_lead', 'supervisors'] as const).map((v) => ({ value: v, label: t(`automations.action.escalateTargets.${v}`) }))}
        onChange={(v) => v && onChange({ ...a, to: v as 'team_lead' | 'supervisors' })} data-testid="action-escalate" />;
    case 'call_webhook':
      return (
        <Group gap="xs" align="flex-start" grow>
          <TextInput {...common('url')} label={t('automations.action.url')} placeholder="https://" value={a.url} maxLength={automationLimits.urlChars}
            onChange={(e) => onChange({ ...a, url: e.currentTarget.value })} data-testid="action-url" />
          <PasswordInput size="xs" disabled={readOnly} error={errorOf('secret')} label={t('automations.action.secret')} description={t('automations.action.secretHelp')} value={a.secret ?? ''}
            maxLength={200} onChange={(e) => onChange({ ...a, secret: e.currentTarget.value || undefined })} data-testid="action-secret" />
        </Group>
      );
    case 'notify': {
      const audiences = [
        { group: t('automations.action.audienceGroups.roles'), items: (['assignee', 'team', 'supervisors'] as const).map((v) => ({ value: v, label: t(`automations.action.audiences.${v}`) })) },
        { group: t('automations.action.audienceGroups.agents'), items: agentOptions },
      ];
      return (
        <Stack gap={6}>
          <Select size="xs" w={260} label={t('automations.action.audience')} error={errorOf('audience')} data={audiences} searchable value={a.audience || null} allowDeselect={false} disabled={readOnly}
            onChange={(v) => v && onChange({ ...a, audience: v })} data-testid="action-audience" />
          <RuleText label={t('automations.action.notice')} value={a.text} onChange={(text) => onChange({ ...a, text })} error={errorOf('text')} readOnly={readOnly} testId="action-text" />
        </Stack>
      );
    }
    case 'suggest_compensation':
    case 'stop_processing':
      return <Text size="xs" c="dimmed">{t(`automations.action.help.${a.type}`)}</Text>;
  }
}
