import { useState } from 'react';
import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { IconGitMerge } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ContactDto, MergeSuggestionDto } from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { contactLabel } from '../../ui/names.ts';
import { useContact, useMergeContacts } from '../contacts/queries.ts';
import { atLeast } from './authority.ts';
import { commerceKeys } from './keys.ts';

const describe = (c: ContactDto) => [contactLabel(c), c.email, c.phoneDisplay ?? c.phone].filter(Boolean).join(' · ');

/**
 * "Số điện thoại này khớp với khách hàng X có N đơn — Gộp?": the existing merge, with the duplicate already
 * chosen. Merging is for supervisors and above (as on the server); agents see the match and whom to ask.
 */
export function MergeOfferBanner({ contactId, suggestion, onMerged }: { contactId: string; suggestion: MergeSuggestionDto; onMerged?: (survivorId: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const name = suggestion.name ?? suggestion.phoneDisplay ?? suggestion.email ?? t('commerce.merge.unnamed');
  return (
    <Alert color="orange" p="xs" data-testid="merge-offer" data-contact-id={suggestion.contactId}>
      <Text size="xs">{t(`commerce.merge.offer.${suggestion.matchedBy}`, { name, count: suggestion.orderCount })}</Text>
      {atLeast(me.agent.role, 'supervisor') ? (
        <Button size="compact-xs" mt={4} variant="light" color="orange" leftSection={<IconGitMerge size={12} aria-hidden />}
          onClick={() => setOpen(true)} data-testid="merge-offer-open">
          {t('commerce.merge.action')}
        </Button>
      ) : (
        <Text size="xs" c="dimmed" mt={2}>{t('commerce.merge.askSupervisor')}</Text>
      )}
      {open && <MergeOfferModal contactId={contactId} otherId={suggestion.contactId} onClose={() => setOpen(false)} onMerged={onMerged} />}
    </Alert>
  );
}

function MergeOfferModal({ contactId, otherId, onClose, onMerged }: { contactId: string; otherId: string; onClose: () => void; onMerged?: (survivorId: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const self = useContact(contactId);
  const other = useContact(otherId);
  const merge = useMergeContacts();
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  const survivor = keep === 'this' ? self.data : other.data;
  const merged = keep === 'this' ? other.data : self.data;

  const confirm = () => {
    if (!survivor || !merged) return;
    merge.mutate({ survivorId: survivor.id, mergedId: merged.id }, {
      onSuccess: ({ contact }) => {
        void qc.invalidateQueries({ queryKey: commerceKeys.all });
        onClose();
        onMerged?.(contact.id);
      },
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('contacts.mergeTitle')} size="lg">
      <Stack gap="sm">
        <ErrorAlert error={merge.error ?? self.error ?? other.error} />
        {self.data && other.data && (
          <>
            <Radio.Group label={t('contacts.mergeKeep')} value={keep} onChange={(v) => setKeep(v as 'this' | 'other')}>
              <Stack gap={4} mt={4}>
                <Radio value="this" label={describe(self.data)} data-testid="merge-keep-this" />
                <Radio value="other" label={describe(other.data)} data-testid="merge-keep-other" />
              </Stack>
            </Radio.Group>
            {survivor && merged && (
              <Alert color="yellow" p="xs">
                <Text size="sm">{t('contacts.mergeExplain', { merged: contactLabel(merged), survivor: contactLabel(survivor) })}</Text>
              </Alert>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button color="orange" disabled={!survivor || !merged} loading={merge.isPending} onClick={confirm} data-testid="merge-confirm">
            {t('contacts.merge')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
