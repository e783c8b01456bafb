import { useState } from 'react';
import { Alert, Button, Text } from '@mantine/core';
import { IconGitMerge } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MergeSuggestionDto } from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { MergeModal } from '../contacts/MergeModal.tsx';
import { useContact } from '../contacts/queries.ts';
import { atLeast } from './authority.ts';
import { commerceKeys } from './keys.ts';

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

/** The contacts' merge dialog, with the duplicate already chosen. */
function MergeOfferModal({ contactId, otherId, onClose, onMerged }: { contactId: string; otherId: string; onClose: () => void; onMerged?: (survivorId: string) => void }) {
  const qc = useQueryClient();
  const self = useContact(contactId);
  const other = useContact(otherId);
  if (self.error || other.error) return <ErrorAlert error={self.error ?? other.error} />;
  if (!self.data || !other.data) return null;
  return (
    <MergeModal contact={self.data} initial={other.data} opened onClose={onClose} onMerged={(survivor) => {
      void qc.invalidateQueries({ queryKey: commerceKeys.all });
      onMerged?.(survivor.id);
    }} />
  );
}
