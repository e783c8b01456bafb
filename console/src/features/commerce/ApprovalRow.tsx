import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ApprovalDto } from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { useCancelApproval, useDecideApproval } from './compensationQueries.ts';
import { approvalColor } from './status.ts';
import { useOfferText } from './useOfferText.ts';

/** One request: what, how much, who asked, where, why; approve, or deny with a reason. */
export function ApprovalRow({ approval: a }: { approval: ApprovalDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const decide = useDecideApproval();
  const cancel = useCancelApproval();
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const { describe, money } = useOfferText();
  const busy = decide.isPending || cancel.isPending;

  const deny = () => {
    if (!reason.trim()) {
      setReasonMissing(true);
      return;
    }
    decide.mutate({ id: a.id, approve: false, reason: reason.trim() });
  };

  return (
    <Paper withBorder p="sm" data-testid="approval-row" data-approval-id={a.id} data-status={a.status}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="wrap">
            <Text fw={600} size="sm">{describe(a.kind, a.details)}</Text>
            <Badge size="xs" variant="light" color={approvalColor[a.status]}>{t(`commerce.approval.status.${a.status}`)}</Badge>
          </Group>
          <Text fw={700} size="sm" data-testid="approval-cost">{money(a.cost)}</Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t('commerce.approval.requestedBy', { name: a.requestedBy.name || t('common.someone') })} · {format.relative(a.createdAt)}
          {a.conversationId && (
            <>
              {' · '}
              <Anchor component={Link} to={`/conversations/${a.conversationId}`} size="xs" data-testid="approval-conversation-link">
                {a.conversationNumber === null
                  ? t('commerce.approval.conversationUnnumbered')
                  : t('commerce.approval.conversation', { number: a.conversationNumber })}
              </Anchor>
            </>
          )}
        </Text>
        {a.reason && <Text size="sm" data-testid="approval-reason-text">{t('commerce.approval.reason', { reason: a.reason })}</Text>}
        {a.decidedBy && (
          <Text size="xs" c="dimmed">
            {t(a.status === 'approved' ? 'commerce.approval.approvedBy' : 'commerce.approval.deniedBy', { name: a.decidedBy.name })}
            {a.decisionReason && ` — “${a.decisionReason}”`}
          </Text>
        )}
        <ErrorAlert error={decide.error ?? cancel.error} />
        {a.status === 'pending' && a.abilities.decide && (
          <Group gap="xs" align="flex-start" wrap="wrap">
            <TextInput size="xs" style={{ flex: 1, minWidth: 200 }} placeholder={t('commerce.approval.decisionReason')} value={reason} maxLength={1000}
              aria-label={t('commerce.approval.decisionReason')} error={reasonMissing && !reason.trim() ? t('commerce.approval.denyNeedsReason') : undefined}
              onChange={(e) => setReason(e.currentTarget.value)} data-testid="approval-decision-reason" />
            <Button size="xs" color="green" leftSection={<IconCheck size={14} aria-hidden />} disabled={busy} loading={decide.isPending && decide.variables?.approve}
              onClick={() => decide.mutate({ id: a.id, approve: true, reason: reason.trim() || null })} data-testid="approve-button">
              {t('commerce.approval.approve')}
            </Button>
            <Button size="xs" color="red" variant="light" leftSection={<IconX size={14} aria-hidden />} disabled={busy}
              loading={decide.isPending && decide.variables?.approve === false} onClick={deny} data-testid="deny-button">
              {t('commerce.approval.deny')}
            </Button>
          </Group>
        )}
        {a.status === 'pending' && !a.abilities.decide && a.requestedBy.id === me.agent.id && (
          <Group justify="flex-end">
            <Button size="xs" variant="subtle" color="gray" loading={cancel.isPending} onClick={() => cancel.mutate({ id: a.id })} data-testid="approval-cancel">
              {t('commerce.approval.cancel')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
