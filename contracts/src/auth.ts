import { z } from 'zod';
import { email, locales, password, personName, roles } from './common.ts';

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
  createdAt: string;
}

export const updateProfileInput = z.object({
  name: personName.optional(),
  availability: z.enum(['online', 'busy', 'offline']).optional(),
  emailNotifications: z.object({ assigned: z.boolean(), mentioned: z.boolean() }).optional(),
});

export const updateAgentInput = z.object({
  role: z.enum(roles).optional(),
  disabled: z.boolean().optional(),
  name: personName.optional(),
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

export const teamInput = z.object({
  name: z.string().trim().min(1).max(80),
  agentIds: z.array(z.string().max(64)).max(500).default([]),
});
export interface TeamDto { id: string; name: string; agentIds: string[] }

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
