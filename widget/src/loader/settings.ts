/** Reads the snippet: `window.careloopSettings` first, then `data-*` on the script tag. */
export interface SnippetSettings {
  token?: unknown;
  locale?: unknown;
}

export interface LoaderSettings {
  token: string;
  /** Origin of the CareLoop server, from the loader's own src. Messages are only trusted from here. */
  host: string;
  locale: string;
  frameUrl: string;
}

export function readSettings(
  scriptSrc: string,
  dataset: { token?: string | undefined; locale?: string | undefined },
  global: SnippetSettings | undefined,
  pageOrigin: string,
  pageLang: string,
): LoaderSettings | null {
  const pick = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const token = pick(global?.token) || pick(dataset.token);
  if (!token || !scriptSrc) return null;
  let url: URL;
  try {
    url = new URL('frame.html', scriptSrc);
  } catch {
    return null;
  }
  const locale = pick(global?.locale) || pick(dataset.locale) || pickLang(pageLang);
  const hash = new URLSearchParams({ token, origin: pageOrigin });
  if (locale) hash.set('locale', locale);
  // The token also goes in the query: the server answers frame.html with `frame-ancestors` set to the
  // inbox's allowed origins, so only the shop's own pages can embed the chat.
  url.searchParams.set('inbox', token);
  url.hash = hash.toString();
  return { token, host: url.origin, locale, frameUrl: url.href };
}

function pickLang(lang: string): string {
  return /^(vi|en)\b/i.test(lang) ? lang.slice(0, 2).toLowerCase() : '';
}

