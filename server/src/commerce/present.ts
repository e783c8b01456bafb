import { deliveryStateOf, type OrderDto, type OrderImportDto, type OrderLookupDto, type ShopConnectionDto } from '@careloop/contracts';
import type { Row } from '../platform/db/schema.ts';
import { displayPhone } from '../contacts/phone.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentConnection(row: Row<'shop_connections'>, publicUrl: string, showSecret: boolean): ShopConnectionDto {
  const b = row.backfill;
  return {
    id: row.id,
    platform: row.platform,
    name: row.name,
    shopDomain: row.shop_domain,
    baseUrl: row.base_url,
    webhookUrl: `${publicUrl}/api/hooks/shops/${row.id}`,
    webhookSecret: showSecret ? row.webhook_secret : null,
    hasAccessToken: !!row.access_token,
    backfill: { status: b.status ?? 'idle', imported: b.imported ?? 0, error: b.error ?? null, startedAt: b.startedAt ?? null, finishedAt: b.finishedAt ?? null },
    lastWebhookAt: iso(row.last_webhook_at),
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * WooCommerce `completed` means the customer has it. Shopify-family `fulfilled` only means handed
 * to the carrier, so those orders show as shipped, with the tracking link for the rest.
 */
const deliveredOf = (row: Row<'orders'>) => row.source === 'woocommerce' && row.fulfilment_state === 'fulfilled';

export function presentOrder(row: Row<'orders'>): OrderDto {
  const address = row.shipping_address as OrderDto['shippingAddress'];
  const lines = row.lines.map((l) => ({ sku: l.sku, title: l.title, quantity: l.quantity, price: l.price }));
  return {
    id: row.id,
    source: row.source,
    externalId: row.external_id,
    number: row.order_number,
    contactId: row.contact_id,
    email: row.email,
    phone: row.phone,
    phoneDisplay: row.phone ? displayPhone(row.phone) : row.phone_raw,
    customerName: row.customer_name,
    currency: row.currency,
    total: row.total,
    subtotal: row.subtotal,
    discount: row.discount,
    shipping: row.shipping,
    refunded: row.refunded,
    paymentState: row.payment_state as OrderDto['paymentState'],
    fulfilmentState: row.fulfilment_state as OrderDto['fulfilmentState'],
    deliveryState: deliveryStateOf({ cancelled: row.cancelled, fulfilmentState: row.fulfilment_state, paymentState: row.payment_state, delivered: deliveredOf(row) }),
    cancelled: row.cancelled,
    countsAsPurchase: row.counts_as_purchase,
    placedAt: row.placed_at.toISOString(),
    cancelledAt: iso(row.cancelled_at),
    updatedAt: row.source_updated_at.toISOString(),
    trackingNumber: row.tracking_number,
    carrier: row.carrier,
    trackingUrl: row.tracking_url,
    shippingAddress: address ? {
      name: address.name ?? null, phone: address.phone ?? null, address1: address.address1 ?? null, address2: address.address2 ?? null,
      ward: address.ward ?? null, district: address.district ?? null, province: address.province ?? null, city: address.city ?? null, countryCode: address.countryCode ?? null,
    } : null,
    lines,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    note: row.note,
    lowConfidence: row.low_confidence,
  };
}

/** What a visitor who proved the phone may see: status and tracking, no address, no email. */
export function presentOrderForVisitor(row: Row<'orders'>): OrderLookupDto {
  const dto = presentOrder(row);
  return {
    number: dto.number, placedAt: dto.placedAt, deliveryState: dto.deliveryState, paymentState: dto.paymentState,
    total: dto.total, currency: dto.currency, itemCount: dto.itemCount,
    trackingNumber: dto.trackingNumber, carrier: dto.carrier, trackingUrl: dto.trackingUrl,
  };
}

export function presentImport(row: Row<'order_imports'>): OrderImportDto {
  return {
    id: row.id, preset: row.preset, fileName: row.file_name, dryRun: row.dry_run, status: row.status,
    rows: row.rows, bytes: Number(row.bytes), totalBytes: row.total_bytes === null ? null : Number(row.total_bytes),
    accepted: row.accepted, rejected: row.rejected, rejections: row.rejections, warnings: row.warnings, error: row.error,
    createdAt: row.created_at.toISOString(), finishedAt: iso(row.finished_at),
  };
}
