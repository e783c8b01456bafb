import type { FollowupKind } from '@careloop/contracts';
import i18n from '../../../i18n/index.ts';
import type { KindDefaults } from './ruleForm.ts';

/**
 * A new rule's suggested name (in the console's language) and message in both languages. Messages are read
 * raw: their `{{contact.first_name | bạn}}` are for the server's templates, not for i18next.
 */
export function kindDefaults(kind: FollowupKind): KindDefaults {
  const raw = (lng: 'vi' | 'en') => String(i18n.getResource(lng, 'translation', `followups.templates.${kind}`) ?? '');
  return { name: i18n.t(`followups.kinds.${kind}`), vi: raw('vi'), en: raw('en') };
}
