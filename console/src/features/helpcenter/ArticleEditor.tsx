import { useState } from 'react';
import { Alert, Anchor, Button, Group, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { IconArrowLeft, IconPointFilled } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { helpLimits, helpLocales, type HelpArticleDto, type HelpCategoryDto, type HelpLocale } from '@careloop/contracts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { explainedAtFields, formOfArticle, inputOfForm, serverFieldErrors, type ArticleForm, type FieldErrors } from './articleForm.ts';
import { ArticleSidebar, StatusBadge } from './ArticleSidebar.tsx';
import { tidyHtml } from './editorHtml.ts';
import { useDeleteArticle, useSaveArticle, useSetPublished } from './queries.ts';
import { RichTextEditor } from './RichTextEditor.tsx';

interface Props {
  /** null while writing a new article. */
  article: HelpArticleDto | null;
  initial: ArticleForm;
  categories: HelpCategoryDto[];
  /** Supervisors and up may write (for a stored article its `abilities` say so). */
  canWrite: boolean;
  /** Told whenever the draft starts or stops differing from what is saved (the page guards leaving). */
  onDirty?: (dirty: boolean) => void;
}

const errorLocale = (errors: FieldErrors): HelpLocale | null => helpLocales.find((l) => errors[`${l}.title`] || errors[`${l}.bodyHtml`]) ?? null;

/** Both languages in tabs, each a title and a rich text body; save, publish, unpublish and delete. */
export function ArticleEditor({ article, initial, categories, canWrite, onDirty }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveArticle();
  const publish = useSetPublished();
  const remove = useDeleteArticle();
  const [form, setForm] = useState(initial);
  const [dirty, setDirtyState] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [locale, setLocale] = useState<HelpLocale>(() => (!initial.vi.title && initial.en.title ? 'en' : 'vi'));
  const readOnly = article ? !article.abilities.update : !canWrite;
  const busy = save.isPending || publish.isPending || remove.isPending;

  const setDirty = (value: boolean) => {
    setDirtyState(value);
    onDirty?.(value);
  };
  const change = (patch: Partial<ArticleForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setDirty(true);
  };
  const changeLocale = (l: HelpLocale, patch: Partial<ArticleForm['vi']>) => {
    setForm((f) => ({ ...f, [l]: { ...f[l], ...patch } }));
    setDirty(true);
  };
  /** A new article moves to its own address once stored (after publishing, when that was asked). */
  const saved = (next: HelpArticleDto, move = true) => {
    setForm(formOfArticle(next));
    setDirty(false);
    if (!article && move) navigate(`/helpcenter/articles/${next.id}`, { replace: true });
  };

  /** Saves when there is anything to save; resolves with the stored article, or null when refused. */
  const store = async (move = true): Promise<HelpArticleDto | null> => {
    if (article && !dirty) return article;
    const checked = inputOfForm(form, tidyHtml);
    setErrors(checked.errors);
    const first = errorLocale(checked.errors);
    if (first) setLocale(first);
    if (!checked.input) return null;
    try {
      const next = await save.mutateAsync({ id: form.id, input: checked.input });
      saved(next, move);
      return next;
    } catch (error) {
      const failed = errorLocale(serverFieldErrors(error));
      if (failed) setLocale(failed);
      return null;
    }
  };
  const setPublished = async (published: boolean) => {
    const stored = await store(false);
    if (!stored) return;
    publish.mutate({ id: stored.id, published }, {
      onSuccess: (next) => saved(next),
      onError: () => { if (!article) saved(stored); },
    });
  };

  const shown: FieldErrors = { ...serverFieldErrors(save.error), ...errors };
  const invalid = (field: keyof FieldErrors) => (shown[field] ? t(`helpcenter.editor.invalid.${shown[field]}`) : undefined);
  const heading = form.vi.title.trim() || form.en.title.trim() || t('helpcenter.editor.untitled');
  const status = article?.status ?? 'draft';

  return (
    <div className="page" data-testid="help-article-editor" data-article-id={article?.id ?? ''}>
      <Anchor component={Link} to="/helpcenter" size="sm" mb={4} display="inline-block">
        <Group gap={4} component="span"><IconArrowLeft size={14} aria-hidden />{t('helpcenter.editor.back')}</Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap" gap="sm">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <Title order={1} size="h3" className="truncate" data-testid="help-article-heading">{heading}</Title>
          <StatusBadge status={status} />
          {dirty && <Text size="xs" c="orange" data-testid="help-article-unsaved">{t('helpcenter.editor.unsaved')}</Text>}
        </Group>
        {!readOnly && (
          <Group gap="xs">
            {article?.abilities.delete && (
              <ConfirmButton size="xs" variant="subtle" color="red" question={t('helpcenter.editor.deleteQuestion')} confirmLabel={t('common.delete')}
                onConfirm={() => remove.mutate(article.id, { onSuccess: () => { setDirty(false); navigate('/helpcenter'); } })} testId="help-article-delete">
                {t('common.delete')}
              </ConfirmButton>
            )}
            {status === 'published' && (
              <Button size="xs" variant="default" loading={publish.isPending} disabled={busy} onClick={() => void setPublished(false)} data-testid="help-article-unpublish">
                {t('helpcenter.editor.unpublish')}
              </Button>
            )}
            <Button size="xs" variant={status === 'published' ? 'filled' : 'default'} loading={save.isPending} disabled={busy || (!!article && !dirty)}
              onClick={() => void store()} data-testid="help-article-save">
              {status === 'published' ? t('helpcenter.editor.saveLive') : t('helpcenter.editor.saveDraft')}
            </Button>
            {status === 'draft' && (
              <Button size="xs" color="teal" loading={publish.isPending} disabled={busy} onClick={() => void setPublished(true)} data-testid="help-article-publish">
                {t('helpcenter.editor.publish')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {readOnly && <Alert color="gray" p="xs" mb="sm" data-testid="help-article-readonly">{t('helpcenter.readOnly')}</Alert>}
      {save.error && !explainedAtFields(save.error) && <ErrorAlert error={save.error} testId="help-article-error" />}
      {publish.error && <ErrorAlert error={publish.error} testId="help-article-error" />}
      <div className="help-editor-grid">
        <Tabs value={locale} onChange={(v) => v && setLocale(v as HelpLocale)} keepMounted={false}>
          <Tabs.List mb="sm">
            {helpLocales.map((l) => (
              <Tabs.Tab key={l} value={l} data-testid={`help-article-tab-${l}`}
                rightSection={errorLocale({ [`${l}.title`]: shown[`${l}.title`], [`${l}.bodyHtml`]: shown[`${l}.bodyHtml`] }) ? <IconPointFilled size={12} color="var(--mantine-color-red-6)" aria-label={t('helpcenter.editor.hasErrors')} /> : null}>
                {t(`helpcenter.languages.${l}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {helpLocales.map((l) => (
            <Tabs.Panel key={l} value={l}>
              <Stack gap="sm">
                <TextInput label={t('helpcenter.editor.title')} value={form[l].title} maxLength={helpLimits.titleChars} disabled={readOnly} lang={l}
                  placeholder={t(`helpcenter.editor.titlePlaceholder.${l}`)} error={invalid(`${l}.title`)}
                  onChange={(e) => changeLocale(l, { title: e.currentTarget.value })} data-testid={`help-article-title-${l}`} />
                <RichTextEditor value={form[l].bodyHtml} onChange={(bodyHtml) => changeLocale(l, { bodyHtml })} readOnly={readOnly} lang={l}
                  label={t('helpcenter.editor.body')} placeholder={t('helpcenter.editor.bodyPlaceholder')} error={invalid(`${l}.bodyHtml`)}
                  testId={`help-article-body-${l}`} />
                {l === 'en' && !form.en.title && !readOnly && <Text size="xs" c="dimmed">{t('helpcenter.editor.optionalLanguage')}</Text>}
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
        <ArticleSidebar article={article} form={form} categories={categories} locale={locale} readOnly={readOnly} errors={shown} onChange={change} />
      </div>
    </div>
  );
}
