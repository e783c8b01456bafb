import { Button, Paper, Stack, Text } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AssistTextDto } from '@careloop/contracts';
import { api } from '../../lib/api.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useAssist } from './queries.ts';

/** "Summarize" for an agent taking a conversation over, when the owner turned summaries on. Nothing is stored. */
export function SummaryCard({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const assist = useAssist();
  const summary = useMutation({
    mutationKey: ['assist-summary', conversationId],
    mutationFn: () => api.post<AssistTextDto>(`/assist/conversations/${conversationId}/summary`),
    meta: { handlesError: true },
  });
  if (!assist.data?.enabled || !assist.data.summaries) return null;
  return (
    <Paper withBorder p="sm" mb="sm" data-testid="assist-summary">
      <Stack gap="xs">
        <Button size="xs" variant="light" color="violet" leftSection={<IconSparkles size={14} aria-hidden />} loading={summary.isPending}
          onClick={() => summary.mutate()} data-testid="assist-summarize">
          {summary.data ? t('assist.summarizeAgain') : t('assist.summarize')}
        </Button>
        {summary.error && <ErrorAlert error={summary.error} />}
        {summary.data && (
          <>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="assist-summary-text">{summary.data.text}</Text>
            <Text size="xs" c="dimmed">{t('assist.writtenBy', { model: summary.data.model })}</Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
