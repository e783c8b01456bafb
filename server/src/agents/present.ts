import type { AgentDto, InvitationDto, TeamDto } from '@careloop/contracts';
import type { Row } from '../platform/db/schema.ts';

export const presentAgent = (row: Row<'agents'>, teamIds: string[] = []): AgentDto => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  avatarUrl: row.avatar_url,
  availability: row.availability,
  teamIds,
  disabled: row.disabled_at !== null,
  emailNotifications: { assigned: row.email_notifications?.assigned ?? true, mentioned: row.email_notifications?.mentioned ?? true },
  routing: { maxOpen: row.max_open, channelLimits: row.channel_limits ?? {}, skills: row.skills ?? [], languages: row.languages ?? [] },
  createdAt: row.created_at.toISOString(),
});

export const presentTeam = (row: Row<'teams'>, agentIds: string[]): TeamDto => ({
  id: row.id, name: row.name, agentIds, routing: row.routing, leadId: row.lead_id, vip: row.vip, businessHours: (row.business_hours ?? null) as TeamDto['businessHours'],
});

export const presentInvitation = (row: Row<'invitations'>, acceptUrl?: string): InvitationDto => ({
  id: row.id,
  email: row.email,
  role: row.role as InvitationDto['role'],
  expiresAt: row.expires_at.toISOString(),
  acceptedAt: row.accepted_at?.toISOString() ?? null,
  ...(acceptUrl ? { acceptUrl } : {}),
});
