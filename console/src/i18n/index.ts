import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { ErrorCode } from '@careloop/contracts';
import vi from './vi.json';
import en from './en.json';

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
  return navigator.language?.toLowerCase().startsWith('vi') ? 'vi' : 'en';
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

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

/** The translated text for an error code, falling back to the generic message for unknown codes. */
export function errorText(code: ErrorCode | string): string {
  const key = `errors.${code}`;
  return i18n.exists(key) ? i18n.t(key) : i18n.t('errors.internal');
}

export default i18n;
