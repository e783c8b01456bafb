import { Select, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { csvMappingFields } from '@careloop/contracts';
import type { Mapping, MappingField } from './csvHeader.ts';

const required: readonly MappingField[] = ['orderRef', 'createdAt'];

/** For the generic preset: which column of the file holds each CareLoop field. */
export function MappingEditor({ headers, mapping, onChange }: { headers: string[]; mapping: Mapping; onChange: (mapping: Mapping) => void }) {
  const { t } = useTranslation();
  if (headers.length === 0) return <Text size="sm" c="dimmed">{t('shop.imports.mapping.noHeader')}</Text>;
  const set = (field: MappingField, header: string | null) => {
    const next = { ...mapping };
    if (header) next[field] = header;
    else delete next[field];
    onChange(next);
  };
  return (
    <div data-testid="import-mapping">
      <Text size="sm" fw={600}>{t('shop.imports.mapping.title')}</Text>
      <Text size="xs" c="dimmed" mb="xs">{t('shop.imports.mapping.help', { count: headers.length })}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs" verticalSpacing="xs">
        {csvMappingFields.map((field) => (
          <Select key={field} size="xs" label={t(`shop.fields.${field}`)} withAsterisk={required.includes(field)} data={headers}
            value={mapping[field] ?? null} onChange={(h) => set(field, h)} clearable searchable placeholder={t('shop.imports.mapping.none')}
            nothingFoundMessage={t('common.nothingFound')} data-testid={`mapping-${field}`} />
        ))}
      </SimpleGrid>
    </div>
  );
}
