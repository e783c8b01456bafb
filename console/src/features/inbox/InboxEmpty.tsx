import { Center, Kbd, Stack, Text } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function InboxEmpty() {
  const { t } = useTranslation();
  return (
    <Center h="100%">
      <Stack align="center" gap={6} c="dimmed">
        <IconMessages size={40} stroke={1.2} aria-hidden />
        <Text>{t('inbox.pick')}</Text>
        <Text size="xs">
          <Kbd>j</Kbd> / <Kbd>k</Kbd> {t('inbox.keysMove')} · <Kbd>Enter</Kbd> {t('inbox.keysOpen')}
        </Text>
      </Stack>
    </Center>
  );
}
