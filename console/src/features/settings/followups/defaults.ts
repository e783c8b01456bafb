import type { FollowupKind, RepurchaseBasis } from '@careloop/contracts';
import i18n from '../../../i18n/index.ts';
import type { KindDefaults } from './ruleForm.ts';

/**
 * A new rule's suggested name (in the console's language) and message in both languages; a product-basis
 * repurchase reminder has its own message, which names the product. Messages are read raw: their
 * `{{contact.first_name | bạn}}` are for the server's templates, not for i18next.
 */
export function kindDefaults(kind: FollowupKind, basis: RepurchaseBasis = 'customer'): KindDefaults {
  const template = kind === 'repurchase' && basis === 'product' ? 'repurchase_product' : kind;
  const raw = (lng: 'vi' | 'en') => String(i18n.getResource(lng, 'translation', `followups.templates.${template}`) ?? '');
  return { name: i18n.t(`followups.kinds.${kind}`), vi: raw('vi'), en: raw('en') };
}
