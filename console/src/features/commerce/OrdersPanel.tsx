import { Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconShoppingBag } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { MergeOfferBanner } from './MergeOffer.tsx';
import { formatMinor } from './money.ts';
import { OrderRow } from './OrderRow.tsx';
import { loadedOrders, useContactOrders } from './queries.ts';

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" fw={600} data-testid={testId}>{value}</Text>
    </div>
  );
}

/** The contact's orders for the sidebar and the contact page: what they spent, each order, and duplicate contacts. */
export function OrdersPanel({ contactId, className, onMerged }: { contactId: string; className?: string; onMerged?: (survivorId: string) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const query = useContactOrders(contactId);
  const first = query.data?.pages[0];
  const orders = loadedOrders(query.data);

  return (
    <section className={className} data-testid="orders-panel" aria-label={t('commerce.orders.title')}>
      <Group gap={4} mb={4}>
        <IconShoppingBag size={14} aria-hidden />
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">{t('commerce.orders.title')}</Text>
      </Group>
      {query.isLoading && <Loader size="xs" aria-label={t('common.loading')} />}
      {query.error && <ErrorAlert error={query.error} testId="orders-error" />}
      {first && (
        <Stack gap={6}>
          {first.mergeSuggestions.map((s) => <MergeOfferBanner key={s.contactId} contactId={contactId} suggestion={s} onMerged={onMerged} />)}
          <SimpleGrid cols={3} spacing={4} data-testid="orders-summary">
            <Stat label={t('commerce.orders.lifetimeSpend')} value={formatMinor(first.lifetimeSpend, first.currency, i18n.language)} testId="orders-lifetime-spend" />
            <Stat label={t('commerce.orders.count')} value={String(first.orderCount)} testId="orders-count" />
            <Stat label={t('commerce.orders.lastOrder')} value={first.lastOrderAt ? format.date(first.lastOrderAt) : '—'} testId="orders-last" />
          </SimpleGrid>
          {orders.length === 0 && <Text size="xs" c="dimmed">{t('commerce.orders.empty')}</Text>}
          <Stack gap={2}>
            {orders.map((o) => <OrderRow key={o.id} order={o} />)}
          </Stack>
          <LoadMore hasMore={Boolean(query.hasNextPage)} loading={query.isFetchingNextPage} onLoad={() => void query.fetchNextPage()} label={t('commerce.orders.more')} />
        </Stack>
      )}
    </section>
  );
}
