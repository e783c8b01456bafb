import { useMemo, useState } from 'react';
import { fold, type AgentDto, type CannedResponseDto } from '@careloop/contracts';

export type Suggestion =
  | { kind: 'canned'; id: string; canned: CannedResponseDto }
  | { kind: 'mention'; id: string; agent: AgentDto };

export interface Trigger {
  kind: 'canned' | 'mention';
  query: string;
  start: number;
  end: number;
}

// \p{M}: Vietnamese keyboards in "tổ hợp" mode type accents as combining marks (NFD).
const cannedTrigger = /(?:^|\s)\/([\p{L}\p{M}\p{N}_-]*)$/u;
const mentionTrigger = /(?:^|\s)@([\p{L}\p{M}\p{N}_.-]*)$/u;
const maxItems = 8;

/** `/code` at the caret offers canned responses; `@name` (in notes) offers agents. */
export function findTrigger(text: string, caret: number, allowMentions: boolean): Trigger | null {
  const before = text.slice(0, caret);
  const canned = cannedTrigger.exec(before);
  if (canned) return { kind: 'canned', query: canned[1] ?? '', start: caret - (canned[1]?.length ?? 0) - 1, end: caret };
  const mention = allowMentions ? mentionTrigger.exec(before) : null;
  if (mention) return { kind: 'mention', query: mention[1] ?? '', start: caret - (mention[1]?.length ?? 0) - 1, end: caret };
  return null;
}

/**
 * What a trigger offers, accents ignored: canned responses whose short code starts with the query or whose
 * title contains it; enabled agents other than yourself with a name part starting with it.
 */
export function suggestionItems(
  trigger: Pick<Trigger, 'kind' | 'query'>,
  { canned, agents, meId }: { canned: CannedResponseDto[]; agents: AgentDto[]; meId: string },
): Suggestion[] {
  const q = fold(trigger.query);
  if (trigger.kind === 'canned') {
    return canned
      .filter((c) => fold(c.shortCode).startsWith(q) || fold(c.title).includes(q))
      .slice(0, maxItems)
      .map((c) => ({ kind: 'canned', id: c.id, canned: c }));
  }
  return agents
    .filter((a) => !a.disabled && a.id !== meId && fold(a.name).split(/\s+/).some((part) => part.startsWith(q)))
    .slice(0, maxItems)
    .map((a) => ({ kind: 'mention', id: a.id, agent: a }));
}

export function useSuggestions(options: {
  text: string;
  caret: number;
  allowMentions: boolean;
  canned: CannedResponseDto[];
  agents: AgentDto[];
  meId: string;
}) {
  const { text, caret, allowMentions, canned, agents, meId } = options;
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const trigger = findTrigger(text, caret, allowMentions);

  const items = useMemo<Suggestion[]>(
    () => (trigger ? suggestionItems(trigger, { canned, agents, meId }) : []),
    [trigger?.kind, trigger?.query, canned, agents, meId], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const open = trigger !== null && items.length > 0 && dismissedAt !== trigger.start;
  return {
    open,
    trigger,
    items,
    active: Math.min(active, Math.max(0, items.length - 1)),
    setActive,
    move: (delta: number) => setActive((i) => (items.length ? (i + delta + items.length) % items.length : 0)),
    dismiss: () => setDismissedAt(trigger?.start ?? null),
  };
}
