import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './errors.ts';
import { HelpClient, SuggestionWatcher, snippetParts, suggestionQuery, wantsSuggestions, type Suggestion } from './help.ts';
import { translate } from './i18n.ts';

const suggestion = (n: number): Suggestion => ({
  articleId: `hca_${n}`, title: `Bài ${n}`, snippetHtml: `… <mark>đổi trả</mark> ${n}`, url: `https://shop.example/help/k/a/bai-${n}?lang=vi`,
});

/** A loader whose answers the test releases by hand, recording each query and its abort signal. */
function manualLoader() {
  const calls: { q: string; signal: AbortSignal; resolve: (list: Suggestion[]) => void; reject: (e: unknown) => void }[] = [];
  const load = (q: string, signal: AbortSignal) => new Promise<Suggestion[]>((resolve, reject) => calls.push({ q, signal, resolve, reject }));
  return { calls, load };
}

describe('SuggestionWatcher', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('asks once the visitor pauses for 250 ms, with the last text only', async () => {
    const { calls, load } = manualLoader();
    const shown: Suggestion[][] = [];
    const watcher = new SuggestionWatcher(load, (l) => shown.push(l));
    for (const text of ['d', 'do', 'doi', 'doi ', 'doi t', 'doi tr']) {
      watcher.input(text);
      vi.advanceTimersByTime(100);
    }
    expect(calls).toHaveLength(0);
    vi.advanceTimersByTime(150);
    expect(calls.map((c) => c.q)).toEqual(['doi tr']);
    calls[0]!.resolve([1, 2, 3, 4, 5].map(suggestion));
    await vi.runAllTimersAsync();
    expect(shown).toEqual([[1, 2, 3].map(suggestion)]); // at most three
  });

  it('needs three characters, and clears what it showed when the text gets shorter', async () => {
    const { calls, load } = manualLoader();
    const shown: Suggestion[][] = [];
    const watcher = new SuggestionWatcher(load, (l) => shown.push(l));
    watcher.input('  do  ');
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(0);
    expect(shown).toEqual([]); // nothing was shown, nothing to clear
    watcher.input('đổi');
    vi.advanceTimersByTime(250);
    calls[0]!.resolve([suggestion(1)]);
    await vi.runAllTimersAsync();
    watcher.input('đổ');
    expect(shown).toEqual([[suggestion(1)], []]);
  });

  it('aborts the request a newer query replaced and ignores its late answer', async () => {
    const { calls, load } = manualLoader();
    const shown: Suggestion[][] = [];
    const watcher = new SuggestionWatcher(load, (l) => shown.push(l));
    watcher.input('doi tra');
    vi.advanceTimersByTime(250);
    watcher.input('doi tra hang');
    expect(calls[0]!.signal.aborted).toBe(true);
    vi.advanceTimersByTime(250);
    calls[1]!.resolve([suggestion(2)]);
    calls[0]!.resolve([suggestion(1)]);
    await vi.runAllTimersAsync();
    expect(shown).toEqual([[suggestion(2)]]);
  });

  it('shows a recent answer again without asking, and nothing when the server fails', async () => {
    const { calls, load } = manualLoader();
    const shown: Suggestion[][] = [];
    const watcher = new SuggestionWatcher(load, (l) => shown.push(l));
    watcher.input('giao hang');
    vi.advanceTimersByTime(250);
    calls[0]!.resolve([suggestion(1)]);
    await vi.runAllTimersAsync();
    watcher.input('giao hang x');
    vi.advanceTimersByTime(250);
    calls[1]!.reject(new ApiError('rate_limited', 'slow down', 429));
    await vi.runAllTimersAsync();
    watcher.input('giao hang');
    expect(calls).toHaveLength(2);
    expect(shown).toEqual([[suggestion(1)], [], [suggestion(1)]]);
  });

  it('stays hidden after the visitor closes it, until the text changes', async () => {
    const { calls, load } = manualLoader();
    const shown: Suggestion[][] = [];
    const watcher = new SuggestionWatcher(load, (l) => shown.push(l));
    watcher.input('doi tra');
    vi.advanceTimersByTime(250);
    calls[0]!.resolve([suggestion(1)]);
    await vi.runAllTimersAsync();
    watcher.dismiss();
    watcher.input('doi tra ');
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual([[suggestion(1)], []]);
    watcher.input('doi tra hang');
    watcher.dispose();
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(1);
  });
});

