import type { ShopPlatformName } from '@careloop/contracts';

const shopifyFamilyTopics = ['orders/create', 'orders/updated', 'orders/paid', 'orders/cancelled', 'orders/fulfilled', 'orders/delete'] as const;

/** The webhook topics to subscribe per platform: everything that changes what a customer asks about. */
export const webhookTopics: Record<ShopPlatformName, readonly string[]> = {
  shopify: shopifyFamilyTopics,
  haravan: shopifyFamilyTopics,
  sapo: shopifyFamilyTopics,
  woocommerce: ['order.created', 'order.updated', 'order.deleted'],
};

/** How many `shop.setup.<platform>.stepN` strings each platform has. */
export const setupStepCount: Record<ShopPlatformName, number> = { shopify: 4, woocommerce: 4, haravan: 3, sapo: 3 };

/** Where backfill reads orders from, as an example for the form. */
export const baseUrlExample: Record<ShopPlatformName, string> = {
  shopify: 'https://ten-shop.myshopify.com',
  woocommerce: 'https://shop.vn',
  haravan: 'https://apis.haravan.com',
  sapo: 'https://ten-shop.mysapo.net',
};

/** The platform signs with its own key (pasted into CareLoop) rather than one CareLoop generates. */
export const platformOwnsSecret = (platform: ShopPlatformName): boolean => platform !== 'woocommerce';
