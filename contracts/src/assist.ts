import { z } from 'zod';

/**
 * The optional assistant: an OpenAI-compatible chat-completions endpoint the owner configures (base URL, model,
 * key), used for reply drafts and conversation summaries. Off until the owner turns it on: nothing leaves the
 * server before that (cross-border data transfer has legal duties, shared/specs/vietnam.md).
 */
export const assistSettingsInput = z.object({
  enabled: z.boolean(),
  /** Up to the API version, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1` (Ollama). */
  baseUrl: z.string().trim().max(500).url().refine((u) => /^https?:\/\//i.test(u), 'an http(s) URL'),
  model: z.string().trim().min(1).max(200),
  /** Write-only: left out keeps the stored key, null removes it (endpoints on the same machine may need none). */
  apiKey: z.string().trim().min(1).max(500).nullable().optional(),
  drafts: z.boolean(),
  summaries: z.boolean(),
});
export type AssistSettingsInput = z.infer<typeof assistSettingsInput>;

export interface AssistSettingsDto {
  enabled: boolean;
  drafts: boolean;
  summaries: boolean;
  /** Admins only (agents see what is on, not where it goes). */
  baseUrl?: string;
  model?: string;
  hasApiKey?: boolean;
  updatedAt: string | null;
}

/** A draft or a summary: the text, and which model wrote it. */
export interface AssistTextDto {
  text: string;
  model: string;
}

export interface AssistCheckDto {
  ok: boolean;
  model: string;
  error: string | null;
}
