import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { ErrorCode } from '@careloop/contracts';
import viCore from './vi.json';
import enCore from './en.json';
import viCommerce from './commerce.vi.json';
import enCommerce from './commerce.en.json';
import viShop from './shop.vi.json';
import enShop from './shop.en.json';
import viAnalytics from './analytics.vi.json';
import enAnalytics from './analytics.en.json';
import viFollowups from './followups.vi.json';
import enFollowups from './followups.en.json';
import viEmail from './email.vi.json';
import enEmail from './email.en.json';
import viMessaging from './messaging.vi.json';
import enMessaging from './messaging.en.json';
import viCalls from './calls.vi.json';
import enCalls from './calls.en.json';
import viSla from './sla.vi.json';
import enSla from './sla.en.json';
import viRouting from './routing.vi.json';
import enRouting from './routing.en.json';
import viAutomations from './automations.vi.json';
import enAutomations from './automations.en.json';
import viHelpcenter from './helpcenter.vi.json';
import enHelpcenter from './helpcenter.en.json';
import viReports from './reports.vi.json';
import enReports from './reports.en.json';
import viSurveys from './surveys.vi.json';
import enSurveys from './surveys.en.json';
import viAssist from './assist.vi.json';
import enAssist from './assist.en.json';

type Tree = { [key: string]: string | Tree };
/** Each feature area keeps its strings in its own file pair; they merge into one `translation` tree. */
function merged(...trees: Tree[]): Tree {
  const out: Tree = {};
  for (const tree of trees) {
    for (const [key, value] of Object.entries(tree)) {
      const existing = out[key];
      out[key] = typeof value === 'object' && typeof existing === 'object' ? merged(existing, value) : value;
    }
  }
  return out;
}
export const vi = merged(viCore as Tree, viCommerce as Tree, viShop as Tree, viAnalytics as Tree, viFollowups as Tree, viEmail as Tree, viMessaging as Tree, viCalls as Tree,
  viSla as Tree, viRouting as Tree, viAutomations as Tree, viHelpcenter as Tree, viReports as Tree, viSurveys as Tree, viAssist as Tree);
export const en = merged(enCore as Tree, enCommerce as Tree, enShop as Tree, enAnalytics as Tree, enFollowups as Tree, enEmail as Tree, enMessaging as Tree, enCalls as Tree,
  enSla as Tree, enRouting as Tree, enAutomations as Tree, enHelpcenter as Tree, enReports as Tree, enSurveys as Tree, enAssist as Tree);

export const languages = ['vi', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'careloop.language';

/** Stored choice first; otherwise Vietnamese for a Vietnamese browser, English for everyone else. */
export function detectLanguage(): Language {
  try {
    const stored = localStorage.getItem(storageKey);
    if (stored === 'vi' || stored === 'en') return stored;
  } catch {
    // storage can be disabled; fall through to the browser language
  }
  // No navigator or document in the unit tests (node): English there.
  return typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // not persisted; the switch still applies to this tab
  }
  void i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: detectLanguage(),
  fallbackLng: 'en',
  initAsync: false,
  // React escapes everything it renders as text, so i18next must not escape a second time.
  interpolation: { escapeValue: false },
  returnNull: false,
});

if (typeof document !== 'undefined') {
  document.documentElement.lang = i18n.language;
  i18n.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
}

/** The translated text for an error code, falling back to the generic message for unknown codes. */
export function errorText(code: ErrorCode | string): string {
  const key = `errors.${code}`;
  return i18n.exists(key) ? i18n.t(key) : i18n.t('errors.internal');
}

export default i18n;
