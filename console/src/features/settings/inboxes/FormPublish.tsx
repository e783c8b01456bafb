import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FormInboxDto } from '@careloop/contracts';
import { safeUrl } from '../../../lib/safeUrl.ts';
import { CopyField } from '../../../ui/CopyField.tsx';

/** Where the form lives: the hosted page (a link to share) and the one line that embeds it in a shop's page. */
export function FormPublish({ form }: { form: FormInboxDto }) {
  const { t } = useTranslation();
  const href = safeUrl(form.pageUrl);
  return (
    <Paper withBorder p="md" data-testid="form-publish">
      <Stack gap="sm">
        <Title order={2} size="h5">{t('forms.publish.title')}</Title>
        <Stack gap={4}>
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={500}>{t('forms.publish.pageUrl')}</Text>
            {href && (
              <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm" data-testid="form-page-open">
                <IconExternalLink size={12} aria-hidden /> {t('forms.publish.open')}
              </Anchor>
            )}
          </Group>
          <Text size="xs" c="dimmed">{t('forms.publish.pageUrlHelp')}</Text>
          <CopyField value={form.pageUrl} testId="form-page-url" />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('forms.publish.embed')}</Text>
          <Text size="xs" c="dimmed">{t('forms.publish.embedHelp')}</Text>
          <CopyField value={form.embedSnippet} block testId="form-embed-snippet" />
        </Stack>
      </Stack>
    </Paper>
  );
}
