import { useEffect, useState, type FormEvent } from 'react';
import { Button, Group, Modal, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { contactInput, type ContactDto, type ContactInput } from '@careloop/contracts';
import { fieldErrors } from '../../lib/validation.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { AttributesEditor, fromRows, toRows, type AttributeRow } from './AttributesEditor.tsx';
import { useCreateContact, useUpdateContact } from './queries.ts';

interface Props {
  opened: boolean;
  onClose: () => void;
  contact?: ContactDto;
  onSaved?: (contact: ContactDto) => void;
}

const blank = { name: '', email: '', phone: '', locale: '', tags: [] as string[] };

/** Create a contact, or edit one (name, email, phone, language, tags, custom attributes). */
export function ContactFormModal({ opened, onClose, contact, onSaved }: Props) {
  const { t } = useTranslation();
  const create = useCreateContact();
  const edit = useUpdateContact(contact?.id ?? '');
  const mutation = contact ? edit : create;
  const [values, setValues] = useState(blank);
  const [rows, setRows] = useState<AttributeRow[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  // Fill the form when the dialog opens, not whenever the contact changes (a realtime update must not wipe edits).
  useEffect(() => {
    if (!opened) return;
    setValues(contact
      ? { name: contact.name ?? '', email: contact.email ?? '', phone: contact.phone ?? '', locale: contact.locale ?? '', tags: contact.tags }
      : blank);
    setRows(contact ? toRows(contact.attributes) : []);
    setErrors({});
    mutation.reset();
  }, [opened, contact?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: ContactInput = {
      name: values.name.trim() || null,
      email: values.email.trim() || null,
      phone: values.phone.trim() || null,
      locale: values.locale === 'vi' || values.locale === 'en' ? values.locale : null,
      tags: values.tags,
      attributes: fromRows(rows),
    };
    const found = fieldErrors(contactInput, input);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    mutation.mutate(input, {
      onSuccess: (saved) => {
        onSaved?.(saved);
        onClose();
      },
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={contact ? t('contacts.edit') : t('contacts.create')} size="lg">
      <form onSubmit={submit} noValidate data-testid="contact-form">
        <Stack gap="sm">
          {mutation.error && <ErrorAlert error={mutation.error} />}
          <TextInput label={t('fields.name')} value={values.name} error={errors.name} data-autofocus
            onChange={(e) => setValues((v) => ({ ...v, name: e.currentTarget.value }))} data-testid="contact-form-name" />
          <Group grow align="flex-start">
            <TextInput label={t('fields.email')} type="email" value={values.email} error={errors.email}
              onChange={(e) => setValues((v) => ({ ...v, email: e.currentTarget.value }))} data-testid="contact-form-email" />
            <TextInput label={t('fields.phone')} type="tel" value={values.phone} error={errors.phone}
              onChange={(e) => setValues((v) => ({ ...v, phone: e.currentTarget.value }))} data-testid="contact-form-phone" />
          </Group>
          <Select label={t('contact.language')} value={values.locale || null} clearable placeholder={t('common.none')}
            data={[{ value: 'vi', label: t('languages.vi') }, { value: 'en', label: t('languages.en') }]}
            onChange={(v) => setValues((x) => ({ ...x, locale: v ?? '' }))} />
          <TagsInput label={t('contact.tags')} value={values.tags} error={errors.tags} clearable
            onChange={(tags) => setValues((v) => ({ ...v, tags }))} data-testid="contact-form-tags" />
          <AttributesEditor rows={rows} onChange={setRows} />
          {errors.attributes && <Text size="xs" c="red" role="alert">{errors.attributes}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={mutation.isPending} data-testid="contact-form-save">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
