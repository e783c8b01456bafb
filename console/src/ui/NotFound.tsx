import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Center w="100%" p="xl">
      <Stack align="center" gap="xs">
        <Title order={3}>{t('notFound.title')}</Title>
        <Text c="dimmed">{t('notFound.body')}</Text>
        <Button component={Link} to="/inbox" variant="light">{t('notFound.back')}</Button>
      </Stack>
    </Center>
  );
}
