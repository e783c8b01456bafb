import { useMemo } from 'react';
import { Alert, Button, Checkbox, ColorInput, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InboxDto } from '@careloop/contracts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useSettingsDraft } from '../useSettingsDraft.ts';
import {
  contactFormOf, contactFormSchema, contactFormServerErrors, createContactFormInboxBody, newContactForm, requirableFields,
  updateContactFormInboxBody, type ContactForm, type ContactFormField,
} from './formInboxForm.ts';
import { useSaveInbox } from './useSaveInbox.ts';

/** A contact-form inbox's name and hosted page: title, intro, required fields, thank-you text, language, colour. */
export function FormInboxForm({ inbox, onDone, onCancel }: { inbox?: InboxDto; onDone?: (inbox: InboxDto) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const data = useMemo(() => (inbox ? contactFormOf(inbox) : newContactForm()), [inbox]);
  const save = useSaveInbox({ inbox, create: createContactFormInboxBody, update: updateContactFormInboxBody, onDone });
  const { value, set, error, submit, dirty, invalid, cancel } = useSettingsDraft({ data, schema: contactFormSchema, save, readOnly: false, prefix: 'forms.setup' });
  if (!value) return null;
  const fromServer = contactFormServerErrors(save.error);
  const errorOf = (field: ContactFormField) => error(field) ?? (fromServer.has(field) ? t(`forms.setup.invalid.${field}`) : undefined);
  const setLocale = (v: string | null) => v && set({ locale: v as ContactForm['locale'] });

  return (
    <form onSubmit={submit} noValidate data-testid="form-inbox-form">
      <Paper withBorder p="md">
        <Stack gap="sm">
          <TextInput label={t('fields.label')} value={value.name} onChange={(e) => set({ name: e.currentTarget.value })} maxLength={80} required
            error={errorOf('name')} data-autofocus data-testid="form-name" />
          <TextInput label={t('forms.setup.title')} description={t('forms.setup.titleHelp')} value={value.title} maxLength={120} required
            error={errorOf('title')} onChange={(e) => set({ title: e.currentTarget.value })} data-testid="form-title" />
          <Textarea label={t('forms.setup.intro')} value={value.intro} autosize minRows={2} maxRows={6} maxLength={1000}
            error={errorOf('intro')} onChange={(e) => set({ intro: e.currentTarget.value })} data-testid="form-intro" />
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('forms.setup.required')}</Text>
            <Text size="xs" c="dimmed">{t('forms.setup.requiredHelp')}</Text>
            <Group gap="md" data-testid="form-fields">
              {requirableFields.map((field) => (
                <Checkbox key={field} label={t(`forms.setup.fields.${field}`)} checked={value.fields[field]}
                  onChange={(e) => set({ fields: { ...value.fields, [field]: e.currentTarget.checked } })} data-testid={`form-field-${field}`} />
              ))}
            </Group>
            {errorOf('fields') && <Text size="xs" c="red">{errorOf('fields')}</Text>}
          </Stack>
          <Textarea label={t('forms.setup.successMessage')} description={t('forms.setup.successMessageHelp')} value={value.successMessage}
            autosize minRows={2} maxRows={4} maxLength={500} error={errorOf('successMessage')}
            onChange={(e) => set({ successMessage: e.currentTarget.value })} data-testid="form-success" />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label={t('forms.setup.locale')} value={value.locale} allowDeselect={false} onChange={setLocale} error={errorOf('locale')}
              data={[{ value: 'auto', label: t('inboxes.localeAuto') }, { value: 'vi', label: t('languages.vi') }, { value: 'en', label: t('languages.en') }]}
              data-testid="form-locale" />
            <ColorInput label={t('inboxes.color')} value={value.color} format="hex" withEyeDropper={false} error={errorOf('color')}
              onChange={(color) => set({ color })} data-testid="form-color" />
          </SimpleGrid>
          {invalid && <Alert color="red" p="xs" role="alert" data-testid="form-invalid">{t('errors.validation_failed')}</Alert>}
          {save.error && <ErrorAlert error={save.error} testId="form-save-error" />}
          <Group justify="flex-end">
            {onCancel ? <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
              : dirty && <Button variant="default" onClick={cancel}>{t('common.cancel')}</Button>}
            <Button type="submit" loading={save.isPending} disabled={Boolean(inbox) && !dirty} data-testid="form-save">
              {inbox ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}
