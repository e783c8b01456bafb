import type { ReactNode } from 'react';
import { Center, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('profile.language')}
      value={i18n.language}
      onChange={(value) => setLanguage(value as Language)}
      data={[
        { value: 'vi', label: 'Tiếng Việt' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}

/** The centred card used by login, first-run setup and invitation acceptance. */
export function AuthLayout({ title, subtitle, children, width = 400 }: { title: string; subtitle?: ReactNode; children: ReactNode; width?: number }) {
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Stack w={width} maw="100%" gap="md">
        <Group justify="space-between">
          <Text fw={700} c="indigo.7" size="lg">CareLoop</Text>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          <Title order={2} size="h3" mb={subtitle ? 4 : 'md'}>{title}</Title>
          {subtitle && <Text size="sm" c="dimmed" mb="md">{subtitle}</Text>}
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}
