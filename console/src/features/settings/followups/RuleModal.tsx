import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { followupKinds, repurchaseBases, segmentNames, type FollowupKind, type RepurchaseBasis, type SegmentName } from '@careloop/contracts';
import { useMe } from '../../../app/session.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { kindDefaults } from './defaults.ts';
import { MessageFields } from './MessageFields.tsx';
import { useSaveRule } from './queries.ts';
import { switchBasis, switchKind, validateRuleForm, type RuleField, type RuleForm } from './ruleForm.ts';

const whole = (v: number | string): number | '' => (typeof v === 'number' && Number.isFinite(v) ? v : '');

/** The rule being created or edited; `form` is its starting point (the modal keeps its own draft). */
export function RuleModal({ form, readOnly, onClose }: { form: RuleForm | null; readOnly: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const title = !form?.id ? t('followups.rules.create') : readOnly ? t('followups.rules.view') : t('followups.rules.edit');
  return (
    <Modal opened={form !== null} onClose={onClose} title={title} size="xl">
      {form && <RuleFormBody key={form.id ?? 'new'} initial={form} readOnly={readOnly} onDone={onClose} />}
    </Modal>
  );
}

function RuleFormBody({ initial, readOnly, onDone }: { initial: RuleForm; readOnly: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const save = useSaveRule();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Set<RuleField>>(new Set());
  const [invalid, setInvalid] = useState(false);
  const set = (patch: Partial<RuleForm>) => setForm((f) => ({ ...f, ...patch }));
  const error = (f: RuleField) => (errors.has(f) ? t(`followups.invalid.${f}`) : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (readOnly) return;
    const checked = validateRuleForm(form);
    setErrors(checked.errors ?? new Set());
    setInvalid(checked.errors !== null);
    if (checked.input) save.mutate({ id: form.id, input: checked.input }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="followup-rule-form">
      <Stack gap="sm">
        {save.error && <ErrorAlert error={save.error} />}
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select<FollowupKind> label={t('followups.rules.kind')} value={form.kind} allowDeselect={false} description={t(`followups.kindHelp.${form.kind}`)}
                data={followupKinds.map((k) => ({ value: k, label: t(`followups.kinds.${k}`) }))} data-testid="followup-kind"
                renderOption={({ option }) => (
                  <div>
                    <Text size="sm">{option.label}</Text>
                    <Text size="xs" c="dimmed">{t(`followups.kindHelp.${option.value}`)}</Text>
                  </div>
                )}
                onChange={(k) => k && setForm((f) => switchKind(f, k, kindDefaults))} />
              <TextInput label={t('followups.rules.name')} value={form.name} maxLength={120} error={error('name')}
                onChange={(e) => set({ name: e.currentTarget.value })} data-testid="followup-name" />
              {form.kind !== 'repurchase' && (
                <NumberInput label={t(`followups.rules.days.${form.kind}`)} description={t(`followups.rules.daysHelp.${form.kind}`)} value={form.days}
                  min={1} max={365} allowDecimal={false} allowNegative={false} error={error('days')} onChange={(v) => set({ days: whole(v) })} data-testid="followup-days" />
              )}
              {form.kind === 'repurchase' && (
                <Select<RepurchaseBasis> label={t('followups.rules.basis')} value={form.basis} allowDeselect={false} description={t(`followups.basisHelp.${form.basis}`)}
                  data={repurchaseBases.map((b) => ({ value: b, label: t(`followups.bases.${b}`) }))} data-testid="followup-basis"
                  renderOption={({ option }) => (
                    <div>
                      <Text size="sm">{option.label}</Text>
                      <Text size="xs" c="dimmed">{t(`followups.basisHelp.${option.value}`)}</Text>
                    </div>
                  )}
                  onChange={(b) => b && setForm((f) => switchBasis(f, b, kindDefaults))} />
              )}
              {form.kind === 'repurchase' && (
                <NumberInput label={t('followups.rules.minPAlive')} description={t('followups.rules.minPAliveHelp')} value={form.minPAlivePct}
                  min={0} max={100} allowDecimal={false} allowNegative={false} suffix=" %" error={error('minPAlivePct')}
                  onChange={(v) => set({ minPAlivePct: whole(v) })} data-testid="followup-min-p-alive" />
              )}
              {form.kind === 'winback' && (
                <MultiSelect<SegmentName> label={t('followups.rules.segments')} description={t('followups.rules.segmentsHelp')} value={form.segments} maxValues={10}
                  data={segmentNames.map((s) => ({ value: s, label: t(`analytics.segments.${s}.name`) }))} error={error('segments')} clearable={!readOnly}
                  onChange={(segments) => set({ segments })} data-testid="followup-segments" />
              )}
            </SimpleGrid>
            <Switch label={t('followups.rules.enabledLabel')} checked={form.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} data-testid="followup-enabled" />
          </Stack>
        </fieldset>
        <MessageFields form={form} set={set} errors={errors} readOnly={readOnly} workspaceName={me.workspace.name} />
        {invalid && <Alert color="red" p="xs" role="alert">{t('errors.validation_failed')}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{readOnly ? t('followups.close') : t('common.cancel')}</Button>
          {!readOnly && <Button type="submit" loading={save.isPending} data-testid="followup-rule-save">{t('common.save')}</Button>}
        </Group>
      </Stack>
    </form>
  );
}
