import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../i18n.ts';
import type { ContactField } from '../validate.ts';
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

/** One contact field (name, phone or email) of the pre-chat and offline forms. */
export function ContactInput(props: {
  form: 'prechat' | 'offline';
  field: ContactField;
  value: string;
  error: MessageKey | undefined;
  required?: boolean;
  onInput(value: string): void;
}) {
  const t = useT();
  const id = `${props.form}-${props.field}`;
  return (
    <Field id={id} label={t(props.field)} optional={props.required === false} error={props.error}>
      <input id={id} {...fieldInputProps[props.field]} data-testid={`widget-${props.form}-${props.field}`} value={props.value}
        required={props.required} aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)} />
    </Field>
  );
}
