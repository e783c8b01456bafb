/**
 * What the evaluator may look at for one event. The caller (the automations subscriber) gathers it
 * once per event; `buildFacts` does the per-event text work once, so each of a hundred rules only
 * compares strings that are already folded.
 */
import { fold, type ChannelType, type ConversationStatus, type Priority, type SegmentName } from '@careloop/contracts';
import type { AutomationTrigger, OrderStatusValue } from '@careloop/contracts';
import type { TriageIntent, TriageLanguage, TriageSentiment, TriageUrgency } from '@careloop/contracts';

export type AttributeValue = string | number | boolean | null;

export interface Facts {
  event: AutomationTrigger;
  /** The conversation the event is about (loop protection counts per conversation); null for contact-only events. */
  conversationId: string | null;
  channel: ChannelType | null;
  /** The customer message as received (NFC). */
  text: string;
  /** `matchKey(text)`: folded, words separated by single spaces, padded with one space on each side. */
  foldedText: string;
  /** From the message triage (server/src/triage); null when the event has no classified message. */
  language: TriageLanguage | null;
  sentiment: TriageSentiment | null;
  intent: TriageIntent | null;
  urgency: TriageUrgency | null;
  priority: Priority | null;
  /** Conversation labels, folded (labels match without regard to case or diacritics). */
  labels: ReadonlySet<string>;
  segment: SegmentName | null;
  vip: boolean;
  businessHours: boolean;
  /** The order's payment, fulfilment and delivery states (the event's order, else the latest). */
  orderStatuses: readonly OrderStatusValue[];
  attributes: Readonly<Record<string, AttributeValue>>;
  /** Integer đồng; null when the contact has no orders we know of. */
  lifetimeSpend: number | null;
  conversationStatus: ConversationStatus | null;
  assigneeId: string | null;
  teamId: string | null;
  surveyScore: number | null;
}

export type FactsInput = Partial<Omit<Facts, 'foldedText' | 'labels'>> & { event: AutomationTrigger; labels?: Iterable<string> };

/**
 * The comparable form of a text: folded (no diacritics, đ→d, lower case) and every run of
 * non-letters/digits turned into one space, padded with a space on both sides. Rule literals go
 * through the same function, so "Hoàn Tiền!!" contains "hoàn tiền", and ` ${word} ` finds a whole
 * word with a plain `includes`, no regular expression per rule.
 */
export function matchKey(input: string): string {
  // ASCII needs no folding beyond lower case (most English messages), and folded Vietnamese is
  // nearly always ASCII, where a plain class is several times faster than a Unicode-property one.
  const folded = ascii.test(input) ? input.toLowerCase() : fold(input);
  const words = (ascii.test(folded) ? folded.replace(/[^a-z0-9]+/g, ' ') : folded.replace(/[^\p{L}\p{N}]+/gu, ' ')).trim();
  return words ? ` ${words} ` : ' ';
}

const ascii = /^[\x00-\x7f]*$/;

/** Inner form of a literal (no padding), as `includes` needs it. */
export const literalKey = (input: string): string => matchKey(input).trim();

export const foldLabel = (label: string): string => fold(label.trim());

export function buildFacts(input: FactsInput): Facts {
  const text = input.text ?? '';
  return {
    event: input.event,
    conversationId: input.conversationId ?? null,
    channel: input.channel ?? null,
    text,
    foldedText: matchKey(text),
    language: input.language ?? null,
    sentiment: input.sentiment ?? null,
    intent: input.intent ?? null,
    urgency: input.urgency ?? null,
    priority: input.priority ?? null,
    labels: new Set(Array.from(input.labels ?? [], foldLabel)),
    segment: input.segment ?? null,
    vip: input.vip ?? false,
    businessHours: input.businessHours ?? false,
    orderStatuses: input.orderStatuses ?? [],
    attributes: input.attributes ?? {},
    lifetimeSpend: input.lifetimeSpend ?? null,
    conversationStatus: input.conversationStatus ?? null,
    assigneeId: input.assigneeId ?? null,
    teamId: input.teamId ?? null,
    surveyScore: input.surveyScore ?? null,
  };
}
