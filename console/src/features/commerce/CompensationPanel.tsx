import { useState } from 'react';
import { Group, Loader, Stack, Text } from '@mantine/core';
import { IconHeartHandshake } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApprovalDto, CompensationOfferInput } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useConversation } from '../conversation/queries.ts';
import { ApprovalStatus } from './ApprovalStatus.tsx';
import { CompensationModal } from './CompensationModal.tsx';
import { useApprovals, useCompensationSuggestion, useConversationLedger } from './compensationQueries.ts';
import { LedgerList } from './LedgerList.tsx';
import { SuggestionCallout } from './SuggestionCallout.tsx';

/** The sidebar's "Bù đắp" section: what to offer, what waits for approval, what was given. */
export function CompensationPanel({ conversationId, contactId, className }: { conversationId: string; contactId: string; className?: string }) {
  const { t } = useTranslation();
  const ledger = useConversationLedger(conversationId);
  const conversation = useConversation(conversationId);
  const suggestion = useCompensationSuggestion(conversationId, conversation.data?.labels ?? []);
  // Agents get their own requests, supervisors everyone's; this conversation's newest one is its status.
  const approvals = useApprovals('all');
  const latest = (approvals.data ?? [])
    .filter((a) => a.conversationId === conversationId)
    .reduce<ApprovalDto | null>((best, a) => (!best || a.createdAt > best.createdAt ? a : best), null);
  const [customizing, setCustomizing] = useState<CompensationOfferInput | null>(null);
  const entries = ledger.data ?? [];
  // Once something is given or waiting for approval here, the proposal has been acted on.
  const acted = entries.some((e) => e.cost > 0) || latest?.status === 'pending';

  return (
    <section className={className} data-testid="compensation-panel" aria-label={t('commerce.compensation.title')}>
      <Group gap={4} mb={4}>
        <IconHeartHandshake size={14} aria-hidden />
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">{t('commerce.compensation.title')}</Text>
      </Group>
      <Stack gap={6}>
        {suggestion.data && !acted && <SuggestionCallout conversationId={conversationId} suggestion={suggestion.data} onCustomize={setCustomizing} />}
        {latest && <ApprovalStatus approval={latest} />}
        {ledger.isLoading && <Loader size="xs" aria-label={t('common.loading')} />}
        {ledger.error && <ErrorAlert error={ledger.error} testId="ledger-error" />}
        {ledger.data && entries.length === 0 && !latest && !suggestion.data && <Text size="xs" c="dimmed">{t('commerce.ledger.empty')}</Text>}
        <LedgerList entries={entries} />
      </Stack>
      {customizing && (
        <CompensationModal conversationId={conversationId} contactId={contactId} initial={customizing} onClose={() => setCustomizing(null)} />
      )}
    </section>
  );
}
