import { Anchor, Badge, Card, Group, Progress, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconExternalLink, IconMessages } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { HelpArticleDto, HelpCategoryDto, HelpLocale } from '@careloop/contracts';
import { CopyField } from '../../ui/CopyField.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { ArticleFeedback } from './ArticleFeedback.tsx';
import { publicUrlIn } from './articleLink.ts';
import type { ArticleForm, FieldErrors } from './articleForm.ts';

export function StatusBadge({ status }: { status: HelpArticleDto['status'] }) {
  const { t } = useTranslation();
  return <Badge size="sm" variant="light" color={status === 'published' ? 'teal' : 'gray'} data-testid="help-status">{t(`helpcenter.status.${status}`)}</Badge>;
}

/** "Helpful" as a share of all answers, one decimal; null before anyone answered. */
export function helpfulPercent(helpful: number, notHelpful: number): number | null {
  const answered = helpful + notHelpful;
  return answered ? Math.round((helpful / answered) * 1000) / 10 : null;
}

interface Props {
  article: HelpArticleDto | null;
  form: ArticleForm;
  categories: HelpCategoryDto[];
  locale: HelpLocale;
  readOnly: boolean;
  errors: FieldErrors;
  onChange: (patch: Partial<ArticleForm>) => void;
}

/** Category, the public address (stable once published), what readers made of the article and why. */
export function ArticleSidebar({ article, form, categories, locale, readOnly, errors, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const nameOf = (c: HelpCategoryDto) => (i18n.language === 'en' && c.nameEn ? c.nameEn : c.nameVi);
  const invalid = (field: 'slug' | 'categoryId') => (errors[field] ? t(`helpcenter.editor.invalid.${errors[field]}`) : undefined);
  return (
    <Stack gap="sm">
      <Card withBorder padding="sm">
        <Select label={t('helpcenter.editor.category')} placeholder={t('helpcenter.editor.noCategory')} clearable disabled={readOnly}
          data={categories.map((c) => ({ value: c.id, label: nameOf(c) }))} value={form.categoryId} error={invalid('categoryId')}
          onChange={(v) => onChange({ categoryId: v })} data-testid="help-article-category" />
      </Card>
      <Card withBorder padding="sm" data-testid="help-article-address">
        <Stack gap={6}>
          <TextInput label={t('helpcenter.editor.slug')} value={form.slug} disabled={readOnly || form.slugLocked} maxLength={80}
            placeholder={t('helpcenter.editor.slugAuto')} error={invalid('slug')}
            description={form.slugLocked ? t('helpcenter.editor.slugLocked') : t('helpcenter.editor.slugHelp')}
            onChange={(e) => onChange({ slug: e.currentTarget.value.toLowerCase() })} data-testid="help-article-slug" />
          {article && (
            <>
              <Text size="xs" c="dimmed">{article.status === 'published' ? t('helpcenter.editor.publicUrl') : t('helpcenter.editor.futureUrl')}</Text>
              <CopyField value={publicUrlIn(article, locale)} testId="help-article-url" />
              {article.status === 'published' && (
                <Anchor href={publicUrlIn(article, locale)} target="_blank" rel="noopener noreferrer" size="sm" data-testid="help-article-view">
                  <Group gap={4} component="span"><IconExternalLink size={14} aria-hidden />{t('helpcenter.editor.viewOnSite')}</Group>
                </Anchor>
              )}
            </>
          )}
        </Stack>
      </Card>
      {article && <ArticleStats article={article} />}
      {article && <ArticleFeedback articleId={article.id} />}
      {article?.sourceConversationId && (
        <Anchor component={Link} to={`/conversations/${article.sourceConversationId}`} size="sm" data-testid="help-article-source">
          <Group gap={4} component="span"><IconMessages size={14} aria-hidden />{t('helpcenter.editor.fromConversation')}</Group>
        </Anchor>
      )}
      {article && (
        <Text size="xs" c="dimmed">
          {t('helpcenter.editor.updated', { time: format.dateTime(article.updatedAt) })}
          {article.publishedAt && ` · ${t('helpcenter.editor.firstPublished', { time: format.dateTime(article.publishedAt) })}`}
        </Text>
      )}
    </Stack>
  );
}

/** Lifetime views and "was this helpful?" answers of one article. */
export function ArticleStats({ article }: { article: HelpArticleDto }) {
  const { t, i18n } = useTranslation();
  const percent = helpfulPercent(article.helpful, article.notHelpful);
  const number = (n: number) => n.toLocaleString(i18n.language === 'vi' ? 'vi-VN' : 'en-US');
  return (
    <Card withBorder padding="sm" data-testid="help-article-stats">
      <Text size="sm" fw={600} mb={6}>{t('helpcenter.stats.articleTitle')}</Text>
      <SimpleGrid cols={3} spacing="xs">
        <div><Text size="xs" c="dimmed">{t('helpcenter.stats.views')}</Text><Text fw={600} data-testid="help-stat-views">{number(article.views)}</Text></div>
        <div><Text size="xs" c="dimmed">{t('helpcenter.stats.helpful')}</Text><Text fw={600} c="teal" data-testid="help-stat-helpful">{number(article.helpful)}</Text></div>
        <div><Text size="xs" c="dimmed">{t('helpcenter.stats.notHelpful')}</Text><Text fw={600} c="red" data-testid="help-stat-not-helpful">{number(article.notHelpful)}</Text></div>
      </SimpleGrid>
      {percent === null
        ? <Text size="xs" c="dimmed" mt={6} data-testid="help-stat-percent">{t('helpcenter.stats.noAnswers')}</Text>
        : (
          <>
            <Progress value={percent} color="teal" size="sm" mt={8} aria-label={t('helpcenter.stats.helpfulPercent', { percent })} />
            <Text size="xs" c="dimmed" mt={4} data-testid="help-stat-percent">{t('helpcenter.stats.helpfulPercent', { percent })}</Text>
          </>
        )}
    </Card>
  );
}
