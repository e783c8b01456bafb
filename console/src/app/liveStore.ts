import { useSyncExternalStore } from 'react';
import type { Viewer, Who } from '@careloop/contracts';

/**
 * Ephemeral, socket-only state (who views, who types). It is not server state to cache or refetch,
 * so it lives here instead of in TanStack Query; a reconnect simply starts empty and refills.
 */
export interface Typist {
  who: Who;
  private: boolean;
  until: number;
}

/** A typing indicator without a "stopped" frame fades after this long. */
const typingTtlMs = 8_000;

const emptyViewers: Viewer[] = [];
const emptyTypists: Typist[] = [];
const viewers = new Map<string, Viewer[]>();
const typists = new Map<string, Typist[]>();
const listeners = new Set<() => void>();
let sweepTimer: ReturnType<typeof setTimeout> | null = null;

function emit(): void {
  for (const listener of listeners) listener();
}

/** Called after every change of viewers or typists. */
export function subscribeLive(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Other agents viewing the conversation (the same array until it changes, as `useSyncExternalStore` needs). */
export function viewersOf(conversationId: string): Viewer[] {
  return viewers.get(conversationId) ?? emptyViewers;
}

/** Who is typing in the conversation right now. */
export function typistsOf(conversationId: string): Typist[] {
  return typists.get(conversationId) ?? emptyTypists;
}

export function setViewers(conversationId: string, list: Viewer[]): void {
  viewers.set(conversationId, list);
  emit();
}

export function setTyping(conversationId: string, who: Who, typing: boolean, isPrivate: boolean): void {
  const current = typists.get(conversationId) ?? emptyTypists;
  const others = current.filter((t) => !(t.who.type === who.type && t.who.id === who.id));
  typists.set(conversationId, typing ? [...others, { who, private: isPrivate, until: Date.now() + typingTtlMs }] : others);
  emit();
  scheduleSweep();
}

export function clearLive(): void {
  viewers.clear();
  typists.clear();
  emit();
}

function scheduleSweep(): void {
  if (sweepTimer) return;
  sweepTimer = setTimeout(() => {
    sweepTimer = null;
    const now = Date.now();
    let changed = false;
    let pending = false;
    for (const [id, list] of typists) {
      const alive = list.filter((t) => t.until > now);
      if (alive.length !== list.length) {
        typists.set(id, alive);
        changed = true;
      }
      if (alive.length > 0) pending = true;
    }
    if (changed) emit();
    if (pending) scheduleSweep();
  }, 1_000);
}

export function useViewers(conversationId: string): Viewer[] {
  return useSyncExternalStore(subscribeLive, () => viewersOf(conversationId));
}

export function useTypists(conversationId: string): Typist[] {
  return useSyncExternalStore(subscribeLive, () => typistsOf(conversationId));
}
