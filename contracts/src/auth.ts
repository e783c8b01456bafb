import { z } from 'zod';
import { email, locales, password, personName, roles } from './common.ts';
import { businessHoursInput, type BusinessHoursInput } from './sla.ts';

export const setupInput = z.object({
  workspaceName: z.string().trim().min(1).max(120),
  ownerName: personName,
  email,
  password,
  locale: z.enum(locales).default('vi'),
  timezone: z.string().max(64).default('Asia/Ho_Chi_Minh'),
});
export type SetupInput = z.infer<typeof setupInput>;

export const loginInput = z.object({ email, password: z.string().min(1).max(200) });
export type LoginInput = z.infer<typeof loginInput>;

export interface MeDto {
  agent: AgentDto;
  workspace: WorkspaceDto;
  csrfToken: string;
}

export interface WorkspaceDto {
  id: string;
  name: string;
  locale: (typeof locales)[number];
  timezone: string;
  createdAt: string;
}

export interface AgentDto {
  id: string;
  name: string;
  email: string;
  role: (typeof roles)[number];
  avatarUrl: string | null;
  availability: 'online' | 'busy' | 'offline';
  teamIds: string[];
  disabled: boolean;
  /** Which notifications this agent also gets by email. */
  emailNotifications: { assigned: boolean; mentioned: boolean };
  /** Routing: at most this many open conversations (null: no limit), per channel too; skills and languages. */
  routing: AgentRouting;
  createdAt: string;
}
export interface AgentRouting { maxOpen: number | null; channelLimits: Record<string, number>; skills: string[]; languages: string[] }

export const updateProfileInput = z.object({
  name: personName.optional(),
  availability: z.enum(['online', 'busy', 'offline']).optional(),
  emailNotifications: z.object({ assigned: z.boolean(), mentioned: z.boolean() }).optional(),
});

const tag = z.string().trim().toLowerCase().min(1).max(40);
export const agentRoutingInput = z.object({
  maxOpen: z.number().int().min(1).max(500).nullable(),
  channelLimits: z.record(z.string().max(40), z.number().int().min(0).max(500)).refine((r) => Object.keys(r).length <= 20, 'Too many channels'),
  skills: z.array(tag).max(30),
  languages: z.array(z.enum(['vi', 'en'])).max(5),
});

export const updateAgentInput = z.object({
  role: z.enum(roles).optional(),
  disabled: z.boolean().optional(),
  name: personName.optional(),
  routing: agentRoutingInput.optional(),
});

export const inviteInput = z.object({
  email,
  role: z.enum(roles).exclude(['owner']),
  teamIds: z.array(z.string().max(64)).max(20).default([]),
});
export interface InvitationDto {
  id: string;
  email: string;
  role: (typeof roles)[number];
  expiresAt: string;
  acceptedAt: string | null;
  /** Only present in the response that created it. */
  acceptUrl?: string;
}
export const acceptInvitationInput = z.object({ token: z.string().min(10).max(200), name: personName, password });

export const teamRoutingModes = ['manual', 'round_robin', 'load_balanced'] as const;
export const teamInput = z.object({
  name: z.string().trim().min(1).max(80),
  agentIds: z.array(z.string().max(64)).max(500).default([]),
  /** manual: agents take conversations; round_robin: in turn; load_balanced: to whoever has the fewest open. */
  routing: z.enum(teamRoutingModes).default('manual'),
  /** Escalations (SLA breaches) go to the lead. */
  leadId: z.string().max(64).nullable().default(null),
  /** The senior team high-value customers are routed to. */
  vip: z.boolean().default(false),
  /** The team's own opening hours for SLA clocks; null uses the workspace's. */
  businessHours: businessHoursInput.nullable().default(null),
});
/** PATCH: only the fields given change. */
export const teamPatchInput = teamInput.partial();
export interface TeamDto {
  id: string;
  name: string;
  agentIds: string[];
  routing: (typeof teamRoutingModes)[number];
  leadId: string | null;
  vip: boolean;
  businessHours: BusinessHoursInput | null;
}

export const apiTokenScopes = [
  'conversations:read', 'conversations:write', 'contacts:read', 'contacts:write', 'inboxes:read', 'admin',
] as const;
export const apiTokenInput = z.object({
  name: z.string().trim().min(1).max(80),
  scopes: z.array(z.enum(apiTokenScopes)).min(1),
});
export interface ApiTokenDto {
  id: string;
  name: string;
  scopes: string[];
  lastUsedAt: string | null;
  createdAt: string;
  /** Only in the response that created it: shown once, stored hashed. */
  token?: string;
}

export interface AuditEntryDto {
  id: string;
  action: string;
  actor: { type: 'agent' | 'token' | 'system' | 'cli'; id: string | null; name: string | null };
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  createdAt: string;
}
