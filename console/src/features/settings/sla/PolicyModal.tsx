import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, Modal, MultiSelect, NumberInput, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { channelTypes, priorities, slaClocks, slaSegments } from '@careloop/contracts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { policyServerErrors, validatePolicyForm, type PolicyField, type PolicyForm } from './policyForm.ts';
import { useSavePolicy } from './queries.ts';
import { TargetInput } from './TargetInput.tsx';

/** The policy being created or edited; `form` is its starting point (the modal keeps its own draft). */
export function PolicyModal({ form, readOnly, onClose }: { form: PolicyForm | null; readOnly: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const title = !form?.id ? t('sla.policy.create') : readOnly ? t('sla.policy.view') : t('sla.policy.edit');
  return (
    <Modal opened={form !== null} onClose={onClose} title={title} size="lg">
      {form && <PolicyFormBody key={form.id ?? 'new'} initial={form} readOnly={readOnly} onDone={onClose} />}
    </Modal>
  );
}

export function PolicyFormBody({ initial, readOnly, onDone }: { initial: PolicyForm; readOnly: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSavePolicy();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Set<PolicyField>>(new Set());
  const set = (patch: Partial<PolicyForm>) => setForm((f) => ({ ...f, ...patch }));
  const server = policyServerErrors(save.error);
  const error = (f: PolicyField) => (errors.has(f) || server.has(f) ? t(`sla.policy.invalid.${f}`) : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (readOnly) return;
    const checked = validatePolicyForm(form);
    setErrors(checked.errors ?? new Set());
    if (checked.input) save.mutate({ id: form.id, input: checked.input }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="sla-policy-form">
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="sm">
          {save.error && <ErrorAlert error={save.error} />}
          <TextInput label={t('sla.policy.name')} value={form.name} maxLength={120} error={error('name')} required
            onChange={(e) => set({ name: e.currentTarget.value })} data-testid="sla-policy-name" />
          <Text size="sm" fw={500}>{t('sla.policy.appliesTo')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <MultiSelect label={t('sla.policy.channels')} placeholder={form.channels.length ? undefined : t('sla.policy.any')} value={form.channels}
              data={channelTypes.map((c) => ({ value: c, label: t(`channels.${c}`) }))} clearable={!readOnly}
              onChange={(v) => set({ channels: v as PolicyForm['channels'] })} data-testid="sla-policy-channels" />
            <MultiSelect label={t('sla.policy.priorities')} placeholder={form.priorities.length ? undefined : t('sla.policy.any')} value={form.priorities}
              data={priorities.map((p) => ({ value: p, label: t(`priority.${p}`) }))} clearable={!readOnly}
              onChange={(v) => set({ priorities: v as PolicyForm['priorities'] })} data-testid="sla-policy-priorities" />
            <MultiSelect label={t('sla.policy.segments')} placeholder={form.segments.length ? undefined : t('sla.policy.any')} value={form.segments}
              data={slaSegments.map((s) => ({ value: s, label: s === 'vip' ? t('analytics.vip.badge') : t(`analytics.segments.${s}.name`) }))} clearable={!readOnly}
              onChange={(v) => set({ segments: v as PolicyForm['segments'] })} data-testid="sla-policy-segments" />
          </SimpleGrid>
          <Text size="sm" fw={500}>{t('sla.policy.targets')}</Text>
          {slaClocks.map((clock) => (
            <TargetInput key={clock} clock={clock} value={form.targets[clock]} readOnly={readOnly} error={error(clock)}
              onChange={(draft) => set({ targets: { ...form.targets, [clock]: draft } })} />
          ))}
          {errors.has('targets') && <Alert color="red" p="xs" role="alert" data-testid="sla-policy-no-target">{t('sla.policy.invalid.targets')}</Alert>}
          <Switch label={t('sla.policy.businessHours')} description={t('sla.policy.businessHoursHelp')} checked={form.businessHours}
            onChange={(e) => set({ businessHours: e.currentTarget.checked })} data-testid="sla-policy-business-hours" />
          <NumberInput label={t('sla.policy.warnPercent')} description={t('sla.policy.warnPercentHelp')} w={220} min={1} max={99} suffix=" %"
            allowDecimal={false} allowNegative={false} value={form.warnPercent} error={error('warnPercent')}
            onChange={(v) => set({ warnPercent: typeof v === 'number' && Number.isFinite(v) ? v : '' })} data-testid="sla-policy-warn" />
          <Text size="sm" fw={500}>{t('sla.policy.onBreach')}</Text>
          <Stack gap={6}>
            {(['raisePriority', 'reassignToLead', 'notifySupervisors'] as const).map((key) => (
              <Checkbox key={key} label={t(`sla.policy.escalation.${key}`)} checked={form.escalation[key]}
                onChange={(e) => set({ escalation: { ...form.escalation, [key]: e.currentTarget.checked } })} data-testid={`sla-policy-${key}`} />
            ))}
          </Stack>
          <Switch label={t('sla.policy.enabled')} checked={form.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} data-testid="sla-policy-enabled" />
        </Stack>
      </fieldset>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onDone}>{readOnly ? t('sla.close') : t('common.cancel')}</Button>
        {!readOnly && <Button type="submit" loading={save.isPending} data-testid="sla-policy-save">{t('common.save')}</Button>}
      </Group>
    </form>
  );
}
