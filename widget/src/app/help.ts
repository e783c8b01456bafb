/**
 * Help-center articles suggested while the visitor types (issue 8 §2): `GET /api/widget/help/suggest`
 * after a pause in typing, and `POST /api/widget/help/deflection` when one is opened. A visitor who
 * finds the answer there needs no conversation; the console counts those as deflected.
 */
import type { HelpSuggestionDto } from '@careloop/contracts';
import type { WidgetLocale } from '../shared/protocol.ts';
import { errorFromResponse } from './errors.ts';

export type Suggestion = HelpSuggestionDto;

/** Fewer than this many characters say too little to search on. */
export const minQueryChars = 3;
export const suggestDelayMs = 250;
export const maxSuggestions = 3;
const maxQueryChars = 200;

export class HelpClient {
  constructor(
    private readonly inboxToken: string,
    private readonly visitorToken: () => string | null,
    private readonly base = '/api/widget/help',
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
  ) {}

  async suggest(q: string, locale: WidgetLocale, signal?: AbortSignal): Promise<Suggestion[]> {
    const url = `${this.base}/suggest?q=${encodeURIComponent(q)}&lang=${locale}`;
    const response = await this.fetcher(url, { headers: { 'x-careloop-inbox': this.inboxToken, accept: 'application/json' }, credentials: 'omit', ...(signal ? { signal } : {}) });
    const data: unknown = await response.json().catch(() => null);
    if (!response.ok) throw errorFromResponse(response.status, data);
    return Array.isArray(data) ? (data as Suggestion[]) : [];
  }

  /** Fire and forget: the visitor is already reading the article; keepalive lets it finish regardless. */
  deflect(articleId: string): void {
    const headers: Record<string, string> = { 'x-careloop-inbox': this.inboxToken, 'content-type': 'application/json' };
    const token = this.visitorToken();
    if (token) headers.authorization = `Bearer ${token}`;
    this.fetcher(`${this.base}/deflection`, { method: 'POST', headers, body: JSON.stringify({ articleId, source: 'widget' }), credentials: 'omit', keepalive: true })
      .catch(() => undefined);
  }
}

/** What is searched for: trimmed, single spaces, at most 200 characters. */
export const suggestionQuery = (text: string) => text.trim().replace(/\s+/g, ' ').slice(0, maxQueryChars);

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}
const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

/**
 * Keystrokes → suggestions: waits `suggestDelayMs` after the last keystroke, asks only for 3+
 * characters, aborts the request a newer query replaced, and remembers recent answers (backspacing
 * shows them again without asking). Errors show nothing: suggestions are a help, never in the way.
 */
export class SuggestionWatcher {
  private timer: unknown = null;
  private inflight: AbortController | null = null;
  private query = '';
  private showing = false;
  private readonly cache = new Map<string, Suggestion[]>();

  constructor(
    private readonly load: (q: string, signal: AbortSignal) => Promise<Suggestion[]>,
    private readonly show: (list: Suggestion[]) => void,
    private readonly timers: Timers = realTimers,
  ) {}

  input(text: string): void {
    const q = suggestionQuery(text);
    if (q === this.query) return;
    this.query = q;
    this.cancel();
    if (q.length < minQueryChars) return this.display([]);
    const cached = this.cache.get(q);
    if (cached) return this.display(cached);
    this.timer = this.timers.set(() => this.fetch(q), suggestDelayMs);
  }

  /** The visitor closed the list: hidden until what they type changes. */
  dismiss(): void {
    this.cancel();
    this.display([]);
  }

  dispose(): void {
    this.cancel();
  }

  private fetch(q: string): void {
    this.timer = null;
    const controller = new AbortController();
    this.inflight = controller;
    this.load(q, controller.signal).then(
      (list) => {
        if (controller.signal.aborted) return;
        const top = list.slice(0, maxSuggestions);
        this.remember(q, top);
        this.display(top);
      },
      () => {
        if (!controller.signal.aborted) this.display([]);
      },
    ).finally(() => {
      if (this.inflight === controller) this.inflight = null;
    });
  }

  private cancel(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.inflight?.abort();
    this.inflight = null;
  }

  private remember(q: string, list: Suggestion[]): void {
    if (this.cache.size >= 20) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(q, list);
  }

  private display(list: Suggestion[]): void {
    if (!list.length && !this.showing) return;
    this.showing = list.length > 0;
    this.show(list);
  }
}

export type SnippetPart = { text: string; mark: boolean };

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (s: string) => s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
  if (name[0] === '#') {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
  }
  return entities[name.toLowerCase()] ?? whole;
});

/**
 * The server's snippet ("escaped text with the matched words in <mark>") as text parts, so the widget
 * renders it with no HTML at all: anything but <mark> is dropped, entities become characters.
 */
export function snippetParts(html: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let mark = false;
  for (const piece of html.split(/(<\/?mark>)/i)) {
    if (/^<mark>$/i.test(piece)) mark = true;
    else if (/^<\/mark>$/i.test(piece)) mark = false;
    else {
      const text = decode(piece.replace(/<[^>]*>?/g, ''));
      if (text) parts.push({ text, mark });
    }
  }
  return parts;
}

/**
 * Suggestions help before a question is asked: not while the visitor is in a conversation
 * (their newest message, or the agent's, is under 30 minutes old).
 */
export function wantsSuggestions(messages: readonly { createdAt: string }[], now = Date.now()): boolean {
  const newest = messages[messages.length - 1];
  return !newest || now - Date.parse(newest.createdAt) > 30 * 60_000;
}
