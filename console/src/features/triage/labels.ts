import { triageIntents, triageLanguages, triageSentiments, triageUrgencies, type ConversationDto } from '@careloop/contracts';

/** The four heads of the triage model, in the order the header shows them, with their labels (`triage.<head>.<label>`). */
export const triageHeads = {
  language: triageLanguages,
  sentiment: triageSentiments,
  intent: triageIntents,
  urgency: triageUrgencies,
} as const;
export type TriageHead = keyof typeof triageHeads;
export const headOrder: TriageHead[] = ['language', 'sentiment', 'intent', 'urgency'];

export type Triage = NonNullable<ConversationDto['triage']>;

/** What deserves colour: an upset customer, a complaint, an urgent ask. Everything else stays grey. */
export function triageColor(head: TriageHead, value: string): string {
  if (head === 'sentiment') return value === 'negative' ? 'red' : value === 'positive' ? 'teal' : 'gray';
  if (head === 'urgency') return value === 'high' ? 'orange' : 'gray';
  if (head === 'intent') return value === 'complaint' ? 'red' : value === 'late_delivery' || value === 'return_refund' ? 'orange' : 'blue';
  return 'gray';
}

/** The conversation's triage with one label corrected (what the console shows until the server's answer lands). */
export function corrected(triage: ConversationDto['triage'], head: TriageHead, value: string): Triage {
  const base: Triage = triage ?? { language: null, sentiment: null, intent: null, urgency: null };
  return { ...base, [head]: value } as Triage;
}
