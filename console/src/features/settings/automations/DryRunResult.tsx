import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { AutomationDryRunDto } from '@careloop/contracts';
import { actionLabel } from './options.ts';

/** What a dry run found: how many of the recent conversations the rule matches, and what it would do to each. */
export function DryRunResult({ result }: { result: AutomationDryRunDto }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="dry-run-result">
      <Text size="sm" fw={500} data-testid="dry-run-summary">{t('automations.dryRun.summary', { matched: result.matched.length, checked: result.checked })}</Text>
      {result.matched.length === 0 ? (
        <Text size="xs" c="dimmed" data-testid="dry-run-empty">{t('automations.dryRun.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560} mah={280}>
          <Table verticalSpacing={4} fz="xs" data-testid="dry-run-matches">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('automations.dryRun.customer')}</Table.Th>
                <Table.Th>{t('automations.dryRun.lastMessage')}</Table.Th>
                <Table.Th>{t('automations.dryRun.wouldDo')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.matched.map((m) => (
                <Table.Tr key={m.conversationId} data-testid="dry-run-match" data-conversation-id={m.conversationId}>
                  <Table.Td><Anchor component={Link} to={`/conversations/${m.conversationId}`} target="_blank" size="xs">#{m.number}</Anchor></Table.Td>
                  <Table.Td>{m.contactName ?? t('contact.visitor')}</Table.Td>
                  <Table.Td maw={260}><Text size="xs" truncate="end">{m.lastMessage ?? '—'}</Text></Table.Td>
                  <Table.Td>
                    <Group gap={3}>
                      {m.actions.map((a, i) => <Badge key={i} size="xs" variant="light" tt="none">{actionLabel(a, t)}</Badge>)}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