describe('HelpClient', () => {
  it('asks for suggestions with the inbox token, the language and no cookies', async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    const client = new HelpClient('wt_1', () => 'vt_1', '/api/widget/help', async (url, init) => {
      requests.push({ url: String(url), init: init ?? {} });
      return Response.json([suggestion(1)]);
    });
    const signal = new AbortController().signal;
    expect(await client.suggest('đổi trả & hoàn tiền', 'vi', signal)).toEqual([suggestion(1)]);
    expect(requests[0]!.url).toBe('/api/widget/help/suggest?q=%C4%91%E1%BB%95i%20tr%E1%BA%A3%20%26%20ho%C3%A0n%20ti%E1%BB%81n&lang=vi');
    expect(requests[0]!.init).toMatchObject({ credentials: 'omit', signal, headers: { 'x-careloop-inbox': 'wt_1' } });
    expect((requests[0]!.init.headers as Record<string, string>).authorization).toBeUndefined(); // asked at every pause: no visitor lookup
  });

  it('turns a refusal into an ApiError', async () => {
    const client = new HelpClient('wt_1', () => null, '/api/widget/help', async () => Response.json({ error: { code: 'origin_not_allowed', message: 'no' } }, { status: 403 }));
    await expect(client.suggest('doi tra', 'en')).rejects.toMatchObject({ code: 'origin_not_allowed', status: 403 });
  });

  it('reports an opened suggestion for the visitor when known, and anonymously otherwise', async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    let token: string | null = 'vt_1';
    const client = new HelpClient('wt_1', () => token, '/api/widget/help', async (url, init) => {
      requests.push({ url: String(url), init: init ?? {} });
      return Response.json({ ok: true }, { status: 201 });
    });
    client.deflect('hca_1');
    token = null;
    client.deflect('hca_2');
    await Promise.resolve();
    expect(requests.map((r) => [r.url, r.init.method, r.init.body, r.init.keepalive])).toEqual([
      ['/api/widget/help/deflection', 'POST', '{"articleId":"hca_1","source":"widget"}', true],
      ['/api/widget/help/deflection', 'POST', '{"articleId":"hca_2","source":"widget"}', true],
    ]);
    expect(requests.map((r) => (r.init.headers as Record<string, string>).authorization)).toEqual(['Bearer vt_1', undefined]);
  });
});

describe('snippets and when to suggest', () => {
  it('renders the server snippet as text parts: marks kept, entities decoded, any other tag dropped', () => {
    expect(snippetParts('Bạn được <mark>đổi trả</mark> trong 7 ngày &amp; &lt;b&gt;miễn phí&lt;/b&gt;')).toEqual([
      { text: 'Bạn được ', mark: false }, { text: 'đổi trả', mark: true }, { text: ' trong 7 ngày & <b>miễn phí</b>', mark: false },
    ]);
    expect(snippetParts('<img src=x onerror=alert(1)>an <MARK>toàn</MARK>&#39;&#x41;')).toEqual([{ text: 'an ', mark: false }, { text: 'toàn', mark: true }, { text: "'A", mark: false }]);
    expect(suggestionQuery('  đổi   trả\nhàng ')).toBe('đổi trả hàng');
    expect(suggestionQuery('x'.repeat(300))).toHaveLength(200);
  });

  it('suggests before a question is asked, not in the middle of a conversation', () => {
    const now = Date.UTC(2026, 2, 1, 9);
    expect(wantsSuggestions([], now)).toBe(true);
    expect(wantsSuggestions([{ createdAt: new Date(now - 5 * 60_000).toISOString() }], now)).toBe(false);
    expect(wantsSuggestions([{ createdAt: new Date(now - 2 * 3600_000).toISOString() }], now)).toBe(true);
  });

  it('words the list in both languages', () => {
    expect(translate('vi', 'helpSuggested')).toBe('Có thể bạn cần');
    expect(translate('en', 'helpCount', { count: 1, n: 1 })).toBe('1 article may help you');
    expect(translate('en', 'helpCount', { count: 3, n: 3 })).toBe('3 articles may help you');
    expect(translate('vi', 'helpCount', { count: 3, n: 3 })).toBe('Có 3 bài viết có thể giúp bạn');
  });
});
