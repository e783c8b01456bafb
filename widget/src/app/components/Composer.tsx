import { useEffect, useRef, useState } from 'preact/hooks';
import { imageTypes } from '../../../../contracts/src/limits.ts';
import type { ChatController } from '../controller.ts';
import type { Attachment } from '../messages.ts';
import { useT } from './i18n-context.ts';
import { HelpSuggestions } from './HelpSuggestions.tsx';

interface Pending {
  key: number;
  preview: string;
  attachment: Attachment | null;
}

let nextKey = 0;
/** Revoked a moment later, once the <img> using it has left the DOM. */
const release = (url: string) => setTimeout(() => URL.revokeObjectURL(url), 1000);

export function Composer({ controller, open }: { controller: ChatController; open: boolean }) {
  const t = useT();
  const [text, setText] = useState('');
  const [pending, setPending] = useState<Pending[]>([]);
  const input = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const { messageChars, files: maxFiles } = controller.limits;
  const uploading = pending.some((p) => !p.attachment);
  const canSend = !uploading && (text.trim().length > 0 || pending.length > 0);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const resize = () => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 120)}px`;
  };

  const submit = () => {
    if (!canSend) return;
    const attachments = pending.flatMap((p) => (p.attachment ? [p.attachment] : []));
    if (!controller.send(text, attachments)) return;
    pending.forEach((p) => release(p.preview));
    setPending([]);
    setText('');
    requestAnimationFrame(resize);
  };

  const remove = (key: number) => {
    setPending((list) => {
      const gone = list.find((p) => p.key === key);
      if (gone) release(gone.preview);
      return list.filter((p) => p.key !== key);
    });
  };

  const addFiles = (files: File[]) => {
    const room = maxFiles - pending.length;
    if (files.length > room) controller.notify('too_many_files');
    for (const file of files.slice(0, Math.max(0, room))) {
      const item: Pending = { key: nextKey++, preview: URL.createObjectURL(file), attachment: null };
      setPending((list) => [...list, item]);
      void controller.upload(file).then((attachment) => {
        if (attachment) setPending((list) => list.map((p) => (p.key === item.key ? { ...p, attachment } : p)));
        else remove(item.key);
      });
    }
  };

  const remaining = messageChars - text.length;
  return (
    <div class="cl-composer">
      {pending.length > 0 && (
        <div class="cl-pending">
          {pending.map((p) => (
            <div key={p.key} class={p.attachment ? 'cl-pending-item' : 'cl-pending-item cl-uploading'}>
              <img src={p.preview} alt={p.attachment ? t('image') : t('uploading')} />
              <button type="button" aria-label={t('removeAttachment')} onClick={() => remove(p.key)}>×</button>
            </div>
          ))}
        </div>
      )}
      {remaining < 200 && <div class="cl-counter">{t('charsLeft', { n: Math.max(0, remaining) })}</div>}
      <HelpSuggestions controller={controller} text={text} />
      <div class="cl-compose-row">
        <button type="button" class="cl-icon-button" aria-label={t('attach')} title={t('attach')}
          onClick={() => fileInput.current?.click()}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M21 12.5l-8.5 8.5a5 5 0 0 1-7-7L14 5.5a3.3 3.3 0 0 1 4.7 4.7L10.2 18.7a1.7 1.7 0 0 1-2.4-2.4L15.5 8.6" />
          </svg>
        </button>
        <input ref={fileInput} type="file" accept={imageTypes.join(',')} multiple hidden
          onChange={(e) => {
            addFiles(Array.from(e.currentTarget.files ?? []));
            e.currentTarget.value = '';
          }} />
        <textarea ref={input} rows={1} class="cl-input" data-testid="widget-input" placeholder={t('placeholder')}
          aria-label={t('placeholder')} maxLength={messageChars} value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            controller.typing.input();
            resize();
          }}
          onPaste={(e) => {
            const files = Array.from(e.clipboardData?.files ?? []);
            if (files.length) {
              e.preventDefault();
              addFiles(files);
            }
          }}
          onKeyDown={(e) => {
            // Vietnamese IMEs compose with Enter; only a plain Enter outside composition sends.
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
              e.preventDefault();
              submit();
            }
          }}
          onBlur={() => controller.typing.stop()} />
        <button type="button" class="cl-send" data-testid="widget-send" aria-label={t('send')} title={t('send')}
          disabled={!canSend} onClick={submit}>
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 12l16-8-6 16-2.5-6.5L4 12z" /></svg>
        </button>
      </div>
    </div>
  );
}
