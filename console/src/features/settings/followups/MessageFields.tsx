import { useRef, useState } from 'react';
import { Badge, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@careloop/contracts';
import { followupVariables, insertToken, previewMessage, unfilledVariables } from './preview.ts';
import type { RuleField, RuleForm } from './ruleForm.ts';

const field = { vi: 'messageVi', en: 'messageEn' } as const satisfies Record<Locale, RuleField>;

interface Props {
  form: RuleForm;
  set: (patch: Partial<RuleForm>) => void;
  errors: Set<RuleField>;
  readOnly: boolean;
  workspaceName: string;
}

/** The message in Vietnamese and English (each customer gets their language), variables to insert, and a live preview. */
export function MessageFields({ form, set, errors, readOnly, workspaceName }: Props) {
  const { t } = useTranslation();
  const refs = useRef<Record<Locale, HTMLTextAreaElement | null>>({ vi: null, en: null });
  const lastFocused = useRef<Locale>('vi');
  const [noName, setNoName] = useState(false);

  const insert = (variable: string) => {
    const locale = lastFocused.current;
    const el = refs.current[locale];
    const text = form[field[locale]];
    const { text: next, cursor } = insertToken(text, el?.selectionStart ?? text.length, el?.selectionEnd ?? text.length, `{{${variable}}}`);
    set({ [field[locale]]: next });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(cursor, cursor);
    });
  };
  const sample = (locale: Locale) => ({
    name: noName ? null : t('followups.preview.sampleName', { lng: locale }),
    orderNumber: t('followups.preview.sampleOrder', { lng: locale }),
    productTitle: t('followups.preview.sampleProduct', { lng: locale }),
    workspaceName,
  });

  return (
    <Stack gap="xs">
      {!readOnly && (
        <div>
          <Text size="xs" c="dimmed" mb={4}>{t('followups.message.variables')}</Text>
          <Group gap={4} data-testid="followup-variables">
            {followupVariables.map((v) => (
              <UnstyledButton key={v} onClick={() => insert(v)} aria-label={t('followups.message.insert', { name: v })}>
                <Badge variant="light" color="gray" tt="none" style={{ cursor: 'pointer' }}>{`{{${v}}}`}</Badge>
              </UnstyledButton>
            ))}
          </Group>
          <Text size="xs" c="dimmed" mt={4}>{t('followups.message.hint', { example: '{{contact.first_name | bạn}}', order: '{{order.number}}', product: '{{product.title}}' })}</Text>
        </div>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {(['vi', 'en'] as const).map((locale) => {
          const text = form[field[locale]];
          const unfilled = unfilledVariables(text);
          return (
            <Stack key={locale} gap={4}>
              <Textarea ref={(el) => { refs.current[locale] = el; }} label={t(`followups.message.${locale}`)} value={text} autosize minRows={3} maxRows={8}
                maxLength={2000} readOnly={readOnly} onFocus={() => { lastFocused.current = locale; }} error={errors.has(field[locale]) ? t('followups.invalid.message') : undefined}
                onChange={(e) => set({ [field[locale]]: e.currentTarget.value })} data-testid={`followup-message-${locale}`} />
              <Paper bg="var(--mantine-color-gray-0)" p="xs" radius="sm" data-testid={`followup-preview-${locale}`} aria-label={t('followups.preview.title')}>
                <Text size="xs" c="dimmed" fw={600}>{t('followups.preview.title')}</Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{previewMessage(text, form.kind, locale, sample(locale), form.basis) || '—'}</Text>
              </Paper>
              {unfilled.length > 0 && (
                <Text size="xs" c="orange" data-testid={`followup-unfilled-${locale}`}>{t('followups.message.unfilled', { names: unfilled.join(', ') })}</Text>
              )}
            </Stack>
          );
        })}
      </SimpleGrid>
      <Checkbox size="xs" label={t('followups.preview.noName')} checked={noName} onChange={(e) => setNoName(e.currentTarget.checked)} data-testid="followup-preview-noname" />
    </Stack>
  );
}
