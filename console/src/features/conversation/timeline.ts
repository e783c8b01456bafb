import type { MessageDto, Page } from '@careloop/contracts';

/**
 * The message cache holds pages newest first, each oldest → newest (see `upsertMessage`). These read it.
 */

/** The whole loaded timeline, oldest first, each message once. */
export function timelineOf(pages: readonly Page<MessageDto>[] | undefined): MessageDto[] {
  const seen = new Set<string>();
  return [...(pages ?? [])].reverse().flatMap((p) => p.items).filter((m) => !seen.has(m.id) && seen.add(m.id));
}

/** `before` for the next older page: the oldest loaded message, while the server says there is more. */
export function olderCursor(oldestPage: Page<MessageDto>): string | null {
  return oldestPage.nextCursor ? (oldestPage.items[0]?.id ?? null) : null;
}
