import { formFieldLimits, type FormInboxSettings, type Locale } from '@careloop/contracts';
import { t } from '../../platform/i18n.ts';

/**
 * The hosted contact form: plain HTML that works without JavaScript, one column on phones. Every
 * value (shop-written or customer-written) goes through `esc`; the only style block carries the
 * response's CSP nonce, and no script runs on the page.
 */
export const esc = (value: string) =>
  value.replace(/[&<>"'`]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[ch]!);

export interface PageValues { name?: string; email?: string; phone?: string; message?: string }

export interface PageInput {
  settings: FormInboxSettings;
  workspaceName: string;
  locale: Locale;
  nonce: string;
}

/** Content-Security-Policy of the hosted page: nothing but its own nonce'd style, posting back to itself. */
export const pageCsp = (nonce: string) =>
  `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors *`;

function shell(p: PageInput, title: string, body: string): string {
  const color = /^#[0-9a-fA-F]{6}$/.test(p.settings.color) ? p.settings.color : '#1c7ed6';
  return `<!doctype html>
<html lang="${p.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style nonce="${esc(p.nonce)}">
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#212529;background:#f8f9fa}
main{max-width:560px;margin:0 auto;padding:24px 16px}h1{font-size:1.4rem;margin:0 0 8px}p.intro{margin:0 0 16px;color:#495057;white-space:pre-line}
.shop{color:#868e96;font-size:.9rem;margin:0 0 4px}label{display:block;font-weight:600;margin:12px 0 4px}label span{font-weight:400;color:#868e96}
input,textarea{width:100%;padding:10px 12px;font:inherit;border:1px solid #ced4da;border-radius:8px;background:#fff}textarea{min-height:140px;resize:vertical}
input:focus,textarea:focus{outline:2px solid ${color};border-color:${color}}
button{margin-top:16px;width:100%;padding:12px;font:inherit;font-weight:600;color:#fff;background:${color};border:0;border-radius:8px;cursor:pointer}
.error{margin:12px 0;padding:10px 12px;border-radius:8px;background:#fff5f5;color:#c92a2a;border:1px solid #ffc9c9}
.ok{padding:16px;border-radius:8px;background:#ebfbee;border:1px solid #b2f2bb;white-space:pre-line}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}a{color:${color}}
</style>
</head>
<body><main>
${body}
</main></body>
</html>`;
}

export function renderFormPage(p: PageInput, opts: { action: string; ticket: string; values?: PageValues; error?: string | null }): string {
  const { settings: s, locale } = p;
  const v = opts.values ?? {};
  const field = (name: 'name' | 'email' | 'phone', type: string, autocomplete: string) => {
    const required = s.fields[name];
    return `<label for="f-${name}">${esc(t(locale, `form.${name}`))}${required ? '' : ` <span>${esc(t(locale, 'form.optional'))}</span>`}</label>
<input id="f-${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" maxlength="${formFieldLimits[name]}"${required ? ' required' : ''} value="${esc(v[name] ?? '')}">`;
  };
  const body = `<p class="shop">${esc(p.workspaceName)}</p>
<h1>${esc(s.title)}</h1>
${s.intro ? `<p class="intro">${esc(s.intro)}</p>` : ''}
${opts.error ? `<div class="error" role="alert"><strong>${esc(t(locale, 'form.error.title'))}:</strong> ${esc(opts.error)}</div>` : ''}
<form method="post" action="${esc(opts.action)}" accept-charset="utf-8">
<input type="hidden" name="ticket" value="${esc(opts.ticket)}">
<input type="hidden" name="lang" value="${locale}">
<div class="hp" aria-hidden="true"><label for="f-website">${esc(t(locale, 'form.honeypot'))}</label><input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off" value=""></div>
${field('name', 'text', 'name')}
${field('email', 'email', 'email')}
${field('phone', 'tel', 'tel')}
<label for="f-message">${esc(t(locale, 'form.message'))}</label>
<textarea id="f-message" name="message" required maxlength="${formFieldLimits.message}">${esc(v.message ?? '')}</textarea>
<button type="submit">${esc(t(locale, 'form.submit'))}</button>
</form>`;
  return shell(p, s.title, body);
}

export function renderSuccessPage(p: PageInput, againUrl: string): string {
  const message = p.settings.successMessage || t(p.locale, 'form.success');
  return shell(p, `${p.settings.title} — ${t(p.locale, 'form.sent')}`, `<p class="shop">${esc(p.workspaceName)}</p>
<h1>${esc(p.settings.title)}</h1>
<div class="ok" role="status">${esc(message)}</div>
<p><a href="${esc(againUrl)}">${esc(t(p.locale, 'form.again'))}</a></p>`);
}

export function renderNotFoundPage(locale: Locale, nonce: string): string {
  const text = t(locale, 'form.not_found');
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(text)}</title>`
    + `<style nonce="${esc(nonce)}">body{font:16px system-ui,sans-serif;margin:40px 16px;color:#495057}</style></head><body><p>${esc(text)}</p></body></html>`;
}

/**
 * The embed: a few lines that put the hosted page in an iframe right after the script tag
 * (`data-height` sets its height). The URL is JSON-encoded with `<` escaped, so it cannot end the script.
 */
export function embedScript(pageUrl: string, title: string): string {
  const js = (v: string) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `(function(){var s=document.currentScript;if(!s)return;var f=document.createElement('iframe');var l=s.getAttribute('data-lang');
f.src=${js(pageUrl)}+(l?'?lang='+encodeURIComponent(l):'');f.title=${js(title)};f.loading='lazy';
f.style.cssText='display:block;width:100%;max-width:560px;border:0;height:'+(parseInt(s.getAttribute('data-height')||'',10)||720)+'px';
s.parentNode.insertBefore(f,s.nextSibling);})();
`;
}
