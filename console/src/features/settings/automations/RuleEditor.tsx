import { useState, type FormEvent } from 'react';
import { Alert, Button, Divider, Group, Modal, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { automationLimits, automationTriggers, type AutomationTrigger } from '@careloop/contracts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { issuesAt, serverIssues, type ServerIssue } from '../serverIssues.ts';
import { ActionsEditor } from './ActionsEditor.tsx';
import { ConditionEditor } from './ConditionEditor.tsx';
import { DryRunResult } from './DryRunResult.tsx';
import { keyOf, triggerLabel } from './options.ts';
import { nextOrder, useAutomationRules, useDryRun, useSaveAutomationRule } from './queries.ts';
import { checkDraft, inputOfDraft, issuesText, type RuleDraft } from './ruleForm.ts';

/** The rule being created or edited (the modal keeps its own draft from `draft`). */
export function RuleModal({ draft, readOnly, onClose }: { draft: RuleDraft | null; readOnly: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const title = !draft?.id ? t('automations.rule.create') : readOnly ? t('automations.rule.view') : t('automations.rule.edit');
  return (
    <Modal opened={draft !== null} onClose={onClose} title={title} size="xl">
      {draft && <RuleEditor key={draft.id ?? 'new'} initial={draft} readOnly={readOnly} onDone={onClose} />}
    </Modal>
  );
}

/** A dry run's body is `{ rule, limit }`: its issues point into `rule.`. */
const fromDryRun = (issues: ServerIssue[]) => issues.map((i) => ({ ...i, path: i.path.replace(/^rule\.?/, '') }));

/** WHEN a trigger happens, IF the conditions hold, THEN the actions run; with a dry run over recent conversations. */
export function RuleEditor({ initial, readOnly, onDone }: { initial: RuleDraft; readOnly: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveAutomationRule();
  const dryRun = useDryRun();
  const rules = useAutomationRules();
  const [draft, setDraft] = useState(initial);
  const [checked, setChecked] = useState(false);
  const set = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const issues: ServerIssue[] = [
    ...(checked ? checkDraft(draft) : []), ...serverIssues(save.error), ...fromDryRun(serverIssues(dryRun.error)),
  ];
  const fieldError = (path: string) => issuesText(issuesAt(issues, path), t);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (readOnly) return;
    setChecked(true);
    if (checkDraft(draft).length > 0) return;
    // A new rule runs after the trigger's others; an edited one keeps its place unless it moved to another trigger.
    const moved = draft.id === null || initial.trigger !== draft.trigger;
    const order = moved ? nextOrder(rules.data?.filter((r) => r.id !== draft.id), draft.trigger) : draft.order;
    save.mutate({ id: draft.id, input: inputOfDraft({ ...draft, order }) }, { onSuccess: onDone });
  };
  const tryIt = () => {
    setChecked(true);
    if (checkDraft(draft).length === 0) dryRun.mutate(inputOfDraft(draft));
  };

  return (
    <form onSubmit={submit} noValidate data-testid="automation-rule-form">
      <Stack gap="sm">
        {save.error && <ErrorAlert error={save.error} testId="automation-save-error" />}
        <Group gap="sm" align="flex-start" grow>
          <TextInput label={t('automations.rule.name')} value={draft.name} maxLength={automationLimits.nameChars} required disabled={readOnly}
            error={fieldError('name')} onChange={(e) => set({ name: e.currentTarget.value })} data-testid="automation-name" />
          <Select label={t('automations.rule.when')} description={t(`automations.triggerHelp.${keyOf(draft.trigger)}`)} value={draft.trigger} allowDeselect={false}
            disabled={readOnly} error={fieldError('trigger')} data={automationTriggers.map((x) => ({ value: x, label: triggerLabel(x, t) }))}
            onChange={(v) => v && set({ trigger: v as AutomationTrigger })} data-testid="automation-trigger" />
        </Group>
        <Switch label={t('automations.rule.enabled')} checked={draft.enabled} disabled={readOnly} onChange={(e) => set({ enabled: e.currentTarget.checked })}
          data-testid="automation-enabled" />
        <Divider label={t('automations.rule.if')} labelPosition="left" />
        <ConditionEditor root={draft.conditions} trigger={draft.trigger} readOnly={readOnly} issues={issues} onChange={(conditions) => set({ conditions })} />
        <Divider label={t('automations.rule.then')} labelPosition="left" />
        <ActionsEditor actions={draft.actions} readOnly={readOnly} issues={issues} onChange={(actions) => set({ actions })} />
        <Divider />
        <Group gap="xs">
          <Button variant="light" color="grape" leftSection={<IconFlask size={14} aria-hidden />} loading={dryRun.isPending} onClick={tryIt} data-testid="automation-dry-run">
            {t('automations.dryRun.button')}
          </Button>
          <Text size="xs" c="dimmed">{t('automations.dryRun.help')}</Text>
        </Group>
        {dryRun.error && serverIssues(dryRun.error).length === 0 && <ErrorAlert error={dryRun.error} testId="automation-dry-run-error" />}
        {dryRun.data && <DryRunResult result={dryRun.data} />}
        {checked && checkDraft(draft).length > 0 && <Alert color="red" p="xs" role="alert" data-testid="automation-invalid">{t('automations.rule.fix')}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{readOnly ? t('automations.close') : t('common.cancel')}</Button>
          {!readOnly && <Button type="submit" loading={save.isPending} data-testid="automation-save">{t('common.save')}</Button>}
        </Group>
      </Stack>
    </form>
  );
}
