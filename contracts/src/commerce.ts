import { z } from 'zod';

export const shopPlatforms = ['shopify', 'woocommerce', 'haravan', 'sapo'] as const;
export type ShopPlatformName = (typeof shopPlatforms)[number];
export const paymentStates = ['pending', 'authorized', 'paid', 'partially_refunded', 'refunded', 'voided', 'failed'] as const;
export const fulfilmentStates = ['unfulfilled', 'partial', 'fulfilled', 'returned'] as const;
/** What the customer cares about, derived from payment, fulfilment and cancellation. */
export const deliveryStates = ['processing', 'shipped', 'delivered', 'cancelled', 'returned'] as const;
export type DeliveryState = (typeof deliveryStates)[number];

export const shopConnectionInput = z.object({
  platform: z.enum(shopPlatforms),
  name: z.string().trim().min(1).max(120),
  shopDomain: z.string().trim().max(255).nullable().optional(),
  /**
   * REST base URL for backfill and discount codes (e.g. https://shop.myshopify.com, https://apis.haravan.com).
   * The access token travels to it, so it must be https (plain http only on this machine, for local fakes).
   */
  baseUrl: z.string().trim().url().max(500)
    .refine((u) => /^https:\/\//i.test(u) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i.test(u), 'The API address must start with https://')
    .nullable().optional(),
  /** Leave empty to have CareLoop generate an alphanumeric secret (WooCommerce mangles `& < > " '`). */
  webhookSecret: z.string().trim().min(8).max(200).nullable().optional(),
  accessToken: z.string().trim().max(500).nullable().optional(),
  apiKey: z.string().trim().max(200).nullable().optional(),
  apiSecret: z.string().trim().max(200).nullable().optional(),
});
export type ShopConnectionInput = z.infer<typeof shopConnectionInput>;

export interface ShopConnectionDto {
  id: string;
  platform: ShopPlatformName;
  name: string;
  shopDomain: string | null;
  baseUrl: string | null;
  /** The URL to paste into the shop platform's webhook settings. */
  webhookUrl: string;
  /** Shown to admins only, so they can paste it into the platform. */
  webhookSecret: string | null;
  hasAccessToken: boolean;
  backfill: { status: 'idle' | 'running' | 'done' | 'failed'; imported: number; error: string | null; startedAt: string | null; finishedAt: string | null };
  lastWebhookAt: string | null;
  createdAt: string;
}

export interface OrderLineDto { sku: string | null; title: string; quantity: number; price: number }
export interface OrderAddressDto {
  name: string | null; phone: string | null; address1: string | null; address2: string | null;
  ward: string | null; district: string | null; province: string | null; city: string | null; countryCode: string | null;
}

export interface OrderDto {
  id: string;
  source: string;
  externalId: string;
  number: string;
  contactId: string | null;
  email: string | null;
  phone: string | null;
  phoneDisplay: string | null;
  customerName: string | null;
  currency: string;
  /** Minor units: integer đồng for VND. */
  total: number;
  subtotal: number | null;
  discount: number | null;
  shipping: number | null;
  refunded: number | null;
  paymentState: (typeof paymentStates)[number];
  fulfilmentState: (typeof fulfilmentStates)[number];
  deliveryState: DeliveryState;
  cancelled: boolean;
  countsAsPurchase: boolean;
  placedAt: string;
  cancelledAt: string | null;
  updatedAt: string;
  trackingNumber: string | null;
  carrier: string | null;
  trackingUrl: string | null;
  shippingAddress: OrderAddressDto | null;
  lines: OrderLineDto[];
  itemCount: number;
  note: string | null;
  lowConfidence: boolean;
}

/** Another contact whose orders share this contact's phone or email: the console offers a merge. */
export interface MergeSuggestionDto { contactId: string; name: string | null; phoneDisplay: string | null; email: string | null; orderCount: number; matchedBy: 'phone' | 'email' }

/** The commerce part of the contact sidebar. */
export interface ContactOrdersDto {
  contactId: string;
  orders: OrderDto[];
  nextCursor: string | null;
  orderCount: number;
  /** Sum of orders that count as purchases, per currency (VND first). */
  lifetimeSpend: number;
  currency: string;
  lastOrderAt: string | null;
  firstOrderAt: string | null;
  mergeSuggestions: MergeSuggestionDto[];
}

export const orderListQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const csvPresets = ['shopify', 'woo_ies', 'woo_analytics', 'generic'] as const;
export const csvMappingFields = [
  'orderRef', 'createdAt', 'status', 'total', 'currency', 'email', 'phone', 'name',
  'lineName', 'lineQuantity', 'linePrice', 'lineSku', 'trackingNumber', 'carrier', 'province', 'district', 'ward', 'address',
] as const;
export const orderImportQuery = z.object({
  preset: z.enum(csvPresets).optional(),
  dryRun: z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1'),
  timezone: z.string().max(64).optional(),
  currency: z.string().length(3).optional(),
  /** JSON of { field: header } for the generic preset. */
  mapping: z.string().max(4000).optional(),
  fileName: z.string().max(255).optional(),
});

export interface ImportRejectionDto { lines: [number, number]; orderRef: string | null; code: string; reason: string }
export interface OrderImportDto {
  id: string;
  preset: string;
  fileName: string | null;
  dryRun: boolean;
  status: 'running' | 'done' | 'failed';
  rows: number;
  bytes: number;
  totalBytes: number | null;
  accepted: number;
  rejected: number;
  /** The first rejections (capped), with line numbers and reasons. */
  rejections: ImportRejectionDto[];
  warnings: string[];
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Widget self-service: "Where is my order?" */
export const orderLookupInput = z.object({
  orderNumber: z.string().trim().min(1).max(64),
  phone: z.string().trim().min(6).max(40),
});
export interface OrderLookupDto {
  number: string;
  placedAt: string;
  deliveryState: DeliveryState;
  paymentState: (typeof paymentStates)[number];
  total: number;
  currency: string;
  itemCount: number;
  trackingNumber: string | null;
  carrier: string | null;
  trackingUrl: string | null;
}

/**
 * What the customer asks about. Shopify-family "fulfilled" means handed to the carrier, so it is
 * `shipped` until the carrier (or WooCommerce `completed`, or a fulfilled COD order that got paid) says delivered.
 */
export function deliveryStateOf(o: { cancelled: boolean; fulfilmentState: string; paymentState: string; delivered?: boolean }): DeliveryState {
  if (o.cancelled) return 'cancelled';
  if (o.fulfilmentState === 'returned' || o.paymentState === 'refunded') return 'returned';
  if (o.delivered) return 'delivered';
  if (o.fulfilmentState === 'fulfilled' || o.fulfilmentState === 'partial') return 'shipped';
  return 'processing';
}
