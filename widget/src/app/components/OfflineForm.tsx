import type { WidgetConfigDto, WidgetSessionDto } from '@careloop/contracts';
import { useState } from 'preact/hooks';
import { validateOffline, type ContactField, type ContactValues, type FieldErrors } from '../validate.ts';
import { ContactInput, Field } from './Field.tsx';
import { useT } from './i18n-context.ts';
import type { ChatController } from '../controller.ts';
import { HelpSuggestions } from './HelpSuggestions.tsx';

type Values = ContactValues & { body: string };
interface Props {
  config: WidgetConfigDto;
  contact: WidgetSessionDto['contact'] | null;
  busy: boolean;
  onSubmit(values: Values): void;
  /** Suggests help-center articles while the visitor writes their message. */
  controller?: ChatController;
}

/** Shown when no agent is online: what the shop will do and when, plus a way to be answered. */
function OfflineIntro({ config }: { config: WidgetConfigDto }) {
  const t = useT();
  return (
    <div class="cl-offline-intro">
      <p>{config.offlineMessage || t('offlineDefault')}</p>
      {config.replyTimeText && <p class="cl-reply-time">{config.replyTimeText}</p>}
    </div>
  );
}

export function OfflineForm({ config, contact, busy, onSubmit, controller }: Props) {
  const t = useT();
  const [values, setValues] = useState<Values>(() => ({
    name: contact?.name ?? '', email: contact?.email ?? '', phone: contact?.phone ?? '', body: '',
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = (event: Event) => {
    event.preventDefault();
    const result = validateOffline(values);
    setErrors(result.errors);
    if (!Object.keys(result.errors).length) onSubmit(result.clean);
  };
  const input = (field: ContactField) => (
    <ContactInput form="offline" field={field} value={values[field] ?? ''} error={errors[field]} onInput={(value) => {
      setValues({ ...values, [field]: value });
      setErrors({ ...errors, [field]: undefined });
    }} />
  );

  return (
    <form class="cl-form" data-testid="widget-offline-form" onSubmit={submit} noValidate>
      <h2 class="cl-form-title">{t('offlineTitle')}</h2>
      <OfflineIntro config={config} />
      {input('name')}
      <p class="cl-muted">{t('emailOrPhoneHint')}</p>
      {input('email')}
      {input('phone')}
      <Field id="offline-body" label={t('message')} error={errors.body}>
        <textarea id="offline-body" data-testid="widget-offline-body" rows={4} maxLength={config.limits.messageChars}
          value={values.body} aria-invalid={errors.body ? 'true' : undefined}
          onInput={(e) => {
            setValues({ ...values, body: e.currentTarget.value });
            setErrors({ ...errors, body: undefined });
          }} />
      </Field>
      {controller && <HelpSuggestions controller={controller} text={values.body} enabled />}
      <button type="submit" class="cl-button" data-testid="widget-offline-submit" disabled={busy}>
        {t('offlineSend')}
      </button>
    </form>
  );
}

export function OfflineSent({ config }: { config: WidgetConfigDto }) {
  const t = useT();
  return (
    <div class="cl-center" data-testid="widget-offline-sent" role="status">
      <p>{t('offlineThanks')}</p>
      {config.replyTimeText && <p class="cl-reply-time">{config.replyTimeText}</p>}
    </div>
  );
}
