import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, Radio, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { ContactDto } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { contactLabel } from '../../ui/names.ts';
import { useContactList, useMergeContacts } from './queries.ts';

function describe(c: ContactDto): string {
  return [contactLabel(c), c.email, c.phoneDisplay ?? c.phone].filter(Boolean).join(' · ');
}

/**
 * Pick the duplicate (or start from `initial`, a duplicate found for you), choose which record
 * survives, confirm. The merge can be undone from the history.
 */
export function MergeModal({ contact, opened, onClose, onMerged, initial = null }: {
  contact: ContactDto; opened: boolean; onClose: () => void; onMerged: (survivor: ContactDto) => void; initial?: ContactDto | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [chosen, setChosen] = useState<ContactDto | null>(initial);
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  const list = useContactList(q);
  const merge = useMergeContacts();

  useEffect(() => {
    if (opened) {
      setSearch('');
      setChosen(initial);
      setKeep('this');
      merge.reset();
    }
  }, [opened]); // eslint-disable-line react-hooks/exhaustive-deps

  // The chosen contact stays an option even when the search text no longer finds it.
  const candidates = useMemo(() => {
    const found = (list.data?.pages ?? []).flatMap((p) => p.items).filter((c) => c.id !== contact.id && c.id !== chosen?.id);
    return chosen ? [chosen, ...found] : found;
  }, [list.data, contact.id, chosen]);

  const survivor = keep === 'this' ? contact : chosen;
  const merged = keep === 'this' ? chosen : contact;
  const confirm = () => {
    if (!survivor || !merged) return;
    merge.mutate({ survivorId: survivor.id, mergedId: merged.id }, {
      onSuccess: ({ contact: result }) => {
        onClose();
        onMerged(result);
      },
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('contacts.mergeTitle')} size="lg">
      <Stack gap="sm">
        {merge.error && <ErrorAlert error={merge.error} />}
        <Select
          label={t('contacts.mergeWith')}
          placeholder={t('contacts.searchPlaceholder')}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options }) => options}
          data={candidates.map((c) => ({ value: c.id, label: describe(c) }))}
          value={chosen?.id ?? null}
          onChange={(id) => setChosen(candidates.find((c) => c.id === id) ?? null)}
          nothingFoundMessage={t('common.nothingFound')}
          data-testid="merge-search"
          data-autofocus
        />
        {chosen && (
          <>
            <Radio.Group label={t('contacts.mergeKeep')} value={keep} onChange={(v) => setKeep(v as 'this' | 'other')}>
              <Stack gap={4} mt={4}>
                <Radio value="this" label={describe(contact)} data-testid="merge-keep-this" />
                <Radio value="other" label={describe(chosen)} data-testid="merge-keep-other" />
              </Stack>
            </Radio.Group>
            <Alert color="yellow" p="xs">
              <Text size="sm">
                {t('contacts.mergeExplain', { merged: survivor && merged ? contactLabel(merged) : '', survivor: survivor ? contactLabel(survivor) : '' })}
              </Text>
            </Alert>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button color="orange" disabled={!chosen} loading={merge.isPending} onClick={confirm} data-testid="merge-confirm">
            {t('contacts.merge')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
