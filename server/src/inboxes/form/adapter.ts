import type { ChannelAdapter } from '../channel.ts';
import { getContactRow } from '../../contacts/service.ts';
import { sendWorkspaceMail } from '../email/outbound.ts';

/**
 * A contact form has no way back of its own: an agent's reply goes to the address the customer
 * left, through the server's notification mail (MAIL_SMTP_URL) or the workspace's email inbox.
 */
export const formAdapter: ChannelAdapter = {
  channel: 'form',
  async send(ctx, delivery) {
    const contact = await getContactRow(ctx, delivery.conversation.contact_id);
    if (!contact.email) return { status: 'failed', error: 'Khách không để lại email / The customer left no email address' };
    const sent = await sendWorkspaceMail(ctx, { to: contact.email, subject: `[#${delivery.conversation.number}] ${delivery.inbox.name}`, text: delivery.message.body });
    return sent ? { status: 'sent' } : { status: 'failed', error: 'Không có máy chủ gửi thư / No mail server is set up (MAIL_SMTP_URL or an email inbox)' };
  },
};
