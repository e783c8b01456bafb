import { ActionIcon, Tooltip } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AssistTextDto } from '@careloop/contracts';
import { api } from '../../lib/api.ts';
import { useAssist } from './queries.ts';

/** "Draft a reply" in the composer, when the owner turned drafts on: the text goes into the composer to edit, never straight out. */
export function DraftButton({ conversationId, onDraft }: { conversationId: string; onDraft: (text: string) => void }) {
  const { t } = useTranslation();
  const assist = useAssist();
  const draft = useMutation({
    mutationFn: () => api.post<AssistTextDto>(`/assist/conversations/${conversationId}/draft`),
    onSuccess: (answer) => onDraft(answer.text),
  });
  if (!assist.data?.enabled || !assist.data.drafts) return null;
  return (
    <Tooltip label={t('assist.draft')}>
      <ActionIcon variant="subtle" color="violet" aria-label={t('assist.draft')} loading={draft.isPending} onClick={() => draft.mutate()} data-testid="composer-draft">
        <IconSparkles size={18} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}
