import { useState } from 'react';
import { Button } from '@mantine/core';
import { IconPhonePlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LogCallModal } from './LogCallModal.tsx';

/** "Log a call" for this contact (conversation header, contact sidebar). */
export function LogCallButton({ contactId, variant = 'light' }: { contactId: string; variant?: 'light' | 'subtle' }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="compact-xs" variant={variant} leftSection={<IconPhonePlus size={14} aria-hidden />} onClick={() => setOpen(true)} data-testid="log-call">
        {t('calls.log.button')}
      </Button>
      {open && <LogCallModal contactId={contactId} opened={open} onClose={() => setOpen(false)} />}
    </>
  );
}
