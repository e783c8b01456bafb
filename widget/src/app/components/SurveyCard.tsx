import { createContext } from 'preact';
import { useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { WidgetLocale } from '../../shared/protocol.ts';
import { faceOf, nextIndex, scaleValues, SurveyCardModel, type Survey, type SurveyClient } from '../survey.ts';
import { errorText, scoreLabel, surveyText } from '../survey-i18n.ts';
import './survey.css';

/** The survey client of the chat (controller.surveys), given by App to the message list. */
export const SurveyContext = createContext<SurveyClient | null>(null);

function Scale({ survey, locale, busy, onPick }: { survey: Survey; locale: WidgetLocale; busy: boolean; onPick(n: number): void }) {
  const values = scaleValues(survey);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const [focus, setFocus] = useState(0);
  const display = survey.kind === 'nps' ? 'numbers' : survey.display;
  const ends = survey.kind === 'nps' ? ['npsLow', 'npsHigh'] as const : survey.kind === 'ces' ? ['cesLow', 'cesHigh'] as const : null;
  const onKey = (event: KeyboardEvent, index: number) => {
    const next = nextIndex(index, event.key, values.length);
    if (next === null) return;
    event.preventDefault();
    setFocus(next);
    buttons.current[next]?.focus();
  };
  return (
    <div>
      <div class={`cl-survey-scale cl-survey-${display}`} role="group" aria-label={surveyText(locale, 'scaleHint', survey.scale)}>
        {values.map((n, i) => {
          const label = display === 'stars' ? `${surveyText(locale, 'star', { n })} · ${scoreLabel(locale, survey.kind, n)}` : scoreLabel(locale, survey.kind, n);
          return (
            <button key={n} type="button" ref={(el) => { buttons.current[i] = el; }} class="cl-survey-option" data-testid="survey-option" data-score={n}
              tabIndex={i === focus ? 0 : -1} aria-label={label} title={label} disabled={busy}
              onClick={() => onPick(n)} onKeyDown={(e) => onKey(e, i)} onFocus={() => setFocus(i)}>
              {display === 'stars' ? '★' : display === 'faces' ? faceOf(n, survey) : n}
            </button>
          );
        })}
      </div>
      {ends && <div class="cl-survey-ends" aria-hidden="true"><span>{surveyText(locale, ends[0])}</span><span>{surveyText(locale, ends[1])}</span></div>}
    </div>
  );
}

function FollowUps({ model, survey, locale }: { model: SurveyCardModel; survey: Survey; locale: WidgetLocale }) {
  const first = useRef<HTMLTextAreaElement | null>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <form class="cl-survey-form" onSubmit={(e) => { e.preventDefault(); void model.finish(); }}>
      <p class="cl-survey-chosen" role="status">{surveyText(locale, 'yourScore', { n: survey.score ?? '', max: survey.scale.max })}</p>
      {survey.followUps.map((q, i) => (
        <label key={q.id} class="cl-survey-label">
          <span>{q.label} <span class="cl-muted">({surveyText(locale, 'optional')})</span></span>
          <textarea ref={i === 0 ? first : undefined} data-testid="survey-comment" maxLength={2000} rows={3} value={model.state.drafts[q.id] ?? ''}
            onInput={(e) => model.draft(q.id, e.currentTarget.value)} />
        </label>
      ))}
      <div class="cl-survey-actions">
        <button type="submit" class="cl-button" data-testid="survey-send" disabled={model.state.busy}>{surveyText(locale, 'send')}</button>
        <button type="button" class="cl-link" onClick={() => void model.finish(true)} disabled={model.state.busy}>{surveyText(locale, 'skip')}</button>
      </div>
    </form>
  );
}

function Done({ survey, locale }: { survey: Survey; locale: WidgetLocale }) {
  return (
    <div role="status" data-testid="survey-thanks">
      <p class="cl-survey-thanks">{survey.thanks}</p>
      {survey.reward && (
        <div class="cl-survey-reward">
          <strong>{surveyText(locale, 'reward')}</strong>
          <div class="cl-survey-code" aria-label={`${surveyText(locale, 'copy')} ${survey.reward.code}`}>{survey.reward.code}</div>
          <div>{survey.reward.description}</div>
        </div>
      )}
    </div>
  );
}

/** A survey message drawn in place: stars, faces or numbers, then the follow-up box and a thank-you. */
export function SurveyCard({ id, locale, fallback }: { id: string; locale: WidgetLocale; fallback: string }) {
  const client = useContext(SurveyContext);
  const model = useMemo(() => (client ? new SurveyCardModel(client, id, locale) : null), [client, id]);
  const [, setVersion] = useState(0);
  useEffect(() => {
    if (!model) return undefined;
    const stop = model.subscribe(() => setVersion((n) => n + 1));
    void model.load(locale);
    return stop;
  }, [model, locale]);
  if (!model) return <div class="cl-bubble">{fallback}</div>;
  const { survey, status, busy, error } = model.state;
  return (
    <div class="cl-msg cl-left" data-testid="widget-survey" data-state={survey?.state ?? status}>
      <div class="cl-bubble cl-survey">
        {status === 'loading' && <span class="cl-muted">{surveyText(locale, 'loading')}</span>}
        {status === 'failed' && (
          <span>{surveyText(locale, 'failed')} <button type="button" class="cl-link" onClick={() => void model.load(locale)}>{surveyText(locale, 'retry')}</button></span>
        )}
        {survey && <p class="cl-survey-question">{survey.question}</p>}
        {survey?.state === 'open' && <Scale survey={survey} locale={locale} busy={busy} onPick={(n) => void model.choose(n)} />}
        {survey?.state === 'follow_up' && <FollowUps model={model} survey={survey} locale={locale} />}
        {survey?.state === 'done' && <Done survey={survey} locale={locale} />}
        {survey?.state === 'expired' && <p class="cl-muted">{surveyText(locale, 'expired')}</p>}
        {error && status === 'ready' && <p class="cl-failed" role="alert">{errorText(locale, error)}</p>}
      </div>
    </div>
  );
}
