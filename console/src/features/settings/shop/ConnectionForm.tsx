import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { shopConnectionInput, shopPlatforms, type ShopConnectionDto, type ShopConnectionInput, type ShopPlatformName } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { shopFieldErrors } from './fieldErrors.ts';
import { baseUrlExample, platformOwnsSecret } from './setupSteps.ts';

type Values = Record<'name' | 'shopDomain' | 'baseUrl' | 'webhookSecret' | 'accessToken' | 'apiKey' | 'apiSecret', string> & { platform: ShopPlatformName };
const empty: Values = { platform: 'shopify', name: '', shopDomain: '', baseUrl: '', webhookSecret: '', accessToken: '', apiKey: '', apiSecret: '' };

/** Empty optional fields are left out; WooCommerce uses a key pair, the others an access token. */
function connectionBody(v: Values): ShopConnectionInput {
  const opt = (value: string) => (value.trim() ? value.trim() : null);
  const woo = v.platform === 'woocommerce';
  return {
    platform: v.platform, name: v.name.trim(), shopDomain: opt(v.shopDomain), baseUrl: opt(v.baseUrl), webhookSecret: opt(v.webhookSecret),
    accessToken: woo ? null : opt(v.accessToken), apiKey: woo ? opt(v.apiKey) : null, apiSecret: woo ? opt(v.apiSecret) : null,
  };
}

/** Connect a shop: what CareLoop needs to receive its webhooks and, optionally, read its order history. */
export function ConnectionForm({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (c: ShopConnectionDto) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (body: ShopConnectionInput) => api.post<ShopConnectionDto>('/commerce/connections', body),
    meta: { handlesError: true },
    onSuccess: (created) => {
      setValues(empty);
      onCreated(created);
    },
  });
  const set = (key: keyof Values) => (e: { currentTarget: { value: string } }) => setValues({ ...values, [key]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = connectionBody(values);
    const found = shopFieldErrors(shopConnectionInput, body);
    setErrors(found);
    if (Object.keys(found).length === 0) create.mutate(body);
  };
  const woo = values.platform === 'woocommerce';

  return (
    <Modal opened={opened} onClose={onClose} title={t('shop.connections.create')} size="lg">
      <form onSubmit={submit} noValidate data-testid="connection-form">
        <Stack gap="sm">
          {create.error && <ErrorAlert error={create.error} />}
          <Group grow align="flex-start">
            <Select label={t('shop.connections.platform')} data={shopPlatforms.map((p) => ({ value: p, label: t(`shop.platforms.${p}`) }))}
              value={values.platform} allowDeselect={false} onChange={(p) => p && setValues({ ...values, platform: p as ShopPlatformName })}
              data-testid="connection-platform" />
            <TextInput label={t('shop.connections.name')} placeholder={t('shop.connections.namePlaceholder')} value={values.name}
              error={errors.name} maxLength={120} required data-autofocus onChange={set('name')} data-testid="connection-name" />
          </Group>
          <TextInput label={t('shop.connections.shopDomain')} description={t('shop.connections.shopDomainHelp')} placeholder="shop.vn"
            value={values.shopDomain} error={errors.shopDomain} maxLength={255} onChange={set('shopDomain')} data-testid="connection-domain" />
          <TextInput label={t('shop.connections.baseUrl')} description={t('shop.connections.baseUrlHelp')} placeholder={baseUrlExample[values.platform]}
            value={values.baseUrl} error={errors.baseUrl} maxLength={500} onChange={set('baseUrl')} data-testid="connection-base-url" />
          {woo ? (
            <Group grow align="flex-start">
              <TextInput label={t('shop.connections.apiKey')} placeholder="ck_…" value={values.apiKey} error={errors.apiKey} maxLength={200}
                autoComplete="off" onChange={set('apiKey')} data-testid="connection-api-key" />
              <PasswordInput label={t('shop.connections.apiSecret')} placeholder="cs_…" value={values.apiSecret} error={errors.apiSecret}
                maxLength={200} autoComplete="off" onChange={set('apiSecret')} data-testid="connection-api-secret" />
            </Group>
          ) : (
            <PasswordInput label={t('shop.connections.accessToken')} description={t(`shop.connections.accessTokenHelp.${values.platform}`)}
              value={values.accessToken} error={errors.accessToken} maxLength={500} autoComplete="off" onChange={set('accessToken')}
              data-testid="connection-access-token" />
          )}
          <Text size="xs" c="dimmed">{t('shop.connections.credentialsOptional')}</Text>
          <PasswordInput label={t('shop.connections.webhookSecret')}
            description={t(platformOwnsSecret(values.platform) ? 'shop.connections.secretFromPlatform' : 'shop.connections.secretGenerated')}
            value={values.webhookSecret} error={errors.webhookSecret} maxLength={200} autoComplete="off" onChange={set('webhookSecret')}
            data-testid="connection-secret-input" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={create.isPending} data-testid="connection-save">{t('shop.connections.connect')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
