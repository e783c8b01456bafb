import { z } from 'zod';

/**
 * Message triage: what the built-in classifier (server/src/triage) says of one incoming customer
 * message. The label definitions, with examples, are in server/src/triage/corpus/README.md.
 */
export const triageLanguages = ['vi', 'en', 'other'] as const;
export type TriageLanguage = (typeof triageLanguages)[number];
export const triageSentiments = ['negative', 'neutral', 'positive'] as const;
export type TriageSentiment = (typeof triageSentiments)[number];
export const triageUrgencies = ['low', 'normal', 'high'] as const;
export type TriageUrgency = (typeof triageUrgencies)[number];
export const triageIntents = ['order_status', 'late_delivery', 'return_refund', 'product_question', 'complaint', 'payment', 'other'] as const;
export type TriageIntent = (typeof triageIntents)[number];

/** Longer messages are classified on their first this-many characters. */
export const triageMaxChars = 4000;

const probability = z.number().min(0).max(1);
const distribution = <T extends readonly [string, ...string[]]>(labels: T) =>
  z.object(Object.fromEntries(labels.map((l) => [l, probability])) as { [K in T[number]]: typeof probability });

/** The probability of every label of every head (they sum to 1 within a head). */
export const triageScores = z.object({
  language: distribution(triageLanguages),
  sentiment: distribution(triageSentiments),
  urgency: distribution(triageUrgencies),
  intent: distribution(triageIntents),
});
export type TriageScores = z.infer<typeof triageScores>;

export const triageResult = z.object({
  language: z.enum(triageLanguages),
  sentiment: z.enum(triageSentiments),
  /** P(positive) − P(negative), in [-1, 1]. */
  sentimentScore: z.number().min(-1).max(1),
  urgency: z.enum(triageUrgencies),
  intent: z.enum(triageIntents),
  /** The probability of the chosen intent. */
  intentScore: probability,
  scores: triageScores.optional(),
});
export type TriageResult = z.infer<typeof triageResult>;
