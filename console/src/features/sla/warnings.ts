import { useSyncExternalStore } from 'react';

/**
 * Warning crossings the server announced (`sla.crossed` kind `warning`), by conversation and due time.
 * The DTO has no "warned" flag, so the chips learn it here and turn amber even when the policy warns
 * earlier than the console's own 20 % rule. Socket-only state, like the live store.
 */
const warned = new Map<string, Set<string>>();
const listeners = new Set<() => void>();
let version = 0;

const instant = (iso: string) => String(Date.parse(iso));

export function markSlaWarned(conversationId: string, dueAt: string): void {
  const set = warned.get(conversationId) ?? new Set<string>();
  if (set.has(instant(dueAt))) return;
  set.add(instant(dueAt));
  warned.set(conversationId, set);
  version++;
  for (const l of listeners) l();
}

export function wasSlaWarned(conversationId: string, dueAt: string | null): boolean {
  return dueAt !== null && (warned.get(conversationId)?.has(instant(dueAt)) ?? false);
}

export function clearSlaWarnings(): void {
  warned.clear();
  version++;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders the caller when a warning arrives (any conversation: they are rare). */
export function useSlaWarnings(): number {
  return useSyncExternalStore(subscribe, () => version, () => version);
}
