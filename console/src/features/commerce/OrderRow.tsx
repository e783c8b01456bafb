import { useState } from 'react';
import { Anchor, Badge, Collapse, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconTruckDelivery } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { OrderDto } from '@careloop/contracts';
import { safeUrl } from '../../lib/safeUrl.ts';
import { useFormat } from '../../ui/useFormat.ts';
import { formatMinor } from './money.ts';
import { orderBadges } from './status.ts';

export const orderLabel = (number: string) => (number.startsWith('#') ? number : `#${number}`);

/** One order: number, date, status badges, total, tracking, and its items on demand. */
export function OrderRow({ order }: { order: OrderDto }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const href = safeUrl(order.trackingUrl, { relative: false });
  const items = order.itemCount || order.lines.reduce((n, l) => n + l.quantity, 0);

  return (
    <div className="past-conversation" data-testid="order-row" data-order-id={order.id} data-delivery={order.deliveryState}>
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Text size="sm" fw={600} data-testid="order-number">{orderLabel(order.number)}</Text>
        <Text size="sm" fw={600} data-testid="order-total">{formatMinor(order.total, order.currency, i18n.language)}</Text>
      </Group>
      <Group gap={4} wrap="wrap">
        {orderBadges(order).map((b) => (
          <Badge key={b.testId} size="xs" variant="light" color={b.color} data-testid={b.testId}>{t(b.label)}</Badge>
        ))}
        {order.lowConfidence && <Badge size="xs" variant="outline" color="gray">{t('commerce.orders.lowConfidence')}</Badge>}
        <Text size="xs" c="dimmed">{format.date(order.placedAt)}</Text>
      </Group>
      {order.trackingNumber && (
        <Group gap={4} wrap="nowrap" mt={2}>
          <IconTruckDelivery size={12} aria-hidden />
          <Text size="xs" className="truncate" data-testid="order-tracking">
            {order.carrier && `${order.carrier} · `}
            {href ? (
              <Anchor href={href} target="_blank" rel="noopener noreferrer" size="xs" data-testid="order-tracking-link">{order.trackingNumber}</Anchor>
            ) : order.trackingNumber}
          </Text>
        </Group>
      )}
      {order.lines.length > 0 && (
        <>
          <UnstyledButton onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="order-items-toggle">
            <Group gap={2}>
              {open ? <IconChevronDown size={12} aria-hidden /> : <IconChevronRight size={12} aria-hidden />}
              <Text size="xs" c="dimmed">{t('commerce.orders.items', { count: items })}</Text>
            </Group>
          </UnstyledButton>
          <Collapse expanded={open}>
            <Stack gap={0} pl="sm" data-testid="order-items">
              {order.lines.map((line, i) => (
                <Group key={`${line.sku ?? ''}-${i}`} justify="space-between" wrap="nowrap" gap={4}>
                  <Text size="xs" className="truncate">{line.quantity} × {line.title}</Text>
                  <Text size="xs" c="dimmed">{formatMinor(line.price, order.currency, i18n.language)}</Text>
                </Group>
              ))}
            </Stack>
          </Collapse>
        </>
      )}
    </div>
  );
}
