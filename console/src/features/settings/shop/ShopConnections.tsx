import { useState } from 'react';
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ShopConnectionDto } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { SectionHeader } from '../SectionHeader.tsx';
import { ConnectionCard } from './ConnectionCard.tsx';
import { ConnectionForm } from './ConnectionForm.tsx';
import { anyBackfillRunning, backfillPollMs, shopKeys } from './shopApi.ts';

/** "Cửa hàng": the shops whose orders flow into CareLoop by webhook, backfill or CSV. */
export default function ShopConnections() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const list = useQuery({
    queryKey: shopKeys.connections,
    queryFn: () => api.get<ShopConnectionDto[]>('/commerce/connections'),
    refetchInterval: (query) => (anyBackfillRunning(query.state.data) ? backfillPollMs : false),
  });

  return (
    <>
      <SectionHeader title={t('shop.sections.shops')} description={t('shop.connections.description')}
        actions={<Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating(true)}
          data-testid="connection-create">{t('shop.connections.create')}</Button>} />
      {list.error && <ErrorAlert error={list.error} />}
      {list.isLoading && <Center p="md"><Loader /></Center>}
      {created && (
        <Alert color="teal" mb="md" withCloseButton onClose={() => setCreated(null)} data-testid="connection-created">
          {t('shop.connections.created', { name: created })}
        </Alert>
      )}
      <Stack gap="md" maw={820} data-testid="shop-connections">
        {list.data?.map((c) => <ConnectionCard key={c.id} connection={c} />)}
        {list.data?.length === 0 && <Text size="sm" c="dimmed">{t('shop.connections.empty')}</Text>}
      </Stack>
      <ConnectionForm opened={creating} onClose={() => setCreating(false)} onCreated={(c) => {
        qc.setQueryData<ShopConnectionDto[]>(shopKeys.connections, (old) => [...(old ?? []).filter((x) => x.id !== c.id), c]);
        setCreating(false);
        setCreated(c.name);
      }} />
    </>
  );
}
