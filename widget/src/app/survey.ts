/**
 * The inline survey (issue 8 §1): a survey message (client id `survey:<send id>`) is drawn as a
 * scale the visitor answers in place — `GET /api/widget/surveys/:id`, then `POST …/score` and
 * `POST …/comment` for the follow-up questions. Free of UI: SurveyCard.tsx draws the model's state.
 */
import type { PublicSurveyDto } from '@careloop/contracts';
import type { WidgetLocale } from '../shared/protocol.ts';
import { StateStore } from './state-store.ts';
import { codeOf, errorFromResponse } from './errors.ts';

export type Survey = PublicSurveyDto;

const idPattern = /^survey:(svs_[0-9A-Z]{26})$/;

/** The survey a message carries, from its client id; null for every other message. */
export function surveyIdOf(message: { kind: string; clientId: string | null }): string | null {
  if (message.kind !== 'outgoing' || !message.clientId) return null;
  return idPattern.exec(message.clientId)?.[1] ?? null;
}

export class SurveyClient {
  constructor(
    private readonly inboxToken: string,
    private readonly visitorToken: () => string | null,
    private readonly base = '/api/widget/surveys',
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
  ) {}

  load(id: string, locale: WidgetLocale): Promise<Survey> {
    return this.request('GET', `/${encodeURIComponent(id)}?lang=${locale}`);
  }
  score(id: string, score: number, locale: WidgetLocale): Promise<Survey> {
    return this.request('POST', `/${encodeURIComponent(id)}/score?lang=${locale}`, { score });
  }
  comment(id: string, answers: { questionId: string; text: string }[], locale: WidgetLocale): Promise<Survey> {
    return this.request('POST', `/${encodeURIComponent(id)}/comment?lang=${locale}`, { answers });
  }

  private async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'x-careloop-inbox': this.inboxToken, accept: 'application/json' };
    const token = this.visitorToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.fetcher(this.base + path, { method, headers, credentials: 'omit', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const data: unknown = await response.json().catch(() => null);
    if (!response.ok) throw errorFromResponse(response.status, data);
    return data as T;
  }
}

/** Every value of the scale, lowest first. */
export const scaleValues = (s: Pick<Survey, 'scale'>) => Array.from({ length: s.scale.max - s.scale.min + 1 }, (_, i) => s.scale.min + i);

const faces = ['😞', '😟', '😐', '😊', '😍'];
/** The face for a score: five faces spread over any scale. */
export function faceOf(score: number, s: Pick<Survey, 'scale'>): string {
  const { min, max } = s.scale;
  return faces[Math.round(((score - min) / (max - min)) * (faces.length - 1))]!;
}

/** Arrow keys move along the scale (Home and End jump to its ends); other keys leave focus alone. */
export function nextIndex(index: number, key: string, count: number): number | null {
  switch (key) {
    case 'ArrowRight': case 'ArrowUp': return Math.min(count - 1, index + 1);
    case 'ArrowLeft': case 'ArrowDown': return Math.max(0, index - 1);
    case 'Home': return 0;
    case 'End': return count - 1;
    default: return null;
  }
}

export interface CardState {
  status: 'loading' | 'ready' | 'failed';
  survey: Survey | null;
  busy: boolean;
  /** The last failure's code (`conflict`: someone answered already; `network` …). */
  error: string | null;
  drafts: Record<string, string>;
}

/**
 * One survey card: loads the survey, sends the score the visitor picks (once), then the follow-up
 * answers or a skip. A refusal because it was already answered reloads the survey to show its state.
 */
export class SurveyCardModel extends StateStore<CardState> {
  constructor(private readonly client: Pick<SurveyClient, 'load' | 'score' | 'comment'>, readonly id: string, private locale: WidgetLocale) {
    super({ status: 'loading', survey: null, busy: false, error: null, drafts: {} });
  }

  async load(locale: WidgetLocale = this.locale): Promise<void> {
    this.locale = locale;
    try {
      this.set({ survey: await this.client.load(this.id, locale), status: 'ready', error: null });
    } catch (error) {
      this.set({ status: 'failed', error: codeOf(error) });
    }
  }

  choose(score: number): Promise<void> {
    if (this.state.survey?.state !== 'open') return Promise.resolve();
    return this.run(() => this.client.score(this.id, score, this.locale));
  }

  draft(questionId: string, text: string): void {
    this.set({ drafts: { ...this.state.drafts, [questionId]: text } });
  }

  /** Sends what was written; `skip` sends the questions unanswered (the survey is then complete). */
  finish(skip = false): Promise<void> {
    const survey = this.state.survey;
    if (survey?.state !== 'follow_up') return Promise.resolve();
    const answers = survey.followUps.map((q) => ({ questionId: q.id, text: skip ? '' : (this.state.drafts[q.id] ?? '').trim() }));
    return this.run(() => this.client.comment(this.id, answers, this.locale));
  }

  private async run(call: () => Promise<Survey>): Promise<void> {
    if (this.state.busy) return;
    this.set({ busy: true, error: null });
    try {
      this.set({ survey: await call(), busy: false });
    } catch (error) {
      const code = codeOf(error);
      this.set({ busy: false, error: code });
      if (code !== 'conflict') return;
      await this.load();
      this.set({ error: code }); // shown with the state it reloaded
    }
  }
}
