import type { WorkspaceDto } from '@careloop/contracts';
import type { Row } from '../platform/db/schema.ts';

export const presentWorkspace = (row: Row<'workspaces'>): WorkspaceDto => ({
  id: row.id,
  name: row.name,
  locale: row.locale === 'en' ? 'en' : 'vi',
  timezone: row.timezone,
  createdAt: row.created_at.toISOString(),
});
