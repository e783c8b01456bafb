import type { PublicSurveyDto, SurveyLocale } from '@careloop/contracts';
import { say } from './strings.ts';

/**
 * The public survey page as plain HTML: answerable without JavaScript (every score is a submit
 * button, the comment a form), one inline style block carrying the response's CSP nonce, no script.
 * Every shop-written or customer-written value goes through `esc`.
 */
export const esc = (value: string) =>
  value.replace(/[&<>"'`]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[ch]!);

export const surveyCsp = (nonce: string) =>
  `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

export interface PageBase { shop: string; color: string; locale: SurveyLocale; nonce: string; otherLanguageUrl: string | null }

function shell(p: PageBase, title: string, body: string): string {
  const color = /^#[0-9a-fA-F]{6}$/.test(p.color) ? p.color : '#1c7ed6';
  return `<!doctype html>
<html lang="${p.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style nonce="${esc(p.nonce)}">
*{box-sizing:border-box}body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#212529;background:#f8f9fa}
header{background:${color};color:#fff;padding:16px}header .in,main{max-width:560px;margin:0 auto}header a{color:#fff}
.brand{display:flex;align-items:center;gap:10px;font-weight:700;font-size:1.1rem}.badge{display:inline-grid;place-items:center;width:36px;height:36px;border-radius:8px;background:#fff;color:${color}}
.lang{float:right;font-size:.9rem}main{padding:20px 16px}.card{background:#fff;border:1px solid #e9ecef;border-radius:12px;padding:20px}
h1{font-size:1.3rem;line-height:1.35;margin:0 0 16px}fieldset{border:0;margin:0;padding:0}legend{font-weight:600;margin-bottom:8px}
.scale{display:flex;flex-wrap:wrap;gap:8px}.scale button{min-width:44px;min-height:44px;padding:8px 10px;font:inherit;font-size:1.05rem;border:1px solid #ced4da;border-radius:10px;background:#fff;color:#212529;cursor:pointer}
.scale button:hover,.scale button:focus-visible{border-color:${color};outline:2px solid ${color};outline-offset:1px}
.stars{flex-direction:row-reverse;justify-content:flex-end}.stars button{font-size:1.7rem;line-height:1;color:#adb5bd;border:0;background:none}
.stars button:hover,.stars button:hover~button,.stars button:focus-visible,.stars button:focus-visible~button{color:#f59f00;outline:none}
.faces button{font-size:1.6rem}.stars-ends,.faces-ends{max-width:300px}.ends{display:flex;justify-content:space-between;font-size:.85rem;color:#868e96;margin-top:6px}
.muted{color:#868e96;font-weight:400}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}label{display:block;font-weight:600;margin:12px 0 6px}
textarea{width:100%;min-height:90px;font:inherit;padding:10px;border:1px solid #ced4da;border-radius:8px}
.actions{display:flex;gap:10px;margin-top:14px}.primary{padding:10px 18px;font:inherit;font-weight:600;border:0;border-radius:8px;background:${color};color:#fff;cursor:pointer}
.secondary{padding:10px 18px;font:inherit;border:1px solid #ced4da;border-radius:8px;background:#fff;cursor:pointer}
.ok{padding:14px;border-radius:8px;background:#ebfbee;border:1px solid #b2f2bb}.error{padding:14px;border-radius:8px;background:#fff5f5;border:1px solid #ffc9c9;color:#c92a2a}
.reward{margin-top:14px;padding:14px;border-radius:8px;background:#fff9db;border:1px dashed #fab005}.code{font:700 1.2rem ui-monospace,monospace;letter-spacing:.05em}
</style>
</head>
<body>
<header><div class="in">
${p.otherLanguageUrl ? `<a class="lang" href="${esc(p.otherLanguageUrl)}" hreflang="${p.locale === 'vi' ? 'en' : 'vi'}">${esc(say(p.locale, 'otherLanguage'))}</a>` : ''}
<div class="brand"><span class="badge" aria-hidden="true">${esc([...p.shop.trim()][0]?.toUpperCase() ?? '?')}</span><span>${esc(p.shop)}</span></div>
</div></header>
<main><div class="card">
${body}
</div></main>
</body>
</html>`;
}

const faces = ['😞', '😟', '😐', '😊', '😍'];

function scoreLabel(v: PublicSurveyDto, locale: SurveyLocale, n: number): string {
  if (v.kind === 'csat') return `${n} – ${say(locale, `csat${n}` as 'csat1')}`;
  return String(n);
}

function scaleButtons(v: PublicSurveyDto, locale: SurveyLocale): string {
  const values = Array.from({ length: v.scale.max - v.scale.min + 1 }, (_, i) => v.scale.min + i);
  const display = v.kind === 'csat' ? v.display : 'numbers';
  const button = (n: number) => {
    const label = esc(scoreLabel(v, locale, n));
    const face = display === 'faces' ? faces[Math.round(((n - v.scale.min) / (v.scale.max - v.scale.min)) * 4)]! : null;
    const content = display === 'stars' ? '★' : face ?? String(n);
    return `<button type="submit" name="score" value="${n}" aria-label="${label}" title="${label}">${content}</button>`;
  };
  // Stars are laid out right to left so hovering one lights it and the ones before it (CSS only).
  const ordered = display === 'stars' ? [...values].reverse() : values;
  const ends = v.kind === 'nps' ? [say(locale, 'notLikely'), say(locale, 'veryLikely')] : v.kind === 'ces' ? [say(locale, 'veryHard'), say(locale, 'veryEasy')] : [say(locale, 'csat1'), say(locale, 'csat5')];
  return `<div class="scale ${display}">${ordered.map(button).join('')}</div><div class="ends ${display}-ends" aria-hidden="true"><span>${esc(ends[0]!)}</span><span>${esc(ends[1]!)}</span></div>`;
}

export function renderScoreForm(p: PageBase, v: PublicSurveyDto, action: string, error: string | null = null): string {
  return shell(p, `${say(p.locale, 'survey')} · ${p.shop}`, `${error ? `<div class="error" role="alert">${esc(error)}</div>` : ''}
<form method="post" action="${esc(action)}" accept-charset="utf-8">
<fieldset><legend><h1>${esc(v.question)}</h1><span class="sr">${esc(say(p.locale, 'scoreLabel', { min: v.scale.min, max: v.scale.max }))}</span></legend>
${scaleButtons(v, p.locale)}
</fieldset></form>`);
}

export function renderFollowUpForm(p: PageBase, v: PublicSurveyDto, action: string): string {
  const fields = v.followUps.map((q) => `<label for="a_${esc(q.id)}">${esc(q.label)} <span class="muted">(${esc(say(p.locale, 'optional'))})</span></label>
<textarea id="a_${esc(q.id)}" name="a_${esc(q.id)}" maxlength="2000"></textarea>`).join('\n');
  return shell(p, `${say(p.locale, 'survey')} · ${p.shop}`, `<div class="ok" role="status">${esc(say(p.locale, 'followUpIntro'))}</div>
<form method="post" action="${esc(action)}" accept-charset="utf-8">
${fields}
<div class="actions"><button class="primary" type="submit">${esc(say(p.locale, 'send'))}</button><button class="secondary" type="submit" name="skip" value="1">${esc(say(p.locale, 'skip'))}</button></div>
</form>${rewardBlock(p, v)}`);
}

function rewardBlock(p: PageBase, v: PublicSurveyDto): string {
  if (!v.reward) return '';
  return `<div class="reward"><strong>${esc(say(p.locale, 'rewardTitle'))}</strong><p class="code">${esc(v.reward.code)}</p><p>${esc(v.reward.description)}</p></div>`;
}

/** Thanks after answering; on a later visit the same page says it was already answered. */
export function renderDone(p: PageBase, v: PublicSurveyDto, again: boolean): string {
  return shell(p, `${say(p.locale, 'survey')} · ${p.shop}`, `<div class="ok" role="status">${esc(again ? say(p.locale, 'alreadyAnswered') : v.thanks)}</div>${rewardBlock(p, v)}`);
}

export function renderMessage(p: PageBase, message: string): string {
  return shell(p, `${say(p.locale, 'survey')} · ${p.shop}`, `<div class="error" role="alert">${esc(message)}</div>`);
}
