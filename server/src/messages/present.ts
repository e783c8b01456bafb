import type { MessageDto, WidgetMessageDto } from '@careloop/contracts';
import type { Row } from '../platform/db/schema.ts';
import { presentAttachment } from '../attachments/service.ts';

export interface SenderDirectory {
  agents: Map<string, { name: string; avatarUrl: string | null }>;
  contactName: string | null;
}

export function presentMessage(row: Row<'messages'>, attachments: Row<'attachments'>[], senders: SenderDirectory, secret: string): MessageDto {
  const agent = row.sender_type === 'agent' && row.sender_id ? senders.agents.get(row.sender_id) : undefined;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    kind: row.kind,
    sender: {
      type: row.sender_type,
      id: row.sender_id,
      name: row.sender_type === 'agent' ? agent?.name ?? null : row.sender_type === 'contact' ? senders.contactName : null,
    },
    body: row.body,
    html: row.html,
    attachments: attachments.map((a) => presentAttachment(secret, a)),
    deliveryStatus: row.delivery_status as MessageDto['deliveryStatus'],
    deliveryError: row.delivery_error ?? null,
    mentions: row.mentions,
    createdAt: row.created_at.toISOString(),
  };
}

/** What a visitor may see: never notes, never agent emails or ids. */
export function presentWidgetMessage(row: Row<'messages'>, attachments: Row<'attachments'>[], senders: SenderDirectory, secret: string): WidgetMessageDto | null {
  if (row.kind === 'note') return null;
  const agent = row.sender_type === 'agent' && row.sender_id ? senders.agents.get(row.sender_id) : undefined;
  return {
    id: row.id,
    kind: row.kind,
    body: row.body,
    html: row.html,
    sender: {
      type: row.sender_type,
      name: row.sender_type === 'agent' ? agent?.name ?? null : row.sender_type === 'contact' ? senders.contactName : null,
      avatarUrl: agent?.avatarUrl ?? null,
    },
    attachments: attachments.map((a) => {
      const dto = presentAttachment(secret, a);
      return { id: dto.id, filename: dto.filename, contentType: dto.contentType, url: dto.url };
    }),
    createdAt: row.created_at.toISOString(),
    clientId: row.client_id,
  };
}
