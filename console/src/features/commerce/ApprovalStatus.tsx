import { Alert, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApprovalDto } from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useCancelApproval } from './compensationQueries.ts';
import { approvalColor } from './status.ts';
import { useOfferText } from './useOfferText.ts';

/** The conversation's latest approval request, live: pending → approved / denied (with the reason). */
export function ApprovalStatus({ approval }: { approval: ApprovalDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const cancel = useCancelApproval();
  const { line } = useOfferText();
  const decider = approval.decidedBy?.name ?? t('common.someone');
  return (
    <Alert color={approvalColor[approval.status]} p="xs" data-testid="compensation-status" data-status={approval.status} data-approval-id={approval.id}
      title={t(`commerce.approval.status.${approval.status}`)}>
      <Text size="xs">{line(approval.kind, approval.details, approval.cost)}</Text>
      {approval.status === 'approved' && <Text size="xs">{t('commerce.approval.approvedBy', { name: decider })}</Text>}
      {approval.status === 'denied' && <Text size="xs">{t('commerce.approval.deniedBy', { name: decider })}</Text>}
      {approval.decisionReason && <Text size="xs" fs="italic" data-testid="compensation-decision-reason">“{approval.decisionReason}”</Text>}
      <ErrorAlert error={cancel.error} />
      {approval.status === 'pending' && approval.requestedBy.id === me.agent.id && (
        <Button size="compact-xs" variant="subtle" color="gray" mt={4} loading={cancel.isPending} onClick={() => cancel.mutate({ id: approval.id })}
          data-testid="compensation-cancel">
          {t('commerce.approval.cancel')}
        </Button>
      )}
    </Alert>
  );
}
