import { PasswordInput, Radio, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MessagingChannel, MessagingSecretField } from '@careloop/contracts';
import { channelFields, isSecretField, optionalFields, secretState, type MessagingField, type MessagingForm } from './messagingForm.ts';

interface Props {
  channel: MessagingChannel;
  value: MessagingForm;
  set: (patch: Partial<MessagingForm>) => void;
  errorOf: (field: MessagingField) => string | undefined;
  /** Secrets the server holds for this inbox (none while creating). */
  secretsSet: readonly MessagingSecretField[];
}

/** One channel's credentials. Secret inputs never show a stored value, only that one is stored. */
export function MessagingFields({ channel, value, set, errorOf, secretsSet }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="messaging-fields" data-channel={channel}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {channelFields[channel].map((field) => {
          const common = {
            label: t(`messaging.setup.fields.${field}`),
            required: !optionalFields.includes(field),
            error: errorOf(field),
            'data-testid': `messaging-${field}`,
          };
          if (!isSecretField(field)) {
            return (
              <TextInput key={field} {...common} description={t(`messaging.setup.fieldHelp.${field}`)} value={value[field]} autoComplete="off"
                inputMode={field === 'senderName' || field === 'senderAvatar' ? undefined : 'numeric'}
                maxLength={field === 'senderName' ? 28 : 500} onChange={(e) => set({ [field]: e.currentTarget.value })} />
            );
          }
          const state = secretState(field, value, secretsSet);
          return (
            <PasswordInput key={field} {...common} required={common.required && state !== 'stored'} autoComplete="new-password"
              description={state === 'stored' ? t('messaging.setup.secretStored') : t(`messaging.setup.fieldHelp.${field}`)}
              placeholder={state === 'stored' ? '••••••••' : undefined} value={value[field]} data-saved={state === 'stored' ? 'true' : 'false'}
              onChange={(e) => set({ [field]: e.currentTarget.value })} />
          );
        })}
      </SimpleGrid>
      {channel === 'telegram' && (
        <Radio.Group label={t('messaging.setup.fields.delivery')} value={value.delivery} error={errorOf('delivery')}
          onChange={(v) => set({ delivery: v === 'polling' ? 'polling' : 'webhook' })} data-testid="messaging-delivery">
          <Stack gap="xs" mt={4}>
            <Radio value="webhook" label={t('messaging.setup.delivery.webhook')} description={t('messaging.setup.delivery.webhookHelp')} data-testid="messaging-delivery-webhook" />
            <Radio value="polling" label={t('messaging.setup.delivery.polling')} description={t('messaging.setup.delivery.pollingHelp')} data-testid="messaging-delivery-polling" />
          </Stack>
        </Radio.Group>
      )}
      {(channel === 'messenger' || channel === 'instagram') && (
        <>
          <Switch label={t('messaging.setup.commentsEnabled')} checked={value.commentsEnabled}
            description={t(channel === 'instagram' ? 'messaging.setup.commentsEnabledHelpInstagram' : 'messaging.setup.commentsEnabledHelp')}
            onChange={(e) => set({ commentsEnabled: e.currentTarget.checked })} data-testid="messaging-comments" />
          <Switch label={t('messaging.setup.hidePhoneComments')} description={t('messaging.setup.hidePhoneCommentsHelp')} checked={value.hidePhoneComments}
            disabled={!value.commentsEnabled} onChange={(e) => set({ hidePhoneComments: e.currentTarget.checked })} data-testid="messaging-hide-phone" />
        </>
      )}
    </Stack>
  );
}
