import { useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { ActionIcon, Alert, Button, FileButton, Group, Pill, Switch, Tabs, Text, Textarea, Tooltip } from '@mantine/core';
import { IconClockPlay, IconLock, IconPaperclip, IconSend } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { attachmentTypes, type CannedResponseDto, type ConversationDto, type MessageDto } from '@careloop/contracts';
import { applySentMessage } from '../../app/cache.ts';
import { useAgents, useCanned } from '../../app/directory.ts';
import { useMe } from '../../app/session.ts';
import { errorText } from '../../i18n/index.ts';
import { api, isApiError } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { CannedPicker } from './CannedPicker.tsx';
import { DraftButton } from '../assist/DraftButton.tsx';
import { withDraft } from '../assist/queries.ts';
import { CharCounter } from './channel/CharCounter.tsx';
import { composerRules } from './channel/composerRules.ts';
import { ReplyWindowNotice } from './channel/ReplyWindowNotice.tsx';
import { replyAllowed, windowNoticeOf } from './channel/replyWindow.ts';
import { QuotePreview } from './QuotePreview.tsx';
import { messageBody, type Quote } from './quote.ts';
import { SuggestionMenu } from './SuggestionMenu.tsx';
import { render, useTemplateValues } from './templateValues.ts';
import { useSuggestions, type Suggestion } from './useSuggestions.ts';
import { useTypingSignal } from './useTypingSignal.ts';
import { newRequestKey } from '../../lib/requestKey.ts';
import { useUploads } from './useUploads.ts';
import { SendLaterModal } from '../scheduled/SendLaterModal.tsx';
import { InsertArticlePicker } from '../helpcenter/InsertArticlePicker.tsx';

type Mode = 'reply' | 'note';

/** Unsent text per conversation and mode, kept while the agent hops between conversations. */
const drafts = new Map<string, string>();

interface Props {
  conversation: ConversationDto;
  newestMessageId: string | undefined;
  onReviewLatest?: () => void;
  /** The customer message the next reply quotes (channels that can quote), and how to drop it. */
  quote?: Quote | null;
  onClearQuote?: () => void;
}

export function Composer({ conversation: c, newestMessageId, onReviewLatest, quote = null, onClearQuote }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const canned = useCanned();
  const agents = useAgents();
  const values = useTemplateValues(c);
  const uploads = useUploads();
  const input = useRef<HTMLTextAreaElement>(null);
  const clientId = useRef(newRequestKey());
  const [mode, setMode] = useState<Mode>('reply');
  const [text, setText] = useState(() => drafts.get(`${c.id}:reply`) ?? '');
  const [caret, setCaret] = useState(0);
  const [stale, setStale] = useState(false);
  // Comment threads: answer in Messenger instead of under the comment (Meta's private reply).
  const [privateReply, setPrivateReply] = useState(false);
  const [later, setLater] = useState(false);
  const typing = useTypingSignal(c.id, mode === 'note');
  const suggestions = useSuggestions({
    text, caret, allowMentions: mode === 'note', canned: canned.data ?? [], agents: agents.data ?? [], meId: me.agent.id,
  });
  const canReply = c.abilities.reply !== false && !c.contact.blocked;
  const notice = windowNoticeOf(c);
  const rules = composerRules(c, mode, text);

  const update = (next: string, nextCaret = next.length) => {
    setText(next);
    setCaret(nextCaret);
    suggestions.setActive(0);
    drafts.set(`${c.id}:${mode}`, next);
  };
  const switchMode = (next: Mode) => {
    drafts.set(`${c.id}:${mode}`, text);
    setMode(next);
    const restored = drafts.get(`${c.id}:${next}`) ?? '';
    setText(restored);
    setCaret(restored.length);
    setStale(false);
    requestAnimationFrame(() => input.current?.focus());
  };

  // Choosing "Quote" on a message means writing a reply to it: go to the reply tab and the input.
  useEffect(() => {
    if (!quote) return;
    if (mode === 'reply') input.current?.focus();
    else switchMode('reply');
  }, [quote?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const insertAt = (start: number, end: number, insertion: string) => {
    const next = text.slice(0, start) + insertion + text.slice(end);
    const at = start + insertion.length;
    update(next, at);
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(at, at);
    });
  };
  const pick = (item: Suggestion) => {
    const trigger = suggestions.trigger;
    if (!trigger) return;
    insertAt(trigger.start, trigger.end, item.kind === 'canned' ? render(item.canned.body, values) : `@${item.agent.name} `);
  };
  const pickCanned = (item: CannedResponseDto) => {
    const el = input.current;
    insertAt(el?.selectionStart ?? text.length, el?.selectionEnd ?? text.length, render(item.body, values));
  };

  const send = useMutation({
    mutationFn: (force: boolean) =>
      api.post<MessageDto>(`/conversations/${c.id}/messages`, messageBody({
        mode, text, attachmentIds: uploads.ids, newestMessageId, force, clientId: clientId.current, privateReply, conversation: c, quote,
      })),
    meta: { handlesError: true },
    onSuccess: (message) => {
      applySentMessage(qc, message, me.agent.id);
      drafts.delete(`${c.id}:${mode}`);
      setText('');
      setCaret(0);
      setStale(false);
      uploads.clear();
      typing.stop();
      clientId.current = newRequestKey();
      if (mode === 'reply') onClearQuote?.();
    },
    onError: (error) => {
      if (isApiError(error, 'stale_version')) {
        setStale(true);
        void qc.invalidateQueries({ queryKey: keys.messages(c.id) });
        onReviewLatest?.();
        return;
      }
      notifications.show({ color: 'red', message: isApiError(error) ? errorText(error.code) : errorText('internal') });
    },
  });

  const empty = text.trim().length === 0 && uploads.ids.length === 0;
  const blocked = mode === 'reply' && !canReply;
  // A closed vendor window refuses replies; notes still go in.
  const windowClosed = mode === 'reply' && !replyAllowed(notice);
  const filesRefused = !rules.attachments && uploads.ids.length > 0;
  const disabled = empty || uploads.busy || send.isPending || blocked || windowClosed || rules.over || filesRefused;
  // A scheduled reply is text only (no files) and goes out as written.
  const laterDisabled = mode !== 'reply' || text.trim().length === 0 || uploads.ids.length > 0 || blocked || windowClosed || rules.over;
  const clearAfterSchedule = () => {
    drafts.delete(`${c.id}:reply`);
    setText('');
    setCaret(0);
    typing.stop();
  };
  const submit = (force = false) => {
    if (!disabled) send.mutate(force);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return; // Vietnamese IMEs (Telex, VNI) compose with Enter
    if (suggestions.open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        suggestions.move(event.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const item = suggestions.items[suggestions.active];
        if (item) pick(item);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        suggestions.dismiss();
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = Array.from(event.clipboardData.files);
    if (files.length > 0 && rules.attachments) {
      event.preventDefault();
      uploads.add(files);
    }
  };

  const listId = `suggest-${c.id}`;
  return (
    <div className={`composer${mode === 'note' ? ' note' : ''}`} data-testid="composer" data-mode={mode}>
      {stale && (
        <Alert color="orange" p="xs" mb={6} role="alert" data-testid="stale-warning" title={t('composer.staleTitle')}>
          <Text size="sm">{t('composer.staleBody')}</Text>
          <Group gap="xs" mt={6}>
            <Button size="compact-sm" variant="default" data-testid="stale-review"
              onClick={() => { setStale(false); onReviewLatest?.(); input.current?.focus(); }}>
              {t('composer.review')}
            </Button>
            <Button size="compact-sm" color="orange" loading={send.isPending} onClick={() => submit(true)} data-testid="stale-send-anyway">
              {t('composer.sendAnyway')}
            </Button>
          </Group>
        </Alert>
      )}
      <Tabs value={mode} onChange={(v) => v && switchMode(v as Mode)} variant="outline" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="reply" data-testid="composer-mode-reply">{t('composer.reply')}</Tabs.Tab>
          <Tabs.Tab value="note" leftSection={<IconLock size={12} aria-hidden />} data-testid="composer-mode-note">{t('composer.note')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <div className="composer-body">
        {suggestions.open && suggestions.trigger && (
          <SuggestionMenu id={listId} kind={suggestions.trigger.kind} items={suggestions.items} active={suggestions.active}
            onPick={pick} onHover={suggestions.setActive} />
        )}
        {blocked && <Text size="xs" c="red" mb={4} data-testid="composer-blocked">{t('composer.blocked')}</Text>}
        {mode === 'reply' && !blocked && <ReplyWindowNotice notice={notice} channel={c.channel} />}
        {mode === 'reply' && c.isCommentThread && (
          <Switch size="xs" mb={4} checked={privateReply} onChange={(e) => setPrivateReply(e.currentTarget.checked)}
            label={t('messaging.window.privateReply')} data-testid="composer-private-reply" />
        )}
        {mode === 'reply' && quote && onClearQuote && <QuotePreview quote={quote} onRemove={onClearQuote} />}
        {filesRefused && <Text size="xs" c="red" mb={4} data-testid="composer-no-files">{t('messaging.composer.noFiles')}</Text>}
        <Textarea
          ref={input}
          autosize
          minRows={2}
          maxRows={10}
          variant="unstyled"
          value={text}
          placeholder={mode === 'note' ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
          aria-label={mode === 'note' ? t('composer.note') : t('composer.reply')}
          aria-autocomplete="list"
          aria-expanded={suggestions.open}
          aria-controls={suggestions.open ? listId : undefined}
          aria-activedescendant={suggestions.open ? `${listId}-${suggestions.active}` : undefined}
          onChange={(e) => {
            update(e.currentTarget.value, e.currentTarget.selectionStart);
            if (e.currentTarget.value) typing.ping();
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => typing.stop()}
          data-testid="composer-input"
        />
        {uploads.uploads.length > 0 && (
          <Group gap={4} mt={4} data-testid="composer-attachments">
            {uploads.uploads.map((u) => (
              <Pill key={u.key} withRemoveButton onRemove={() => uploads.remove(u.key)} data-status={u.status}
                removeButtonProps={{ 'aria-label': t('composer.removeFile', { name: u.name }) }}>
                {u.status === 'uploading' ? `${u.name} …` : u.name}
              </Pill>
            ))}
          </Group>
        )}
        <Group justify="space-between" mt={4}>
          <Group gap={2}>
            {rules.attachments && (
              <FileButton onChange={uploads.add} multiple accept={attachmentTypes.join(',')}>
                {(props) => (
                  <Tooltip label={t('composer.attach')}>
                    <ActionIcon {...props} variant="subtle" color="gray" aria-label={t('composer.attach')} data-testid="composer-attach">
                      <IconPaperclip size={18} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                )}
              </FileButton>
            )}
            <CannedPicker onPick={pickCanned} />
            {mode === 'reply' && <DraftButton conversationId={c.id} onDraft={(draft) => update(withDraft(text, draft))} />}
            {mode === 'reply' && <InsertArticlePicker conversation={c} onInsert={(link) => insertAt(input.current?.selectionStart ?? text.length, input.current?.selectionEnd ?? text.length, link)} />}
            <Text size="xs" c="dimmed" ml={6}>{mode === 'note' ? t('composer.noteHelp') : t('composer.replyHelp')}</Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {(rules.showCounter || rules.over) && <CharCounter length={rules.length} max={rules.maxText} />}
            {mode === 'reply' && (
              <Tooltip label={t('scheduled.sendLater')}>
                <ActionIcon size={30} variant="light" color="indigo" disabled={laterDisabled} aria-label={t('scheduled.sendLater')}
                  onClick={() => setLater(true)} data-testid="composer-send-later">
                  <IconClockPlay size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            )}
            <Button size="xs" color={mode === 'note' ? 'yellow' : 'indigo'} rightSection={<IconSend size={14} aria-hidden />}
              disabled={disabled} loading={send.isPending} onClick={() => submit()} data-testid="composer-send">
              {mode === 'note' ? t('composer.addNote') : t('composer.send')}
            </Button>
          </Group>
        </Group>
      </div>
      {later && <SendLaterModal conversationId={c.id} body={text} opened onClose={() => setLater(false)} onScheduled={clearAfterSchedule} />}
    </div>
  );
}
