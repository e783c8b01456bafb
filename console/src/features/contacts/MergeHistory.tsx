import { Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/useFormat.ts';
import { useContactMerges, useUndoMerge } from './queries.ts';

/** Merges that touched this contact, newest first; one not yet undone can be undone. */
export function MergeHistory({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const merges = useContactMerges(contactId);
  const undo = useUndoMerge();
  const list = [...(merges.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <section data-testid="merge-history">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>{t('contacts.mergeHistory')}</Text>
      {list.length === 0 && <Text size="xs" c="dimmed">{t('contacts.noMerges')}</Text>}
      <Stack gap={4}>
        {list.map((m) => (
          <Group key={m.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="merge-entry" data-undone={m.undoneAt ? 'true' : 'false'}>
            <div style={{ minWidth: 0 }}>
              <Text size="xs">
                {m.survivorId === contactId ? t('contacts.mergedInto', { id: m.mergedId }) : t('contacts.mergedAway', { id: m.survivorId })}
              </Text>
              <Text size="xs" c="dimmed">
                {format.dateTime(m.createdAt)}
                {m.undoneAt && ` · ${t('contacts.undoneAt', { time: format.dateTime(m.undoneAt) })}`}
              </Text>
            </div>
            {!m.undoneAt && (
              <Button size="compact-xs" variant="light" leftSection={<IconArrowBackUp size={12} aria-hidden />}
                loading={undo.isPending && undo.variables === m.id} onClick={() => undo.mutate(m.id)} data-testid="merge-undo">
                {t('contacts.undo')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </section>
  );
}
