import type { CannedResponseDto } from '@careloop/contracts';
import type { Row } from '../platform/db/schema.ts';

export const presentCanned = (row: Row<'canned_responses'>): CannedResponseDto => ({
  id: row.id,
  shortCode: row.short_code,
  title: row.title,
  body: row.body,
  createdAt: row.created_at.toISOString(),
});
