import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { InboxDto } from '@careloop/contracts';
import { CopyField } from '../../../ui/CopyField.tsx';
import { RotateSecret } from './RotateSecret.tsx';

/** The HMAC secret for identity verification: hidden until asked, rotatable (old signatures stop working). */
export function IdentitySecret({ inbox }: { inbox: InboxDto }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  if (!inbox.identitySecret) return null;
  return (
    <Stack gap={4} data-testid="identity-secret">
      <Text size="sm" fw={500}>{t('inboxes.identitySecret')}</Text>
      <Text size="xs" c="dimmed">{t('inboxes.identitySecretHelp')}</Text>
      {shown ? <CopyField value={inbox.identitySecret} testId="identity-secret-value" /> : <Text ff="monospace" size="sm">••••••••••••••••</Text>}
      <Group gap="xs">
        <Button size="compact-xs" variant="subtle" leftSection={shown ? <IconEyeOff size={12} /> : <IconEye size={12} />} onClick={() => setShown((s) => !s)}>
          {shown ? t('common.hide') : t('common.show')}
        </Button>
        <RotateSecret inboxId={inbox.id} title={t('inboxes.rotateTitle')} body={t('inboxes.rotateBody')} testId="identity-secret-rotate" onRotated={() => setShown(true)} />
      </Group>
    </Stack>
  );
}
