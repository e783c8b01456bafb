import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from '../platform/http/types.ts';
import type { NewSession } from './service.ts';

export const sessionCookie = 'careloop_session';

export function setSessionCookie(c: AppContext, session: NewSession) {
  setCookie(c, sessionCookie, session.token, {
    httpOnly: true, sameSite: 'Lax', secure: c.var.deps.config.secureCookies, path: '/', expires: session.expiresAt,
  });
}
export const clearSessionCookie = (c: AppContext) => deleteCookie(c, sessionCookie, { path: '/' });
export const readSessionCookie = (c: AppContext) => getCookie(c, sessionCookie);
