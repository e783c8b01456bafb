import { Badge, Card, Group, Loader, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { helpFeedbackReasons, type HelpArticleFeedbackDto, type HelpFeedbackCommentDto, type HelpFeedbackReason } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { useArticleFeedback } from './queries.ts';

type ReasonKey = HelpFeedbackReason | 'none';
const reasonKeys: ReasonKey[] = [...helpFeedbackReasons, 'none'];

/** "Not helpful" answers by reason, most given first; reasons nobody gave are left out. */
export function reasonRows(feedback: Pick<HelpArticleFeedbackDto, 'reasons' | 'notHelpful'>): { reason: ReasonKey; count: number; percent: number }[] {
  return reasonKeys
    .map((reason) => ({ reason, count: feedback.reasons[reason], percent: feedback.notHelpful ? Math.round((feedback.reasons[reason] / feedback.notHelpful) * 100) : 0 }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || reasonKeys.indexOf(a.reason) - reasonKeys.indexOf(b.reason));
}

/** Why readers found one article unhelpful, and what they wrote (agents answer those customers). */
export function ArticleFeedback({ articleId }: { articleId: string }) {
  const { t } = useTranslation();
  const query = useArticleFeedback(articleId);
  if (query.isError) return <ErrorAlert error={query.error} testId="help-feedback-error" />;
  if (!query.data) {
    return (
      <Card withBorder padding="sm" data-testid="help-feedback-loading">
        <Group gap="xs"><Loader size="xs" /><Text size="sm" c="dimmed">{t('helpcenter.feedback.loading')}</Text></Group>
      </Card>
    );
  }
  return (
    <FeedbackCard pages={query.data.pages} hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onMore={() => void query.fetchNextPage()} />
  );
}

interface CardProps { pages: HelpArticleFeedbackDto[]; hasMore: boolean; loading: boolean; onMore: () => void }

export function FeedbackCard({ pages, hasMore, loading, onMore }: CardProps) {
  const { t } = useTranslation();
  const counts = pages[0]!;
  const comments = pages.flatMap((p) => p.comments);
  const rows = reasonRows(counts);
  return (
    <Card withBorder padding="sm" data-testid="help-feedback">
      <Text size="sm" fw={600}>{t('helpcenter.feedback.title')}</Text>
      <Text size="xs" c="dimmed" mb={6} data-testid="help-feedback-counts">{t('helpcenter.feedback.counts', { yes: counts.helpful, no: counts.notHelpful })}</Text>
      {rows.length === 0
        ? <Text size="xs" c="dimmed" data-testid="help-feedback-no-reasons">{t('helpcenter.feedback.noReasons')}</Text>
        : (
          <Stack gap={6} mb="xs">
            {rows.map((r) => (
              <div key={r.reason} data-testid="help-feedback-reason" data-reason={r.reason}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="xs">{t(`helpcenter.feedback.reasons.${r.reason}`)}</Text>
                  <Text size="xs" fw={600}>{r.count}</Text>
                </Group>
                <Progress value={r.percent} color="red" size="xs" aria-hidden />
              </div>
            ))}
          </Stack>
        )}
      <Text size="xs" fw={600} mt="xs" mb={4}>{t('helpcenter.feedback.comments')}</Text>
      {comments.length === 0
        ? <Text size="xs" c="dimmed" data-testid="help-feedback-no-comments">{t('helpcenter.feedback.noComments')}</Text>
        : <Stack gap="xs">{comments.map((c) => <Comment key={c.id} comment={c} />)}</Stack>}
      <LoadMore hasMore={hasMore} loading={loading} onLoad={onMore} label={t('helpcenter.feedback.more')} />
    </Card>
  );
}

/** The customer's words as text: React escapes them, nothing they wrote becomes markup. */
function Comment({ comment }: { comment: HelpFeedbackCommentDto }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div data-testid="help-feedback-comment" className="help-feedback-comment">
      <Group gap={4} mb={2}>
        {comment.reason && <Badge size="xs" variant="light" color="red">{t(`helpcenter.feedback.reasons.${comment.reason}`)}</Badge>}
        <Badge size="xs" variant="outline" color="gray">{comment.locale.toUpperCase()}</Badge>
        <Text size="xs" c="dimmed">{format.dateTime(comment.createdAt)}</Text>
      </Group>
      <Text size="sm" className="help-feedback-text" data-testid="help-feedback-text">{comment.comment}</Text>
    </div>
  );
}
