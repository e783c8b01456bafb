import { Anchor, Badge, Group, Loader, Progress, Stack, Text } from '@mantine/core';
import { IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { surveyScales, type ExperienceItemDto } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { balanceColor, balanceView } from './balance.ts';
import { useExperienceBalance } from './reportQueries.ts';
import { sentimentColor } from './Verbatims.tsx';

function Item({ item, currentConversationId }: { item: ExperienceItemDto; currentConversationId?: string | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const what = item.source === 'triage'
    ? t('surveys.balance.upset')
    : t('surveys.balance.answer', { kind: t(`surveys.kinds.${item.source}`), score: item.score, max: surveyScales[item.source].max });
  return (
    <Group gap={6} wrap="nowrap" data-testid="experience-item" data-sentiment={item.sentiment}>
      <span role="img" aria-label={t(`surveys.sentiments.${item.sentiment}`)}
        style={{ width: 8, height: 8, borderRadius: 4, flex: 'none', background: `var(--mantine-color-${sentimentColor[item.sentiment]}-6)` }} />
      <Text size="xs" style={{ flex: 1, minWidth: 0 }} truncate="end">
        {item.conversationId && item.conversationId !== currentConversationId
          ? <Anchor component={Link} to={`/conversations/${item.conversationId}`} size="xs">{what}</Anchor>
          : what}
      </Text>
      <Text size="xs" c="dimmed">{format.date(item.at)}</Text>
    </Group>
  );
}

/** "Cân bằng trải nghiệm": good against bad experiences — one bad one takes about twelve good ones to repair. */
export function ExperienceBalanceCard({ contactId, currentConversationId, className }: { contactId: string; currentConversationId?: string; className?: string }) {
  const { t } = useTranslation();
  const query = useExperienceBalance(contactId);
  const b = query.data;
  const view = b ? balanceView(b) : null;
  return (
    <section className={className} data-testid="experience-balance" data-state={b?.state} aria-label={t('surveys.balance.title')}>
      <Group justify="space-between" mb={4}>
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">{t('surveys.balance.title')}</Text>
        {b && b.state !== 'none' && <Badge size="xs" variant="light" color={balanceColor[b.state]} data-testid="experience-state">{t(`surveys.balance.states.${b.state}`)}</Badge>}
      </Group>
      {query.isLoading && <Loader size="xs" aria-label={t('common.loading')} />}
      {query.error && <ErrorAlert error={query.error} testId="experience-balance-error" />}
      {b && view && (
        <Stack gap={6}>
          <Group gap="md">
            <Group gap={4}><IconThumbUp size={14} color="var(--mantine-color-teal-6)" aria-hidden /><Text size="sm" fw={600} data-testid="experience-positive">{b.positive}</Text>
              <Text size="xs" c="dimmed">{t('surveys.balance.positive', { count: b.positive })}</Text></Group>
            <Group gap={4}><IconThumbDown size={14} color="var(--mantine-color-red-6)" aria-hidden /><Text size="sm" fw={600} data-testid="experience-negative">{b.negative}</Text>
              <Text size="xs" c="dimmed">{t('surveys.balance.negative', { count: b.negative })}</Text></Group>
            {b.neutral > 0 && <Text size="xs" c="dimmed">{t('surveys.balance.neutral', { count: b.neutral })}</Text>}
          </Group>
          {view.progress !== null && (
            <Progress value={view.progress} color={balanceColor[b.state]} size="sm" aria-label={t('surveys.balance.progress', { percent: view.progress })} data-testid="experience-progress" />
          )}
          <Text size="xs" data-testid="experience-message">{t(`surveys.balance.message.${view.message}`, { count: b.goodNeeded, ratio: b.ratio })}</Text>
          {b.recent.length > 0 && (
            <Stack gap={2} data-testid="experience-recent">
              {b.recent.slice(0, 5).map((item, i) => <Item key={`${item.at}-${i}`} item={item} currentConversationId={currentConversationId} />)}
            </Stack>
          )}
        </Stack>
      )}
    </section>
  );
}
