/**
 * The message list as the visitor sees it. Messages come from three places (the POST answer,
 * the socket, the resync fetch after a reconnect), so every merge dedupes by id and by clientId.
 */
import type { WidgetMessageDto } from '@careloop/contracts';
import { imageTypes } from '../../../contracts/src/limits.ts';

export type MessageStatus = 'sent' | 'sending' | 'failed';
export interface ChatMessage extends WidgetMessageDto {
  status: MessageStatus;
}
export type Attachment = WidgetMessageDto['attachments'][number];

export function newClientId(random: () => number = Math.random): string {
  return `c_${Date.now().toString(36)}${random().toString(36).slice(2, 10)}`;
}

/** A visitor message shown at once as 'sending', replaced when the server answers with the same clientId. */
export function optimisticMessage(clientId: string, body: string, attachments: Attachment[], now = new Date()): ChatMessage {
  return {
    id: `local_${clientId}`,
    kind: 'incoming',
    body,
    html: null,
    sender: { type: 'contact', name: null, avatarUrl: null },
    attachments,
    createdAt: now.toISOString(),
    clientId,
    status: 'sending',
  };
}

function byTime(a: ChatMessage, b: ChatMessage): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface MergeResult {
  messages: ChatMessage[];
  /** Server messages that were not in the list before (for unread counts and typing). */
  added: WidgetMessageDto[];
}

/** Server messages replace entries with the same id or clientId; confirmed ones sort by time, pending ones stay last. */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly WidgetMessageDto[]): MergeResult {
  const list = current.slice();
  const added: WidgetMessageDto[] = [];
  for (const message of incoming) {
    const index = list.findIndex((m) => m.id === message.id || (message.clientId !== null && m.clientId === message.clientId));
    const next: ChatMessage = { ...message, status: 'sent' };
    if (index === -1) {
      list.push(next);
      added.push(message);
    } else {
      list[index] = next;
    }
  }
  const confirmed = list.filter((m) => m.status === 'sent').sort(byTime);
  const pending = list.filter((m) => m.status !== 'sent');
  return { messages: confirmed.concat(pending), added };
}

export function setStatus(list: readonly ChatMessage[], id: string, status: MessageStatus): ChatMessage[] {
  return list.map((m) => (m.id === id ? { ...m, status } : m));
}

/** The newest message the server has confirmed: the `after=` cursor for resyncs. */
export function lastConfirmedId(list: readonly ChatMessage[]): string | null {
  for (let i = list.length - 1; i >= 0; i--) {
    const message = list[i];
    if (message && message.status === 'sent') return message.id;
  }
  return null;
}

export function isFromAgent(message: Pick<WidgetMessageDto, 'kind'>): boolean {
  return message.kind === 'outgoing';
}

/**
 * Agent messages after the last one the visitor saw with the widget open. With no mark yet, every
 * agent message counts (a proactive reply); when the mark is no longer in the list, none do.
 */
export function countUnread(list: readonly ChatMessage[], seenId: string | null): number {
  let start = 0;
  if (seenId !== null) {
    const index = list.findIndex((m) => m.id === seenId);
    if (index === -1) return 0;
    start = index + 1;
  }
  return list.slice(start).filter(isFromAgent).length;
}

/** Checked before uploading, so the visitor hears why at once instead of after a failed upload. */
export function attachmentProblem(file: { type: string; size: number }, maxBytes: number): 'unsupported_media_type' | 'payload_too_large' | null {
  if (!(imageTypes as readonly string[]).includes(file.type)) return 'unsupported_media_type';
  return file.size > maxBytes ? 'payload_too_large' : null;
}
