import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconGitMerge, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ContactMergeSuggestionDto } from '@careloop/contracts';
import { ChannelIcon } from '../../ui/ChannelIcon.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { contactLabel } from '../../ui/names.ts';
import { channelsOf, otherOf } from './mergeSuggestions.ts';

interface Props {
  contactId: string;
  suggestions: ContactMergeSuggestionDto[];
  /** Supervisors and up; others see the suggestion without the buttons. */
  canDecide: boolean;
  onDecide: (id: string, decision: 'accept' | 'reject') => void;
  pending: { id: string; decision: 'accept' | 'reject' } | null;
  error?: unknown;
}

/** "Possibly the same customer": contacts sharing this one's phone or email, to merge or dismiss. */
export function MergeSuggestions({ contactId, suggestions, canDecide, onDecide, pending, error }: Props) {
  const { t } = useTranslation();
  if (suggestions.length === 0) return null;
  return (
    <Paper withBorder p="xs" radius="sm" bg="yellow.0" data-testid="merge-suggestions">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>{t('messaging.merge.title')}</Text>
      <Stack gap="xs">
        {suggestions.map((s) => {
          const other = otherOf(s, contactId);
          return (
            <div key={s.id} data-testid="merge-suggestion" data-suggestion-id={s.id}>
              <Text size="sm" fw={500} data-testid="merge-suggestion-name">{contactLabel(other)}</Text>
              <Text size="xs" c="dimmed">{t(`messaging.merge.matchedBy.${s.reason}`, { identifier: s.identifier })}</Text>
              {channelsOf(other).length > 0 && (
                <Group gap={4} mt={2} data-testid="merge-suggestion-channels">
                  {channelsOf(other).map((ch) => <ChannelIcon key={ch} channel={ch} size={13} />)}
                </Group>
              )}
              {canDecide && (
                <Group gap={6} mt={6}>
                  <Button size="compact-xs" color="orange" leftSection={<IconGitMerge size={12} aria-hidden />}
                    loading={pending?.id === s.id && pending.decision === 'accept'} disabled={pending?.id === s.id}
                    onClick={() => onDecide(s.id, 'accept')} data-testid="merge-suggestion-accept">
                    {t('messaging.merge.accept')}
                  </Button>
                  <Button size="compact-xs" variant="default" leftSection={<IconX size={12} aria-hidden />}
                    loading={pending?.id === s.id && pending.decision === 'reject'} disabled={pending?.id === s.id}
                    onClick={() => onDecide(s.id, 'reject')} data-testid="merge-suggestion-reject">
                    {t('messaging.merge.reject')}
                  </Button>
                </Group>
              )}
            </div>
          );
        })}
        {canDecide && <Text size="xs" c="dimmed">{t('messaging.merge.acceptHelp')}</Text>}
        {error ? <ErrorAlert error={error} testId="merge-suggestion-error" /> : null}
      </Stack>
    </Paper>
  );
}
