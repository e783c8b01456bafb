import type { AuditEntryDto } from '@careloop/contracts';
import type { Row } from '../platform/db/schema.ts';

export function presentAuditEntry(row: Row<'audit_log'>): AuditEntryDto {
  return {
    id: row.id,
    action: row.action,
    actor: { type: row.actor_type as AuditEntryDto['actor']['type'], id: row.actor_id, name: row.actor_name },
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details,
    ip: row.ip,
    createdAt: row.created_at.toISOString(),
  };
}
