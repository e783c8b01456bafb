import type { WidgetConfigDto, WidgetSessionDto } from '@careloop/contracts';
import { useState } from 'preact/hooks';
import { validateContact, type ContactField, type ContactValues, type FieldErrors } from '../validate.ts';
import { ContactInput } from './Field.tsx';
import { useT } from './i18n-context.ts';

interface Props {
  config: WidgetConfigDto;
  contact: WidgetSessionDto['contact'] | null;
  busy: boolean;
  onSubmit(values: ContactValues): void;
}

export function PreChatForm({ config, contact, busy, onSubmit }: Props) {
  const t = useT();
  const [values, setValues] = useState<ContactValues>(() => ({
    name: contact?.name ?? '', phone: contact?.phone ?? '', email: contact?.email ?? '',
  }));
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (event: Event) => {
    event.preventDefault();
    const result = validateContact(config.preChatForm, values);
    setErrors(result.errors);
    if (!Object.keys(result.errors).length) onSubmit(result.clean);
  };
  const input = (field: ContactField, required: boolean) => (
    <ContactInput key={field} form="prechat" field={field} value={values[field] ?? ''} error={errors[field]} required={required}
      onInput={(value) => {
        setValues({ ...values, [field]: value });
        setErrors({ ...errors, [field]: undefined });
      }} />
  );

  return (
    <form class="cl-form" onSubmit={submit} noValidate>
      {config.greeting && <p class="cl-greeting-text">{config.greeting}</p>}
      <p class="cl-muted">{t('prechatIntro')}</p>
      {config.preChatForm.map((f) => input(f.field, f.required))}
      <button type="submit" class="cl-button" data-testid="widget-prechat-submit" disabled={busy}>
        {t('startChat')}
      </button>
    </form>
  );
}
