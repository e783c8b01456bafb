/**
 * A local fake of an OpenAI-compatible chat-completions endpoint (`POST /v1/chat/completions`), as OpenAI, Ollama
 * or vLLM answer it: `{ id, object: 'chat.completion', created, model, choices: [{ index, message: { role, content },
 * finish_reason }], usage }`. A wrong or missing key (when one is set) gets OpenAI's 401 error object; an unknown
 * model its 404. `answer` decides the text from the request; `failNext` queues raw error answers; `delayNext`
 * holds the next answer. Every request is recorded.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeChatRequest { model: string; messages: { role: string; content: string }[]; max_tokens?: number; authorization: string | null }

export interface FakeOpenAi {
  /** The base URL to configure (ends in /v1). */
  url: string;
  requests: FakeChatRequest[];
  answer: (req: FakeChatRequest) => string;
  failNext(status: number, body: unknown): void;
  delayNext(ms: number): void;
  close(): Promise<void>;
}

export async function startFakeOpenAi(opts: { apiKey: string | null; models: string[] }): Promise<FakeOpenAi> {
  const requests: FakeChatRequest[] = [];
  const failures: { status: number; body: unknown }[] = [];
  let delay = 0;
  const fake: FakeOpenAi = {
    url: '',
    requests,
    // By default: the last line of the question, so a test can see what was sent.
    answer: (req) => `ANSWER ${req.messages.at(-1)?.content.split('\n').at(-1) ?? ''}`,
    failNext: (status, body) => void failures.push({ status, body }),
    delayNext: (ms) => void (delay = ms),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  const error = (status: number, message: string, type: string, code: string | null) => ({ status, body: { error: { message, type, param: null, code } } });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(404, { error: { message: 'Not found', type: 'invalid_request_error', param: null, code: null } });
      let body: { model?: unknown; messages?: unknown; max_tokens?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(400, error(400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null).body);
      }
      const rec: FakeChatRequest = {
        model: String(body.model ?? ''), messages: Array.isArray(body.messages) ? body.messages : [],
        ...(typeof body.max_tokens === 'number' ? { max_tokens: body.max_tokens } : {}), authorization: req.headers.authorization ?? null,
      };
      requests.push(rec);
      if (delay > 0) {
        const wait = delay;
        delay = 0;
        await new Promise((r) => setTimeout(r, wait));
      }
      const failure = failures.shift();
      if (failure) return send(failure.status, failure.body);
      if (opts.apiKey && rec.authorization !== `Bearer ${opts.apiKey}`) {
        const e = error(401, 'Incorrect API key provided: sk-***. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key');
        return send(e.status, e.body);
      }
      if (!opts.models.includes(rec.model)) {
        const e = error(404, `The model \`${rec.model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
        return send(e.status, e.body);
      }
      const content = fake.answer(rec);
      send(200, {
        id: `chatcmpl-${requests.length}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: rec.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
