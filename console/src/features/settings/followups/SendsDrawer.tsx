import { Anchor, Badge, Center, Drawer, Loader, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { FollowupRuleDto } from '@careloop/contracts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/useFormat.ts';
import { useRuleSends } from './queries.ts';
import { sendStatusColor } from './results.ts';

/** The last 200 sends of a rule: when, to whom, in which conversation, what happened and whether the customer replied. */
export function SendsDrawer({ rule, onClose }: { rule: FollowupRuleDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sends = useRuleSends(rule?.id ?? null);
  return (
    <Drawer opened={rule !== null} onClose={onClose} position="right" size="xl" title={rule ? t('followups.sends.title', { name: rule.name }) : ''}>
      <Text size="xs" c="dimmed" mb="xs">{t('followups.sends.help')}</Text>
      {sends.isLoading && <Center p="md"><Loader aria-label={t('common.loading')} /></Center>}
      {sends.error && <ErrorAlert error={sends.error} />}
      {sends.data?.length === 0 && <Text size="sm" c="dimmed" data-testid="followup-sends-empty">{t('followups.sends.empty')}</Text>}
      {!!sends.data?.length && (
        <Table verticalSpacing={4} data-testid="followup-sends">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('followups.sends.sentAt')}</Table.Th>
              <Table.Th>{t('followups.sends.status')}</Table.Th>
              <Table.Th>{t('followups.sends.customer')}</Table.Th>
              <Table.Th>{t('followups.sends.replied')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sends.data.map((s) => (
              <Table.Tr key={s.id} data-testid="followup-send-row" data-status={s.status}>
                <Table.Td><Text size="xs">{format.dateTime(s.sentAt)}</Text></Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="light" color={sendStatusColor[s.status]} tt="none">{t(`followups.sendStatus.${s.status}`)}</Badge>
                  {s.status === 'failed' && s.reason && <Text size="xs" c="dimmed" lineClamp={2} title={s.reason}>{s.reason}</Text>}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/contacts/${s.contactId}`} size="xs">{t('followups.sends.openContact')}</Anchor>
                  {s.conversationId && (
                    <>
                      {' · '}
                      <Anchor component={Link} to={`/conversations/${s.conversationId}`} size="xs">{t('followups.sends.openConversation')}</Anchor>
                    </>
                  )}
                </Table.Td>
                <Table.Td><Text size="xs">{s.repliedAt ? format.dateTime(s.repliedAt) : '—'}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Drawer>
  );
}
