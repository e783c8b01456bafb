/** Inbound shop-platform webhooks (Shopify, WooCommerce, Haravan, Sapo): verify, parse, normalize. Pure functions. */
export { parseShopWebhook, headerLookup } from './parse.ts';
export type { ShopWebhookEvent, ShopWebhookKind, ShopWebhookResult } from './parse.ts';
export { verifyShopSignature, signShopBody, signLikeWoo, wpSpecialcharsDecode, SIGNATURE_HEADER } from './signature.ts';
export type { HeaderLookup } from './signature.ts';
export { normalizeShopifyFamilyOrder } from './shopify-family.ts';
export type { ShopifyFamily } from './shopify-family.ts';
export { normalizeWooOrder } from './woocommerce.ts';
export { ShopPayloadError, LIMITS } from './fields.ts';
export type { NormalizeOptions } from './fields.ts';
export { parseJsonLossless } from './json.ts';
