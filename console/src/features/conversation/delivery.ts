import type { MessageDto } from '@careloop/contracts';

/** The line under an outgoing message while it is on its way, or after it failed with a reason. */
export type DeliveryNote =
  | { key: 'delivery.note.sending'; tone: 'dimmed' }
  | { key: 'delivery.note.retrying'; tone: 'orange'; error: string }
  | { key: 'delivery.note.failed'; tone: 'red'; error: string };

/**
 * `sending` says so (and why it is retried, when an attempt failed); `failed` says why when the
 * server knows. Delivered, read and sent messages need no words: the tick says it.
 */
export function deliveryNote(m: Pick<MessageDto, 'kind' | 'deliveryStatus' | 'deliveryError'>): DeliveryNote | null {
  if (m.kind !== 'outgoing') return null;
  const error = m.deliveryError?.trim() || null;
  if (m.deliveryStatus === 'sending') return error ? { key: 'delivery.note.retrying', tone: 'orange', error } : { key: 'delivery.note.sending', tone: 'dimmed' };
  if (m.deliveryStatus === 'failed' && error) return { key: 'delivery.note.failed', tone: 'red', error };
  return null;
}
