/**
 * Routing and the queue (issue 7 §2), scheduled sends and triage corrections (§3, §4).
 */
import { z } from 'zod';
import { limits } from './limits.ts';
import { triageIntents, triageLanguages, triageSentiments, triageUrgencies } from './triage.ts';

/** Where a waiting visitor stands: "you are #3, about 4 minutes". Null position: an agent has it. */
export interface QueuePositionDto {
  position: number | null;
  /** Rounded up to whole minutes; null when nobody is online to estimate from. */
  etaMinutes: number | null;
  agentsOnline: number;
}

/** Where conversations go when no rule or VIP routing sends them to a team (null: the unteamed queue). */
export const routingSettingsInput = z.object({ defaultTeamId: z.string().max(64).nullable() });
export type RoutingSettingsDto = z.infer<typeof routingSettingsInput>;

export const scheduleMessageInput = z.object({
  body: z.string().trim().min(1).max(limits.messageChars),
  sendAt: z.string().datetime({ offset: true }),
});
export interface ScheduledMessageDto {
  id: string;
  conversationId: string;
  body: string;
  sendAt: string;
  state: 'scheduled' | 'sent' | 'cancelled' | 'failed';
  error: string | null;
  agentId: string | null;
  createdAt: string;
}

/** An agent relabels the triage of a conversation (its latest customer message): it feeds the training set. */
export const triageCorrectionInput = z.object({
  language: z.enum(triageLanguages).optional(),
  sentiment: z.enum(triageSentiments).optional(),
  urgency: z.enum(triageUrgencies).optional(),
  intent: z.enum(triageIntents).optional(),
}).refine((v) => Object.values(v).some((x) => x !== undefined), 'Give at least one label');
export type TriageCorrectionInput = z.infer<typeof triageCorrectionInput>;

export interface TriageModelDto {
  /** `builtin`: the model shipped with CareLoop; `workspace`: retrained with this shop's corrections. */
  source: 'builtin' | 'workspace';
  corrections: number;
  trainedAt: string | null;
  /** Macro F1 per head on the held-out split, when retrained here. */
  evaluation: Record<string, number> | null;
}
