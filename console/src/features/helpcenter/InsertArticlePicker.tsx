import { useState } from 'react';
import { ActionIcon, Loader, Popover, ScrollArea, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBook } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ConversationDto, HelpArticleDto, HelpLocale } from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { articleLinkText, articleText, conversationLocale } from './articleLink.ts';
import { useHelpArticles } from './queries.ts';

const shown = 20;

/**
 * The composer's "insert article": search published articles (diacritics ignored) and put the
 * title and public link into the reply, in the conversation's language.
 */
export function InsertArticlePicker({ conversation, onInsert }: { conversation: Pick<ConversationDto, 'triage'>; onInsert: (text: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [opened, setOpened] = useState(false);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const locale = conversationLocale(conversation, me.workspace.locale);
  const articles = useHelpArticles({ status: 'published', categoryId: null, q: debounced.trim() }, opened);
  const pick = (a: HelpArticleDto) => {
    onInsert(articleLinkText(a, locale));
    setOpened(false);
    setQ('');
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="top-start" width={380} shadow="md" trapFocus withinPortal>
      <Popover.Target>
        <Tooltip label={t('helpcenter.insert.button')}>
          <ActionIcon variant="subtle" color="gray" onClick={() => setOpened((o) => !o)} aria-label={t('helpcenter.insert.button')} data-testid="help-insert-button">
            <IconBook size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={6} data-testid="help-insert-menu">
        <TextInput size="xs" placeholder={t('helpcenter.insert.search')} aria-label={t('helpcenter.insert.search')} value={q} data-autofocus mb={4}
          onChange={(e) => setQ(e.currentTarget.value)} rightSection={articles.isFetching ? <Loader size={12} /> : null} data-testid="help-insert-search"
          onKeyDown={(e) => {
            const first = articles.data?.[0];
            if (e.key === 'Enter' && first && !e.nativeEvent.isComposing) {
              e.preventDefault();
              pick(first);
            }
          }} />
        <Text size="xs" c="dimmed" px={4} mb={4}>{t('helpcenter.insert.language', { language: t(`helpcenter.languages.${locale}`) })}</Text>
        {articles.error && <ErrorAlert error={articles.error} />}
        <ScrollArea.Autosize mah={300}>
          {articles.data?.length === 0 && <Text size="sm" c="dimmed" p="xs" data-testid="help-insert-empty">{t('helpcenter.insert.none')}</Text>}
          {articles.data?.slice(0, shown).map((a) => <PickerItem key={a.id} article={a} locale={locale} onPick={pick} />)}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

function PickerItem({ article, locale, onPick }: { article: HelpArticleDto; locale: HelpLocale; onPick: (a: HelpArticleDto) => void }) {
  const { t } = useTranslation();
  const text = articleText(article, locale);
  return (
    <UnstyledButton className="suggestion" onClick={() => onPick(article)} data-testid="help-insert-item" data-article-id={article.id}>
      <Text size="sm" fw={500} lang={text?.locale}>{text?.title ?? article.slug}</Text>
      {text && text.locale !== locale && <Text size="xs" c="orange">{t('helpcenter.insert.otherLanguage', { language: t(`helpcenter.languages.${text.locale}`) })}</Text>}
    </UnstyledButton>
  );
}
