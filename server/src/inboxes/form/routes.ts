import { errorCodes, formSubmissionInput, type FormSubmission, type Locale } from '@careloop/contracts';
import { Hono, type Context } from 'hono';
import { AppError } from '../../platform/errors.ts';
import { normalizeStrings, validate } from '../../platform/http/body.ts';
import { createRateLimiter } from '../../platform/http/rate-limit.ts';
import type { AppEnv } from '../../platform/http/types.ts';
import { newSecret } from '../../platform/ids.ts';
import { t } from '../../platform/i18n.ts';
import { embedScript, pageCsp, renderFormPage, renderNotFoundPage, renderSuccessPage, type PageInput } from './page.ts';
import { formPageUrl, formSettingsOf } from './settings.ts';
import * as forms from './service.ts';

/** A form post is a few kilobytes; the largest field is the 5,000-character message. */
const maxBodyBytes = 32 * 1024;
const decoder = new TextDecoder('utf-8', { fatal: true });

function html(c: Context<AppEnv>, nonce: string, body: string, status = 200) {
  c.header('content-security-policy', pageCsp(nonce));
  c.header('x-content-type-options', 'nosniff');
  c.header('referrer-policy', 'no-referrer');
  c.header('cache-control', 'no-store');
  return c.html(body, status as 200);
}

async function readSubmission(c: Context<AppEnv>): Promise<{ input: FormSubmission; json: boolean }> {
  const type = c.req.header('content-type') ?? '';
  const json = /^application\/(.+\+)?json\b/i.test(type);
  if (!json && !/^application\/x-www-form-urlencoded\b/i.test(type)) throw new AppError('unsupported_media_type', 'Send the form (application/x-www-form-urlencoded) or JSON');
  if (Number(c.req.header('content-length') ?? 0) > maxBodyBytes) throw new AppError('payload_too_large', 'The form is too large', { maxBytes: maxBodyBytes });
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > maxBodyBytes) throw new AppError('payload_too_large', 'The form is too large', { maxBytes: maxBodyBytes });
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new AppError('invalid_encoding', 'The body is not valid UTF-8');
  }
  let data: unknown;
  if (json) {
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      throw new AppError('invalid_json', 'The body is not valid JSON');
    }
  } else {
    const known = ['name', 'email', 'phone', 'message', 'ticket', 'website', 'lang'];
    data = Object.fromEntries([...new URLSearchParams(text)].filter(([k]) => known.includes(k)));
  }
  return { input: validate(formSubmissionInput, normalizeStrings(data)), json };
}

/** What the visitor reads when a submission is refused before or outside the service. */
function localized(err: AppError, locale: Locale): string {
  if (err.code === 'rate_limited') return t(locale, 'form.error.rate_limited');
  if (err.code === 'payload_too_large') return t(locale, 'form.error.too_large');
  return err.message;
}

/**
 * Public: the hosted contact form (`/forms/:token`), its embed script and its submissions.
 * Rate limits live with the router instance, so each app (and each test) counts on its own.
 */
export function createFormRoutes() {
  const perIp = createRateLimiter({ limit: 5, windowMs: 10 * 60_000 });
  const perInbox = createRateLimiter({ limit: 200, windowMs: 60 * 60_000 });
  const pagesPerIp = createRateLimiter({ limit: 120, windowMs: 60_000 });

  return new Hono<AppEnv>()
    .get('/:token/embed.js', async (c) => {
      const inbox = await forms.resolveFormInbox(c.var.deps, c.req.param('token'));
      if (!inbox) throw new AppError('not_found', 'No such form');
      c.header('content-type', 'application/javascript; charset=utf-8');
      c.header('cache-control', 'public, max-age=300');
      c.header('x-content-type-options', 'nosniff');
      return c.body(embedScript(formPageUrl(c.var.deps.config.publicUrl, inbox.widget_token), formSettingsOf(inbox).title));
    })
    /** For scripts that post JSON: a fresh signed render time (send it back as `ticket`, 3 s or more later). */
    .get('/:token/ticket', async (c) => {
      pagesPerIp(`ip:${c.var.ip ?? 'unknown'}`);
      const inbox = await forms.resolveFormInbox(c.var.deps, c.req.param('token'));
      if (!inbox) throw new AppError('not_found', 'No such form');
      c.header('cache-control', 'no-store');
      return c.json({ ticket: forms.signTicket(c.var.deps.secret, inbox.id), minFillSeconds: forms.minFillMs / 1000 });
    })
    .get('/:token', async (c) => {
      pagesPerIp(`ip:${c.var.ip ?? 'unknown'}`);
      const nonce = newSecret(12);
      const inbox = await forms.resolveFormInbox(c.var.deps, c.req.param('token'));
      const lang = c.req.query('lang');
      if (!inbox) return html(c, nonce, renderNotFoundPage(lang === 'en' ? 'en' : 'vi', nonce), 404);
      const locale = forms.pickLocale(inbox, lang, c.req.header('accept-language'));
      const page: PageInput = { settings: formSettingsOf(inbox), workspaceName: inbox.workspace_name, locale, nonce };
      return html(c, nonce, renderFormPage(page, { action: `?lang=${locale}`, ticket: forms.signTicket(c.var.deps.secret, inbox.id) }));
    })
    .post('/:token', async (c) => {
      const deps = c.var.deps;
      const nonce = newSecret(12);
      const inbox = await forms.resolveFormInbox(deps, c.req.param('token'));
      const wantsJson = /json/i.test(c.req.header('content-type') ?? '');
      if (!inbox) {
        if (wantsJson) throw new AppError('not_found', 'No such form');
        return html(c, nonce, renderNotFoundPage(c.req.query('lang') === 'en' ? 'en' : 'vi', nonce), 404);
      }
      let locale = forms.pickLocale(inbox, c.req.query('lang'), c.req.header('accept-language'));
      const page: PageInput = { settings: formSettingsOf(inbox), workspaceName: inbox.workspace_name, locale, nonce };
      let input: FormSubmission | null = null;
      try {
        perIp(`ip:${c.var.ip ?? 'unknown'}`);
        perInbox(`inbox:${inbox.id}`);
        input = (await readSubmission(c)).input;
        locale = forms.pickLocale(inbox, c.req.query('lang') ?? input.lang, c.req.header('accept-language'));
        page.locale = locale;
        await forms.submitForm(deps, inbox, input, locale, c.var.ip);
        if (wantsJson) return c.json({ ok: true }, 201);
        return html(c, nonce, renderSuccessPage(page, `?lang=${locale}`));
      } catch (err) {
        if (!(err instanceof AppError) || wantsJson) {
          if (err instanceof AppError && (err.code === 'rate_limited' || err.code === 'payload_too_large')) throw new AppError(err.code, localized(err, locale), err.details);
          throw err;
        }
        const status = errorCodes[err.code] ?? 400;
        if (err.code === 'rate_limited') c.header('retry-after', String((err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60));
        // Shown again with what the visitor wrote and a fresh ticket (the old one may be the problem).
        const values = input ? { name: input.name ?? '', email: input.email ?? '', phone: input.phone ?? '', message: input.message ?? '' } : {};
        return html(c, nonce, renderFormPage(page, { action: `?lang=${locale}`, ticket: forms.signTicket(deps.secret, inbox.id), values, error: localized(err, locale) }), status);
      }
    });
}
