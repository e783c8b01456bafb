import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { helpLimits, helpLocales, type ConversationDto, type HelpLocale } from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import { isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { canWriteHelp } from './access.ts';
import { conversationLocale } from './articleLink.ts';
import { useDraftFromConversation, useHelpCategories } from './queries.ts';

/** Why the server could not draft from this conversation (`conflict` details), as a key under `helpcenter.draft`. */
export function draftProblem(error: unknown): 'notResolved' | 'noAnswer' | null {
  if (!isApiError(error, 'conflict')) return null;
  const details = (error.details ?? {}) as { status?: unknown; question?: unknown; replies?: unknown };
  if (typeof details.status === 'string') return 'notResolved';
  return 'noAnswer';
}

/**
 * "Turn into article" on a resolved conversation (supervisors and up): the customer's question becomes
 * the title and the agents' replies the body of a DRAFT, opened in the editor to be reviewed.
 */
export function DraftFromConversationButton({ conversation }: { conversation: Pick<ConversationDto, 'id' | 'status' | 'triage'> }) {
  const { t } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState(false);
  if (conversation.status !== 'resolved' || !canWriteHelp(me.agent.role)) return null;
  return (
    <>
      <Button size="compact-xs" variant="light" color="indigo" leftSection={<IconFilePlus size={14} aria-hidden />} onClick={() => setOpen(true)}
        data-testid="help-draft-button">
        {t('helpcenter.draft.button')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('helpcenter.draft.title')}>
        {open && <DraftForm conversation={conversation} onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

function DraftForm({ conversation, onDone }: { conversation: Pick<ConversationDto, 'id' | 'triage'>; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const categories = useHelpCategories();
  const draft = useDraftFromConversation();
  const [locale, setLocale] = useState<HelpLocale>(() => conversationLocale(conversation, me.workspace.locale));
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const problem = draftProblem(draft.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    draft.mutate({ conversationId: conversation.id, locale, categoryId, ...(title.trim() ? { title: title.trim() } : {}) }, {
      onSuccess: (article) => {
        onDone();
        navigate(`/helpcenter/articles/${article.id}`);
      },
    });
  };
  return (
    <form onSubmit={submit} data-testid="help-draft-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('helpcenter.draft.explain')}</Text>
        {problem && <Alert color="orange" p="xs" role="alert" data-testid="help-draft-problem">{t(`helpcenter.draft.${problem}`)}</Alert>}
        {draft.error && !problem && <ErrorAlert error={draft.error} />}
        <div>
          <Text size="sm" fw={500} mb={4}>{t('helpcenter.draft.language')}</Text>
          <SegmentedControl size="xs" value={locale} onChange={(v) => setLocale(v as HelpLocale)} data-testid="help-draft-locale"
            data={helpLocales.map((l) => ({ value: l, label: t(`helpcenter.languages.${l}`) }))} />
        </div>
        <Select label={t('helpcenter.editor.category')} placeholder={t('helpcenter.editor.noCategory')} clearable value={categoryId} onChange={setCategoryId}
          data={(categories.data ?? []).map((c) => ({ value: c.id, label: i18n.language === 'en' && c.nameEn ? c.nameEn : c.nameVi }))} />
        <TextInput label={t('helpcenter.editor.title')} description={t('helpcenter.draft.titleHelp')} value={title} maxLength={helpLimits.titleChars}
          onChange={(e) => setTitle(e.currentTarget.value)} data-testid="help-draft-title" />
      </Stack>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="submit" loading={draft.isPending} data-testid="help-draft-create">{t('helpcenter.draft.create')}</Button>
      </Group>
    </form>
  );
}
