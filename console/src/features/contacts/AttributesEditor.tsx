import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export interface AttributeRow {
  key: string;
  value: string;
  /** The stored value when it was not edited, so numbers and booleans keep their type. */
  original?: unknown;
}

export function toRows(attributes: Record<string, unknown>): AttributeRow[] {
  return Object.entries(attributes).map(([key, value]) => ({
    key,
    value: value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value),
    original: value,
  }));
}

export function fromRows(rows: AttributeRow[]): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (!key) continue;
    const original = row.original;
    const unchanged = original !== undefined && (original === null ? row.value === '' : String(original) === row.value);
    out[key] = unchanged && (typeof original === 'number' || typeof original === 'boolean' || original === null) ? original : row.value;
  }
  return out;
}

export function AttributesEditor({ rows, onChange }: { rows: AttributeRow[]; onChange: (rows: AttributeRow[]) => void }) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<AttributeRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>{t('contact.attributes')}</Text>
      {rows.map((row, index) => (
        <Group key={index} gap={4} wrap="nowrap">
          <TextInput size="xs" placeholder={t('contact.attributeKey')} aria-label={t('contact.attributeKey')} value={row.key}
            onChange={(e) => set(index, { key: e.currentTarget.value })} style={{ flex: 1 }} />
          <TextInput size="xs" placeholder={t('contact.attributeValue')} aria-label={t('contact.attributeValue')} value={row.value}
            onChange={(e) => set(index, { value: e.currentTarget.value })} style={{ flex: 2 }} />
          <ActionIcon variant="subtle" color="red" aria-label={t('common.remove')} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            <IconTrash size={14} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} aria-hidden />} w="fit-content"
        onClick={() => onChange([...rows, { key: '', value: '' }])}>
        {t('contact.addAttribute')}
      </Button>
    </Stack>
  );
}
