import { useState } from 'react';
import { Button } from '@mantine/core';
import { IconHeartHandshake } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ConversationDto } from '@careloop/contracts';
import { CompensationModal } from './CompensationModal.tsx';

/** "Bù đắp" in the conversation header: always reachable, even when the sidebar is hidden on narrow screens. */
export function CompensateButton({ conversation }: { conversation: ConversationDto }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="compact-xs" variant="light" color="pink" leftSection={<IconHeartHandshake size={14} aria-hidden />}
        onClick={() => setOpen(true)} data-testid="compensate-button">
        {t('commerce.compensation.button')}
      </Button>
      {open && <CompensationModal conversationId={conversation.id} contactId={conversation.contact.id} onClose={() => setOpen(false)} />}
    </>
  );
}
