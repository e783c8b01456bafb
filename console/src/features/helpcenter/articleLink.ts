import type { ConversationDto, HelpArticleDto, HelpLocale } from '@careloop/contracts';

/** The language to answer in: the one triage detected, else the workspace's, else Vietnamese. */
export function conversationLocale(c: Pick<ConversationDto, 'triage'>, workspaceLocale: string | null | undefined): HelpLocale {
  const detected = c.triage?.language;
  if (detected === 'vi' || detected === 'en') return detected;
  return workspaceLocale === 'en' ? 'en' : 'vi';
}

/** The article in `locale`, or in its other language when it is written in one only. */
export function articleText(a: Pick<HelpArticleDto, 'vi' | 'en'>, locale: HelpLocale): { locale: HelpLocale; title: string } | null {
  const other: HelpLocale = locale === 'vi' ? 'en' : 'vi';
  const chosen = a[locale] ? locale : a[other] ? other : null;
  return chosen ? { locale: chosen, title: a[chosen]!.title } : null;
}

/** The public address in one language (`?lang=` picks the version; the slug is shared). */
export const publicUrlIn = (a: Pick<HelpArticleDto, 'publicUrl'>, locale: HelpLocale) => `${a.publicUrl}?lang=${locale}`;

/** What goes into a reply: the title and the public link, in the conversation's language. */
export function articleLinkText(a: Pick<HelpArticleDto, 'vi' | 'en' | 'publicUrl'>, locale: HelpLocale): string {
  const text = articleText(a, locale);
  return text ? `${text.title}: ${publicUrlIn(a, text.locale)}` : a.publicUrl;
}
