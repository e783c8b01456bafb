import { Alert, Button, Group, Paper, Text } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { formatCount } from '../../analytics/format.ts';
import { useRunFollowups } from './queries.ts';

/** Rules run every 15 minutes on their own; an admin can run them now and see what went out. */
export function RunNow() {
  const { t, i18n } = useTranslation();
  const run = useRunFollowups();
  const result = run.data;
  return (
    <Paper withBorder p="sm" data-testid="followups-run">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed">{t('followups.run.help')}</Text>
        <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} aria-hidden />} loading={run.isPending}
          onClick={() => run.mutate()} data-testid="followups-run-button">{t('followups.run.button')}</Button>
      </Group>
      {run.error && <ErrorAlert error={run.error} />}
      {result && (
        <Alert mt="xs" p="xs" color={result.quiet ? 'yellow' : 'teal'} withCloseButton closeButtonLabel={t('common.hide')} onClose={() => run.reset()}
          role="status" data-testid="followups-run-result" data-quiet={result.quiet}>
          {result.quiet
            ? t('followups.run.quiet')
            : t('followups.run.done', { sent: formatCount(result.sent, i18n.language), skipped: formatCount(result.skipped, i18n.language) })}
        </Alert>
      )}
    </Paper>
  );
}
