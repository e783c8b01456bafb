import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../i18n.ts';
import { useT } from './i18n-context.ts';

/** A labelled form row; the input inside must use `id` and `aria-describedby={id + '-error'}`. */
export function Field(props: { id: string; label: string; optional?: boolean; error?: MessageKey | undefined; children: ComponentChildren }) {
  const t = useT();
  return (
    <div class={props.error ? 'cl-field cl-field-invalid' : 'cl-field'}>
      <label for={props.id}>
        {props.label}
        {props.optional && <span class="cl-muted"> ({t('optional')})</span>}
      </label>
      {props.children}
      {props.error && <div class="cl-field-error" id={`${props.id}-error`}>{t(props.error)}</div>}
    </div>
  );
}

export const fieldInputProps = {
  name: { type: 'text', autoComplete: 'name', maxLength: 200 },
  phone: { type: 'tel', autoComplete: 'tel', inputMode: 'tel', maxLength: 40 },
  email: { type: 'email', autoComplete: 'email', inputMode: 'email', maxLength: 254 },
} as const;
