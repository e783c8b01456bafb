/**
 * An OpenAI-compatible chat-completions call (`POST <baseUrl>/chat/completions`): OpenAI, Azure-style proxies,
 * Ollama, vLLM, LM Studio. Every failure is an `upstream_failed` AppError naming what went wrong, never the key.
 */
import { AppError } from '../platform/errors.ts';

export interface ChatMessage { role: 'system' | 'user' | 'assistant'; content: string }

export interface CompletionRequest {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Longest answer kept: a draft or a summary, never a book. */
const maxAnswerChars = 8_000;

export async function complete(req: CompletionRequest): Promise<{ text: string; model: string }> {
  const url = `${req.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  let res: Response;
  let body: string;
  try {
    res = await (req.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(req.apiKey ? { authorization: `Bearer ${req.apiKey}` } : {}) },
      body: JSON.stringify({ model: req.model, messages: req.messages, max_tokens: req.maxTokens, temperature: 0.3, stream: false }),
      signal: AbortSignal.timeout(req.timeoutMs ?? 45_000),
    });
    body = await res.text();
  } catch (err) {
    const reason = (err as Error).name === 'TimeoutError' ? 'no answer in time' : (err as Error).message;
    throw new AppError('upstream_failed', `The assistant endpoint could not be reached: ${reason}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = null;
  }
  const o = (json ?? {}) as { choices?: { message?: { content?: unknown } }[]; model?: unknown; error?: { message?: unknown } };
  if (!res.ok) {
    const message = typeof o.error?.message === 'string' ? o.error.message : body.slice(0, 200) || `HTTP ${res.status}`;
    throw new AppError('upstream_failed', `The assistant endpoint answered ${res.status}: ${message}`, { status: res.status });
  }
  const content = o.choices?.[0]?.message?.content;
  if (typeof content !== 'string' || content.trim() === '') throw new AppError('upstream_failed', 'The assistant endpoint gave no text');
  return { text: content.trim().slice(0, maxAnswerChars), model: typeof o.model === 'string' ? o.model : req.model };
}
