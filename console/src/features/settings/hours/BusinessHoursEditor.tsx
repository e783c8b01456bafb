import { Divider, Select, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { timeZoneChoices, type BusinessHours } from './hours.ts';
import { HolidaysEditor } from './HolidaysEditor.tsx';
import { WeekEditor } from './WeekEditor.tsx';

/**
 * Opening hours in a time zone, with holidays: the workspace's (SLA settings) and a team's own (Teams).
 * SLA clocks count only these hours when a policy says so.
 */
export function BusinessHoursEditor({ value, onChange, readOnly = false, error }: {
  value: BusinessHours; onChange: (next: BusinessHours) => void; readOnly?: boolean; error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="business-hours">
      <Select label={t('hours.timeZone')} value={value.timeZone} data={timeZoneChoices(value.timeZone)} searchable allowDeselect={false} maw={320}
        disabled={readOnly} onChange={(v) => v && onChange({ ...value, timeZone: v })} data-testid="hours-time-zone" />
      <Switch label={t('hours.alwaysOpen')} description={t('hours.alwaysOpenHelp')} checked={value.alwaysOpen} disabled={readOnly}
        onChange={(e) => onChange({ ...value, alwaysOpen: e.currentTarget.checked })} data-testid="hours-always-open" />
      {!value.alwaysOpen && <WeekEditor value={value} onChange={onChange} readOnly={readOnly} />}
      {error && <Text size="xs" c="red" role="alert" data-testid="hours-error">{error}</Text>}
      <Divider label={t('hours.holidays')} labelPosition="left" />
      <HolidaysEditor value={value} onChange={onChange} readOnly={readOnly} />
    </Stack>
  );
}
