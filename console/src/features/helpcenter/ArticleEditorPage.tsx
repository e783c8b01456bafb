import { useEffect, useRef } from 'react';
import { Button, Center, Group, Loader, Modal, Text } from '@mantine/core';
import { useBlocker, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { canWriteHelp } from './access.ts';
import { ArticleEditor } from './ArticleEditor.tsx';
import { formOfArticle, newArticleForm } from './articleForm.ts';
import { useHelpArticle, useHelpCategories } from './queries.ts';

/**
 * `/helpcenter/articles/new` and `/helpcenter/articles/:id`. Leaving with unsaved changes (another
 * page, or closing the tab) asks first.
 */
export default function ArticleEditorPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = 'new' } = useParams();
  const [params] = useSearchParams();
  const isNew = id === 'new';
  const article = useHelpArticle(isNew ? null : id);
  const categories = useHelpCategories();
  const dirty = useRef(false);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty.current && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    const onUnload = (e: BeforeUnloadEvent) => {
      if (dirty.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, []);

  if (!isNew && article.error) return <div className="page"><ErrorAlert error={article.error} testId="help-article-load-error" /></div>;
  if ((!isNew && !article.data) || !categories.data) return <Center w="100%"><Loader /></Center>;
  const initial = article.data ? formOfArticle(article.data) : newArticleForm(params.get('category'));

  return (
    <>
      <ArticleEditor key={article.data?.id ?? 'new'} article={article.data ?? null} initial={initial} categories={categories.data}
        canWrite={canWriteHelp(me.agent.role)} onDirty={(d) => { dirty.current = d; }} />
      <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title={t('helpcenter.editor.leaveTitle')} size="sm">
        <Text size="sm">{t('helpcenter.editor.leaveBody')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => blocker.reset?.()} data-testid="help-leave-stay">{t('helpcenter.editor.stay')}</Button>
          <Button color="red" onClick={() => { dirty.current = false; blocker.proceed?.(); }} data-testid="help-leave-discard">{t('helpcenter.editor.discard')}</Button>
        </Group>
      </Modal>
    </>
  );
}
