import { Checkbox, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SlaClock } from '@careloop/contracts';
import { targetUnits, type TargetDraft, type TargetUnit } from './policyForm.ts';

/** One clock's target: a number and a unit, or no target at all (the clock does not run). */
export function TargetInput({ clock, value, onChange, error, readOnly }: {
  clock: SlaClock; value: TargetDraft | null; onChange: (next: TargetDraft | null) => void; error?: string | undefined; readOnly: boolean;
}) {
  const { t } = useTranslation();
  const label = t(`sla.clocks.${clock}`);
  return (
    <Stack gap={4} data-testid={`sla-target-${clock}`}>
      <Checkbox label={label} description={t(`sla.clockHelp.${clock}`)} checked={value !== null} disabled={readOnly}
        onChange={(e) => onChange(e.currentTarget.checked ? { value: clock === 'resolution' ? 24 : 15, unit: clock === 'resolution' ? 'hours' : 'minutes' } : null)}
        data-testid={`sla-target-${clock}-on`} />
      {value && (
        <Group gap={6} pl={28} wrap="nowrap">
          <NumberInput size="xs" w={100} min={1} allowDecimal={false} allowNegative={false} value={value.value} disabled={readOnly}
            aria-label={t('sla.policy.targetValue', { clock: label })} error={Boolean(error)}
            onChange={(v) => onChange({ ...value, value: typeof v === 'number' && Number.isFinite(v) ? v : '' })} data-testid={`sla-target-${clock}-value`} />
          <Select size="xs" w={110} value={value.unit} allowDeselect={false} disabled={readOnly} aria-label={t('sla.policy.targetUnit', { clock: label })}
            data={targetUnits.map((u) => ({ value: u, label: t(`sla.policy.units.${u}`) }))}
            onChange={(u) => u && onChange({ ...value, unit: u as TargetUnit })} data-testid={`sla-target-${clock}-unit`} />
        </Group>
      )}
      {error && <Text size="xs" c="red" pl={28}>{error}</Text>}
    </Stack>
  );
}
