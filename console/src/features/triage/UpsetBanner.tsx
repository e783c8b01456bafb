import { useState } from 'react';
import { Alert, Button, CloseButton, Group, Stack, Text } from '@mantine/core';
import { IconHeartHandshake, IconMoodSad } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ConversationDto } from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import { useContactAnalytics } from '../analytics/queries.ts';
import { SegmentBadge, VipBadge } from '../analytics/SegmentBadge.tsx';
import { limitFor } from '../commerce/authority.ts';
import { CompensationModal } from '../commerce/CompensationModal.tsx';
import { useCompensationSettings } from '../commerce/compensationQueries.ts';
import { formatMinor, formatVnd } from '../commerce/money.ts';
import { upsetReason, type UpsetReason } from './upset.ts';

type Subject = Pick<ConversationDto, 'id' | 'upsetAt' | 'triage' | 'status' | 'contact'>;

/**
 * "Khách đang không hài lòng": above an upset customer's conversation, what they are worth to the shop
 * (lifetime spend, VIP, segment) and how far this agent may go to make it right, with the offer one click away.
 */
export function UpsetBanner({ conversation: c }: { conversation: Subject }) {
  const [dismissed, setDismissed] = useState<string | null>(null);
  const reason = upsetReason(c);
  const key = `${c.id}:${c.upsetAt ?? ''}:${c.triage?.intent ?? ''}:${c.triage?.sentiment ?? ''}`;
  // The customer's figures and the agent's limit are fetched only when there is something to say.
  if (!reason || dismissed === key) return null;
  return <UpsetNotice conversation={c} reason={reason} onDismiss={() => setDismissed(key)} />;
}

function UpsetNotice({ conversation: c, reason, onDismiss }: { conversation: Subject; reason: UpsetReason; onDismiss: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const analytics = useContactAnalytics(c.contact.id);
  const settings = useCompensationSettings();
  const [offering, setOffering] = useState(false);
  const lang = i18n.language;
  const customer = analytics.data?.customer ?? null;
  const limit = limitFor(settings.data, me.agent.role);

  return (
    <Alert color="orange" variant="light" p="xs" radius={0} icon={<IconMoodSad size={18} aria-hidden />} data-testid="upset-banner" data-reason={reason}
      title={<Group gap={6}>{t('upset.title')}<Text span size="xs" c="dimmed" fw={400}>{t(`upset.reason.${reason}`)}</Text></Group>}>
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="sm">
        <Stack gap={2}>
          {customer ? (
            <Group gap={6}>
              <Text size="sm" data-testid="upset-value">
                {t('upset.spent', { amount: formatMinor(customer.revenue, analytics.data?.currency ?? 'VND', lang), count: customer.occasions })}
              </Text>
              {customer.vip && <VipBadge size="xs" />}
              <SegmentBadge segment={customer.segment} size="xs" />
            </Group>
          ) : (
            analytics.data && <Text size="sm" c="dimmed" data-testid="upset-value">{t('upset.noOrders')}</Text>
          )}
          {limit !== undefined && (
            <Text size="sm" fw={500} data-testid="upset-authority">
              {limit === null ? t('upset.unlimited') : t('upset.authority', { amount: formatVnd(limit, lang) })}
            </Text>
          )}
        </Stack>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-sm" color="pink" leftSection={<IconHeartHandshake size={14} aria-hidden />} onClick={() => setOffering(true)}
            data-testid="upset-compensate">{t('upset.makeItRight')}</Button>
          <CloseButton size="sm" aria-label={t('upset.dismiss')} onClick={onDismiss} data-testid="upset-dismiss" />
        </Group>
      </Group>
      {offering && <CompensationModal conversationId={c.id} contactId={c.contact.id} onClose={() => setOffering(false)} />}
    </Alert>
  );
}
