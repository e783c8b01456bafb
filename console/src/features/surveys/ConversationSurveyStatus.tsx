import { useEffect, useRef } from 'react';
import { ActionIcon, Anchor, Badge, Blockquote, Button, Divider, Group, Loader, Popover, Stack, Switch, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router-dom';
import { IconMoodEmpty, IconMoodOff, IconMoodSad, IconMoodSmile } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { surveyScales, type ConversationDto, type ConversationSurveyDto } from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { canOptOut } from './access.ts';
import { statusColor, surveyStatusOf, type SurveyStatus } from './conversationStatus.ts';
import { surveyKeys } from './keys.ts';
import { useConversationSurveys, useSetSurveyOptOut } from './reportQueries.ts';
import { useSkipReason } from './RunResult.tsx';
import { sentimentColor } from './Verbatims.tsx';

function StatusIcon({ status }: { status: SurveyStatus }) {
  if (status.key === 'off') return <IconMoodOff size={14} aria-hidden />;
  if (status.sentiment === 'negative') return <IconMoodSad size={14} aria-hidden />;
  if (status.sentiment === 'neutral') return <IconMoodEmpty size={14} aria-hidden />;
  return <IconMoodSmile size={14} aria-hidden />;
}

/** The header's survey chip: "Khảo sát đã gửi", "CSAT 1/5", "Không khảo sát"; its popover lists every send and holds the opt-out switch. */
export function ConversationSurveyStatus({ conversation: c }: { conversation: ConversationDto }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const query = useConversationSurveys(c.id);
  // No event names a survey: a send or an answer adds a message (and its note), which moves lastActivityAt.
  const signal = `${c.id}|${c.lastActivityAt}|${c.status}`;
  const seen = useRef(signal);
  useEffect(() => {
    if (seen.current === signal) return;
    seen.current = signal;
    void qc.invalidateQueries({ queryKey: surveyKeys.conversation(c.id) });
    void qc.invalidateQueries({ queryKey: surveyKeys.balance(c.contact.id) });
  }, [qc, c.id, c.contact.id, signal]);
  const status = surveyStatusOf(query.data);
  const color = status.sentiment ? sentimentColor[status.sentiment] : statusColor[status.key];
  const label = status.key === 'answered'
    ? t('surveys.conversation.answered', { kind: t(`surveys.kinds.${status.kind}`), score: status.score, max: status.max })
    : t(`surveys.conversation.status.${status.key}`);
  // The header is crowded: an icon until there is a score to show ("CSAT 1/5"); the popover says the rest.
  const target = status.key === 'answered'
    ? <Button size="compact-sm" variant="light" color={color} leftSection={<StatusIcon status={status} />} aria-label={`${t('surveys.conversation.title')}: ${label}`}
        data-testid="conversation-survey" data-status={status.key} data-score={status.score ?? undefined}>{label}</Button>
    : <ActionIcon size="md" variant={status.key === 'none' ? 'subtle' : 'light'} color={color} loading={query.isLoading} aria-label={`${t('surveys.conversation.title')}: ${label}`}
        data-testid="conversation-survey" data-status={status.key}><StatusIcon status={status} /></ActionIcon>;
  return (
    <Popover position="bottom-end" withArrow shadow="md" width={320} withinPortal>
      <Popover.Target>
        <Tooltip label={label} withArrow>{target}</Tooltip>
      </Popover.Target>
      <Popover.Dropdown data-testid="conversation-survey-details">
        {query.error ? <ErrorAlert error={query.error} /> : query.data ? <ConversationSurveyDetails conversation={c} dto={query.data} /> : <Loader size="xs" />}
      </Popover.Dropdown>
    </Popover>
  );
}

export function ConversationSurveyDetails({ conversation: c, dto }: { conversation: ConversationDto; dto: ConversationSurveyDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const reason = useSkipReason();
  const save = useSetSurveyOptOut(c.id);
  const optedOut = save.isPending ? save.variables : dto.optedOut;
  const sends = [...dto.sends].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>{t('surveys.conversation.title')}</Text>
      {sends.length === 0 && <Text size="xs" c="dimmed">{t('surveys.conversation.noSends')}</Text>}
      {sends.map((s) => (
        <div key={s.id} data-testid="conversation-survey-send" data-status={s.status}>
          <Group gap={6} wrap="nowrap">
            <Badge size="xs" variant="light" tt="none">{t(`surveys.kinds.${s.kind}`)}</Badge>
            <Text size="xs" fw={600}>
              {s.score !== null
                ? t('surveys.conversation.scored', { score: s.score, max: surveyScales[s.kind].max })
                : t(`surveys.conversation.sendStatus.${s.status}`, { defaultValue: s.status })}
            </Text>
            {s.via && <Text size="xs" c="dimmed">· {t(`surveys.conversation.via.${s.via}`)}</Text>}
          </Group>
          <Text size="xs" c="dimmed">
            {format.dateTime(s.createdAt)}
            {s.answeredAt && ` · ${t('surveys.conversation.answeredAt', { time: format.dateTime(s.answeredAt) })}`}
          </Text>
          {s.skipReason && <Text size="xs" c="dimmed">{t('surveys.conversation.reason', { reason: reason(s.skipReason) })}</Text>}
          {s.answers.map((a) => (
            <Blockquote key={a.questionId} p={6} mt={4} fz="xs" data-testid="conversation-survey-answer">{a.text}</Blockquote>
          ))}
          {s.recoveryConversationId && (
            <Anchor component={Link} to={`/conversations/${s.recoveryConversationId}`} size="xs" c="red" data-testid="conversation-survey-recovery">
              {t('surveys.conversation.openRecovery')}
            </Anchor>
          )}
        </div>
      ))}
      <Divider />
      <Switch size="xs" checked={optedOut} disabled={save.isPending || !canOptOut(me.agent.role, c.abilities.update !== false)}
        label={t('surveys.conversation.optOut')} description={t('surveys.conversation.optOutHelp')}
        onChange={(e) => save.mutate(e.currentTarget.checked)} data-testid="conversation-survey-opt-out" />
      {save.error && <ErrorAlert error={save.error} testId="conversation-survey-opt-out-error" />}
    </Stack>
  );
}
