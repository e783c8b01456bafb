import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.ts';
import { faceOf, nextIndex, scaleValues, SurveyCardModel, SurveyClient, surveyIdOf, type Survey } from './survey.ts';
import { errorText, scoreLabel, surveyText } from './survey-i18n.ts';

const id = 'svs_01J0000000000000000000000A';
const survey = (over: Partial<Survey> = {}): Survey => ({
  id, kind: 'csat', display: 'stars', scale: { min: 1, max: 5 }, question: 'Bạn đánh giá thế nào?', thanks: 'Cảm ơn bạn!',
  state: 'open', score: null, followUps: [], reward: null, ...over,
});

/** A client whose answers follow the server's rules: one score, then one comment. */
function fakeServer() {
  let current = survey();
  const calls: string[] = [];
  const client = {
    load: async () => { calls.push('load'); return current; },
    score: async (_id: string, score: number) => {
      calls.push(`score:${score}`);
      if (current.state !== 'open') throw new ApiError('conflict', 'already', 409);
      current = survey({ state: 'follow_up', score, followUps: [{ id: 'better', label: 'Chúng tôi có thể làm gì tốt hơn?' }] });
      return current;
    },
    comment: async (_id: string, answers: { questionId: string; text: string }[]) => {
      calls.push(`comment:${answers.map((a) => `${a.questionId}=${a.text}`).join(',')}`);
      current = { ...current, state: 'done', reward: { code: 'CL-ABCDEFGHJK', description: 'giảm 20.000 ₫', expiresAt: null } };
      return current;
    },
  };
  return { client, calls, answerElsewhere: () => { current = survey({ state: 'done', score: 4 }); } };
}

describe('survey messages', () => {
  it('are recognised by their client id only on messages from the shop', () => {
    expect(surveyIdOf({ kind: 'outgoing', clientId: `survey:${id}` })).toBe(id);
    expect(surveyIdOf({ kind: 'incoming', clientId: `survey:${id}` })).toBeNull();
    expect(surveyIdOf({ kind: 'outgoing', clientId: 'c_abc' })).toBeNull();
    expect(surveyIdOf({ kind: 'outgoing', clientId: `survey:${id}x` })).toBeNull();
    expect(surveyIdOf({ kind: 'outgoing', clientId: null })).toBeNull();
  });

  it('draw every value of the scale, faces spread over it, with spoken labels in both languages', () => {
    expect(scaleValues({ scale: { min: 0, max: 10 } })).toHaveLength(11);
    expect(scaleValues({ scale: { min: 1, max: 5 } })).toEqual([1, 2, 3, 4, 5]);
    expect([1, 2, 3, 4, 5].map((n) => faceOf(n, { scale: { min: 1, max: 5 } }))).toEqual(['😞', '😟', '😐', '😊', '😍']);
    expect(faceOf(7, { scale: { min: 1, max: 7 } })).toBe('😍');
    expect(scoreLabel('vi', 'csat', 4)).toBe('4 – Hài lòng');
    expect(scoreLabel('en', 'csat', 1)).toBe('1 – Very dissatisfied');
    expect(scoreLabel('en', 'nps', 9)).toBe('9');
    expect(surveyText('en', 'scaleHint', { min: 0, max: 10 })).toBe('Choose from 0 to 10');
    expect(errorText('vi', 'conflict')).toBe('Khảo sát này đã được trả lời.');
    expect(errorText('en', 'teapot')).toBe('Not sent yet, please try again.');
  });

  it('move focus with the arrow keys, Home and End, and leave other keys alone', () => {
    expect(nextIndex(0, 'ArrowRight', 5)).toBe(1);
    expect(nextIndex(4, 'ArrowRight', 5)).toBe(4);
    expect(nextIndex(0, 'ArrowLeft', 5)).toBe(0);
    expect(nextIndex(2, 'Home', 5)).toBe(0);
    expect(nextIndex(2, 'End', 11)).toBe(10);
    expect(nextIndex(2, 'Enter', 5)).toBeNull();
    expect(nextIndex(2, 'Tab', 5)).toBeNull();
  });
});

describe('SurveyCardModel', () => {
  it('loads, sends one score, then the comment, and shows the thank-you gift', async () => {
    const { client, calls } = fakeServer();
    const model = new SurveyCardModel(client, id, 'vi');
    await model.load();
    expect(model.state).toMatchObject({ status: 'ready', survey: { state: 'open' } });
    await model.choose(2);
    expect(model.state.survey).toMatchObject({ state: 'follow_up', score: 2 });
    await model.choose(5); // the scale is gone: nothing is sent
    model.draft('better', '  Giao nhanh hơn  ');
    await model.finish();
    expect(calls).toEqual(['load', 'score:2', 'comment:better=Giao nhanh hơn']);
    expect(model.state.survey).toMatchObject({ state: 'done', reward: { code: 'CL-ABCDEFGHJK' } });
  });

  it('skips the follow-up with empty answers', async () => {
    const { client, calls } = fakeServer();
    const model = new SurveyCardModel(client, id, 'en');
    await model.load();
    await model.choose(5);
    model.draft('better', 'not sent');
    await model.finish(true);
    expect(calls.at(-1)).toBe('comment:better=');
  });

  it('reloads when the survey was answered elsewhere (the email link), and reports failures', async () => {
    const server = fakeServer();
    const model = new SurveyCardModel(server.client, id, 'vi');
    await model.load();
    server.answerElsewhere();
    model.state = { ...model.state, survey: survey() };
    await model.choose(3);
    expect(model.state).toMatchObject({ error: 'conflict', survey: { state: 'done', score: 4 } });

    const broken = new SurveyCardModel({ ...server.client, load: async () => { throw new ApiError('network', 'down', 0); } }, id, 'vi');
    await broken.load();
    expect(broken.state).toMatchObject({ status: 'failed', error: 'network' });
  });
});

describe('SurveyClient', () => {
  it('speaks the widget API with the inbox and visitor tokens, and turns errors into ApiError', async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    const fetcher = (async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      if (url.includes('/comment')) return new Response(JSON.stringify({ error: { code: 'conflict', message: 'already' } }), { status: 409 });
      return new Response(JSON.stringify(survey()), { status: 200 });
    }) as unknown as typeof fetch;
    const client = new SurveyClient('inbox-token', () => 'visitor-token', '/api/widget/surveys', fetcher);
    await client.load(id, 'en');
    await client.score(id, 4, 'vi');
    await expect(client.comment(id, [{ questionId: 'better', text: 'x' }], 'vi')).rejects.toMatchObject({ code: 'conflict', status: 409 });
    expect(requests.map((r) => `${r.init.method} ${r.url}`)).toEqual([
      `GET /api/widget/surveys/${id}?lang=en`, `POST /api/widget/surveys/${id}/score?lang=vi`, `POST /api/widget/surveys/${id}/comment?lang=vi`,
    ]);
    expect(requests[1]!.init.headers).toMatchObject({ 'x-careloop-inbox': 'inbox-token', authorization: 'Bearer visitor-token', 'content-type': 'application/json' });
    expect(requests[1]!.init.body).toBe('{"score":4}');
    expect(requests[0]!.init.credentials).toBe('omit');
  });
});
