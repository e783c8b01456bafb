import { API, withQuery, type Query } from '../../lib/api.ts';

/**
 * The row-level export for the current filters: a same-origin link, so the browser streams the file
 * itself with the session cookie (a GET needs no CSRF token), in the console's language.
 */
export const conversationsCsvHref = (query: Query, lang: string): string =>
  withQuery(`${API}/reports/conversations.csv`, { ...query, lang: lang.startsWith('vi') ? 'vi' : 'en' });
