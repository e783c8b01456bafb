import type { Role } from '@careloop/contracts';

/** The shop settings sections (labels under `shop.sections.*`); admin and owner only, like the server. */
export const shopSections = [
  { path: 'shops', roles: ['owner', 'admin'] },
  { path: 'order-imports', roles: ['owner', 'admin'] },
  { path: 'compensation', roles: ['owner', 'admin'] },
] as const satisfies readonly { path: string; roles: readonly Role[] }[];

export type ShopSectionPath = (typeof shopSections)[number]['path'];

export function visibleShopSections(role: Role) {
  return shopSections.filter((s) => (s.roles as readonly Role[]).includes(role));
}
