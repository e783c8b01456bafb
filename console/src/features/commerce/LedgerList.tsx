import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CompensationDto } from '@careloop/contracts';
import { CopyField } from '../../ui/CopyField.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { useOfferText } from './useOfferText.ts';

/** What was given in this conversation: kind, cost, who gave and who approved, and a voucher code to copy. */
export function LedgerList({ entries }: { entries: CompensationDto[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { describe, money } = useOfferText();
  return (
    <Stack gap={4}>
      {entries.map((e) => (
        <div key={e.id} className="past-conversation" data-testid="ledger-entry" data-kind={e.kind} data-cost={e.cost}>
          <Group justify="space-between" wrap="nowrap" gap={4}>
            <Text size="xs" fw={600} className="truncate">{describe(e.kind, e.details)}</Text>
            <Text size="xs" fw={600}>{money(e.cost)}</Text>
          </Group>
          <Text size="xs" c="dimmed">
            {format.dateTime(e.createdAt)}
            {e.agentName && ` · ${e.agentName}`}
            {e.approvedByName && ` · ${t('commerce.ledger.approvedBy', { name: e.approvedByName })}`}
          </Text>
          {e.voucher && (
            <>
              <CopyField value={e.voucher.code} testId="voucher-code" />
              {e.voucher.expiresAt && <Text size="xs" c="dimmed">{t('commerce.ledger.expires', { date: format.date(e.voucher.expiresAt) })}</Text>}
              {e.voucher.redeemedAt && <Text size="xs" c="green.8">{t('commerce.ledger.redeemed', { date: format.date(e.voucher.redeemedAt) })}</Text>}
            </>
          )}
        </div>
      ))}
    </Stack>
  );
}
