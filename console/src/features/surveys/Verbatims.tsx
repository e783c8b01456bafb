import { useState } from 'react';
import { Anchor, Badge, Center, Group, Loader, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { surveyKinds, surveyLimits, surveyScales, type ScoreSentiment, type SurveyKind, type SurveyVerbatimDto } from '@careloop/contracts';
import { useAgents } from '../../app/directory.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { ChartCard } from '../analytics/ChartCard.tsx';
import { useVerbatims, type VerbatimFilters } from './reportQueries.ts';
import { highlightPieces } from './verbatimText.ts';

export const sentimentColor: Record<ScoreSentiment, string> = { positive: 'teal', neutral: 'gray', negative: 'red' };
const sentiments: ScoreSentiment[] = ['negative', 'neutral', 'positive'];

/** The customer's words with the searched part marked (matched without diacritics, as the server matched them). */
export function Highlighted({ text, query }: { text: string; query: string }) {
  return <>{highlightPieces(text, query).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}

export function VerbatimItem({ v, query }: { v: SurveyVerbatimDto; query: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const agents = useAgents();
  const agent = v.agentId ? agents.data?.find((a) => a.id === v.agentId)?.name : null;
  return (
    <Paper withBorder p="sm" data-testid="verbatim" data-sentiment={v.sentiment} data-kind={v.kind}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Group gap={6} wrap="wrap">
          <Badge color={sentimentColor[v.sentiment]} variant="filled" tt="none" data-testid="verbatim-score">{`${v.score}/${surveyScales[v.kind].max}`}</Badge>
          <Badge color="gray" variant="light" tt="none">{t(`surveys.kinds.${v.kind}`)}</Badge>
          {v.contact
            ? <Anchor component={Link} to={`/contacts/${v.contact.id}`} size="sm" fw={600}>{v.contact.name ?? t('contact.visitor')}</Anchor>
            : <Text size="sm" c="dimmed">{t('surveys.verbatims.noContact')}</Text>}
          {v.channel && <Text size="xs" c="dimmed">{t(`channels.${v.channel}`, { defaultValue: v.channel })}</Text>}
          {agent && <Text size="xs" c="dimmed">· {t('surveys.verbatims.agent', { name: agent })}</Text>}
        </Group>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{format.dateTime(v.createdAt)}</Text>
      </Group>
      <Stack gap={4} mt={6}>
        {v.answers.map((a) => (
          <div key={a.questionId}>
            <Text size="xs" c="dimmed">{a.question}</Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="verbatim-text"><Highlighted text={a.text} query={query} /></Text>
          </div>
        ))}
      </Stack>
      <Group gap="sm" mt={6}>
        {v.conversationId && (
          <Anchor component={Link} to={`/conversations/${v.conversationId}`} size="xs" data-testid="verbatim-conversation">{t('surveys.verbatims.openConversation')}</Anchor>
        )}
        {v.recoveryConversationId && (
          <Anchor component={Link} to={`/conversations/${v.recoveryConversationId}`} size="xs" c="red" data-testid="verbatim-recovery">{t('surveys.verbatims.openRecovery')}</Anchor>
        )}
      </Group>
    </Paper>
  );
}

/** What customers wrote: searchable without diacritics, by kind and sentiment, newest first, page by page. */
export function Verbatims() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [kind, setKind] = useState<SurveyKind | null>(null);
  const [sentiment, setSentiment] = useState<ScoreSentiment | null>(null);
  const filters: VerbatimFilters = { ...(q ? { q } : {}), ...(kind ? { kind } : {}), ...(sentiment ? { sentiment } : {}) };
  const query = useVerbatims(filters);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <ChartCard title={t('surveys.verbatims.title')} description={t('surveys.verbatims.help')} testId="satisfaction-verbatims">
      <Group gap="sm" align="flex-end" mb="sm" role="search" aria-label={t('surveys.verbatims.search')}>
        <TextInput size="xs" style={{ flex: 1, minWidth: 220 }} leftSection={<IconSearch size={14} aria-hidden />} value={search} maxLength={surveyLimits.searchChars}
          label={t('surveys.verbatims.search')} placeholder={t('surveys.verbatims.searchPlaceholder')} onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="verbatim-search" />
        <Select size="xs" w={140} label={t('surveys.verbatims.kind')} placeholder={t('common.all')} clearable value={kind}
          data={surveyKinds.map((k) => ({ value: k, label: t(`surveys.kinds.${k}`) }))} onChange={(v) => setKind(v as SurveyKind | null)} data-testid="verbatim-kind" />
        <Select size="xs" w={160} label={t('surveys.verbatims.sentiment')} placeholder={t('common.all')} clearable value={sentiment}
          data={sentiments.map((s) => ({ value: s, label: t(`surveys.sentiments.${s}`) }))} onChange={(v) => setSentiment(v as ScoreSentiment | null)}
          data-testid="verbatim-sentiment" />
      </Group>
      {query.isLoading && <Center p="md"><Loader size="sm" aria-label={t('common.loading')} /></Center>}
      {query.error && <ErrorAlert error={query.error} />}
      {query.data && items.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="verbatims-empty">{q || kind || sentiment ? t('surveys.verbatims.noMatch') : t('surveys.verbatims.empty')}</Text>
      )}
      <Stack gap="xs" data-testid="verbatim-list" aria-busy={query.isFetching}>
        {items.map((v) => <VerbatimItem key={v.responseId} v={v} query={q} />)}
      </Stack>
      <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoad={() => void query.fetchNextPage()} />
    </ChartCard>
  );
}
