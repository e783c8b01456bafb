import { ActionIcon, Badge, Button, Checkbox, Group, NumberInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconBriefcase, IconCalendarOff, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { wallClock } from '../../../lib/time.ts';
import { newCustomDay, setCustomDay, type BusinessHours } from './hours.ts';

const whole = (v: number | string, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : fallback);

function today(timeZone: string): string {
  let c;
  try {
    c = wallClock(new Date(), timeZone);
  } catch {
    c = wallClock(new Date(), 'Asia/Ho_Chi_Minh');
  }
  return `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
}

/** Vietnam's public holidays (Tết from the lunar calendar), a longer Tết, days off in lieu, and the shop's own days. */
export function HolidaysEditor({ value, onChange, readOnly }: { value: BusinessHours; onChange: (next: BusinessHours) => void; readOnly: boolean }) {
  const { t } = useTranslation();
  const h = value.holidays;
  const set = (patch: Partial<BusinessHours['holidays']>) => onChange({ ...value, holidays: { ...h, ...patch } });
  const tet = h.tet ?? null;

  return (
    <Stack gap="xs" data-testid="hours-holidays">
      <Switch label={t('hours.statutory')} description={t('hours.statutoryHelp')} checked={h.statutory} disabled={readOnly}
        onChange={(e) => set({ statutory: e.currentTarget.checked })} data-testid="hours-statutory" />
      <Checkbox label={t('hours.tet')} description={t('hours.tetHelp')} checked={tet !== null} disabled={readOnly}
        onChange={(e) => set({ tet: e.currentTarget.checked ? { daysBefore: 2, daysAfter: 5 } : undefined })} data-testid="hours-tet" />
      {tet && (
        <Group gap="sm" pl={28}>
          <NumberInput size="xs" w={150} label={t('hours.tetBefore')} min={0} max={10} allowDecimal={false} value={tet.daysBefore} disabled={readOnly}
            onChange={(v) => set({ tet: { ...tet, daysBefore: Math.min(10, Math.max(0, whole(v, 0))) } })} data-testid="hours-tet-before" />
          <NumberInput size="xs" w={150} label={t('hours.tetAfter')} min={0} max={15} allowDecimal={false} value={tet.daysAfter} disabled={readOnly}
            onChange={(v) => set({ tet: { ...tet, daysAfter: Math.min(15, Math.max(0, whole(v, 0))) } })} data-testid="hours-tet-after" />
        </Group>
      )}
      <Checkbox label={t('hours.compensatory')} description={t('hours.compensatoryHelp')} checked={h.compensatory ?? false} disabled={readOnly}
        onChange={(e) => set({ compensatory: e.currentTarget.checked })} data-testid="hours-compensatory" />

      <Text size="sm" fw={500} mt={4}>{t('hours.customTitle')}</Text>
      {h.custom.length === 0 && <Text size="xs" c="dimmed" data-testid="hours-custom-empty">{t('hours.customEmpty')}</Text>}
      {h.custom.map((day, index) => (
        <Group key={index} gap={6} wrap="nowrap" align="center" data-testid="hours-custom-day" data-working={day.workingDay ? 'true' : 'false'}>
          <Badge size="sm" variant="light" color={day.workingDay ? 'teal' : 'gray'} tt="none" w={110}
            leftSection={day.workingDay ? <IconBriefcase size={10} aria-hidden /> : <IconCalendarOff size={10} aria-hidden />}>
            {day.workingDay ? t('hours.workingDay') : t('hours.closedDay')}
          </Badge>
          <TextInput size="xs" type="date" w={150} value={day.date} disabled={readOnly} aria-label={t('hours.date')}
            onChange={(e) => onChange(setCustomDay(value, index, { date: e.currentTarget.value }))} data-testid="hours-custom-date" />
          <TextInput size="xs" style={{ flex: 1 }} value={day.name ?? ''} maxLength={120} disabled={readOnly} placeholder={t('hours.namePlaceholder')}
            aria-label={t('hours.name')} onChange={(e) => onChange(setCustomDay(value, index, { name: e.currentTarget.value }))} data-testid="hours-custom-name" />
          <Checkbox size="xs" label={t('hours.yearly')} checked={day.yearly ?? false} disabled={readOnly}
            onChange={(e) => onChange(setCustomDay(value, index, { yearly: e.currentTarget.checked }))} data-testid="hours-custom-yearly" />
          {!readOnly && (
            <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('hours.removeDay')}
              onClick={() => set({ custom: h.custom.filter((_, i) => i !== index) })} data-testid="hours-custom-remove">
              <IconX size={14} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      ))}
      {!readOnly && (
        <Group gap="xs">
          <Button size="compact-xs" variant="light" color="gray" leftSection={<IconCalendarOff size={12} aria-hidden />}
            onClick={() => set({ custom: [...h.custom, newCustomDay(today(value.timeZone), false)] })} data-testid="hours-add-closed">
            {t('hours.addClosed')}
          </Button>
          <Button size="compact-xs" variant="light" color="teal" leftSection={<IconBriefcase size={12} aria-hidden />}
            onClick={() => set({ custom: [...h.custom, newCustomDay(today(value.timeZone), true)] })} data-testid="hours-add-working">
            {t('hours.addWorking')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
