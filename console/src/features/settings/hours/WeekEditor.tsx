import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconCopy, IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { addInterval, closeChoices, copyToWeekdays, intervalsOf, invalidIntervals, openChoices, removeInterval, updateInterval, weekOrder, type BusinessHours } from './hours.ts';

/** Opening intervals per weekday: several a day for a lunch break, none for a closed day. */
export function WeekEditor({ value, onChange, readOnly }: { value: BusinessHours; onChange: (next: BusinessHours) => void; readOnly: boolean }) {
  const { t } = useTranslation();
  const invalid = invalidIntervals(value);
  return (
    <Stack gap={6} data-testid="hours-week">
      {!readOnly && (
        <Group justify="flex-end">
          <Button size="compact-xs" variant="subtle" leftSection={<IconCopy size={12} aria-hidden />} onClick={() => onChange(copyToWeekdays(value))}
            data-testid="hours-copy-weekdays">{t('hours.copyWeekdays')}</Button>
        </Group>
      )}
      {weekOrder.map((day) => {
        const intervals = intervalsOf(value, day);
        return (
          <Group key={day} gap="xs" align="flex-start" wrap="nowrap" data-testid="hours-day" data-day={day}>
            <Text size="sm" w={80} pt={4} fw={500}>{t(`hours.days.${day}`)}</Text>
            <Stack gap={4} style={{ flex: 1 }}>
              {intervals.length === 0 && <Text size="sm" c="dimmed" pt={4} data-testid="hours-closed">{t('hours.closed')}</Text>}
              {intervals.map(({ index, interval }) => (
                <Group key={index} gap={4} wrap="nowrap" data-testid="hours-interval">
                  <Select size="xs" w={96} data={openChoices} value={interval.open} searchable allowDeselect={false} disabled={readOnly}
                    aria-label={t('hours.opens', { day: t(`hours.days.${day}`) })} error={invalid.has(index)}
                    onChange={(v) => v && onChange(updateInterval(value, index, { open: v }))} data-testid="hours-open" />
                  <Text size="sm" c="dimmed">–</Text>
                  <Select size="xs" w={96} data={closeChoices} value={interval.close} searchable allowDeselect={false} disabled={readOnly}
                    aria-label={t('hours.closes', { day: t(`hours.days.${day}`) })} error={invalid.has(index)}
                    onChange={(v) => v && onChange(updateInterval(value, index, { close: v }))} data-testid="hours-close" />
                  {!readOnly && (
                    <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('hours.removeInterval')}
                      onClick={() => onChange(removeInterval(value, index))} data-testid="hours-remove">
                      <IconX size={14} aria-hidden />
                    </ActionIcon>
                  )}
                </Group>
              ))}
              {intervals.some(({ index }) => invalid.has(index)) && <Text size="xs" c="red">{t('hours.invalidInterval')}</Text>}
            </Stack>
            {!readOnly && (
              <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} aria-hidden />} onClick={() => onChange(addInterval(value, day))}
                data-testid="hours-add">{intervals.length ? t('hours.addBreak') : t('hours.open')}</Button>
            )}
          </Group>
        );
      })}
    </Stack>
  );
}
