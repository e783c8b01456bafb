import { describe, expect, it } from 'vitest';
import { deliveryNote } from './delivery.ts';

describe('the delivery line under an outgoing message', () => {
  it('says it is sending, and why it is retried once an attempt failed', () => {
    expect(deliveryNote({ kind: 'outgoing', deliveryStatus: 'sending' })).toEqual({ key: 'delivery.note.sending', tone: 'dimmed' });
    expect(deliveryNote({ kind: 'outgoing', deliveryStatus: 'sending', deliveryError: null })).toEqual({ key: 'delivery.note.sending', tone: 'dimmed' });
    expect(deliveryNote({ kind: 'outgoing', deliveryStatus: 'sending', deliveryError: 'SMTP 451 4.7.1 Try again later ' }))
      .toEqual({ key: 'delivery.note.retrying', tone: 'orange', error: 'SMTP 451 4.7.1 Try again later' });
  });

  it('says why it failed when the server knows, and stays quiet otherwise', () => {
    expect(deliveryNote({ kind: 'outgoing', deliveryStatus: 'failed', deliveryError: 'SMTP 550 5.1.1 No such user' }))
      .toEqual({ key: 'delivery.note.failed', tone: 'red', error: 'SMTP 550 5.1.1 No such user' });
    expect(deliveryNote({ kind: 'outgoing', deliveryStatus: 'failed', deliveryError: '  ' })).toBeNull();
    for (const status of ['sent', 'delivered', 'read'] as const) expect(deliveryNote({ kind: 'outgoing', deliveryStatus: status, deliveryError: 'old' })).toBeNull();
  });

  it('is only for outgoing messages', () => {
    expect(deliveryNote({ kind: 'incoming', deliveryStatus: 'sending' })).toBeNull();
    expect(deliveryNote({ kind: 'note', deliveryStatus: 'failed', deliveryError: 'x' })).toBeNull();
  });
});
