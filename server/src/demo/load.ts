import { teamInput, type Role } from '@careloop/contracts';
import type { Ctx, Deps } from '../platform/context.ts';
import { acceptInvitation, createTeam, inviteAgent } from '../agents/service.ts';
import { createCannedResponse } from '../canned/service.ts';
import { addContact } from '../contacts/service.ts';
import { getConversation, updateConversation } from '../conversations/service.ts';
import { listInboxes } from '../inboxes/service.ts';
import { receiveIncoming, sendAgentMessage } from '../messages/service.ts';
import { needsSetup, setupWorkspace } from '../workspaces/service.ts';
import { demoAgents, demoCanned, demoContacts, demoPassword, demoShop, demoTeams, demoThreads, type AgentKey, type DemoThread, type TeamKey } from './data.ts';

export type DemoResult =
  | { created: false }
  | {
    created: true;
    workspaceId: string;
    password: string;
    agents: { name: string; email: string; role: Role }[];
    counts: { agents: number; teams: number; cannedResponses: number; contacts: number; conversations: number };
  };

interface Shop {
  deps: Deps;
  workspaceId: string;
  inboxId: string;
  agents: Map<AgentKey, { id: string; name: string; role: Role }>;
  teams: Map<TeamKey, string>;
  contacts: string[];
}

/** Act as one of the demo agents, exactly as their signed-in console would. */
function as(shop: Shop, key: AgentKey): Ctx {
  const agent = shop.agents.get(key)!;
  return {
    deps: shop.deps, db: shop.deps.db, workspaceId: shop.workspaceId, log: shop.deps.log, ip: null,
    actor: { type: 'agent', id: agent.id, name: agent.name, role: agent.role, via: 'session', scopes: null, sessionId: null },
  };
}

/** Customer messages arrive the way every channel delivers them: as the system, for a contact. */
const channel = (shop: Shop): Ctx => ({ deps: shop.deps, db: shop.deps.db, workspaceId: shop.workspaceId, actor: { type: 'system' }, log: shop.deps.log, ip: null });

async function update(shop: Shop, key: AgentKey, conversationId: string, patch: Omit<Parameters<typeof updateConversation>[2], 'version'>) {
  const ctx = as(shop, key);
  const { version } = await getConversation(ctx, conversationId);
  await updateConversation(ctx, conversationId, { ...patch, version });
}

/**
 * Play one thread through the services: the first customer message opens the conversation, the
 * owner triages it (assignee, team, priority, labels), agents answer and leave notes, and the
 * assignee sets the final status. Timestamps are the services' own `now`.
 */
async function playThread(shop: Shop, thread: DemoThread): Promise<void> {
  let conversationId: string | null = null;
  for (const step of thread.steps) {
    if ('customer' in step) {
      const received = await receiveIncoming(channel(shop), { inboxId: shop.inboxId, contactId: shop.contacts[thread.contact]!, body: step.customer });
      if (!conversationId) {
        conversationId = received.conversationId;
        await update(shop, 'mai', conversationId, {
          labels: thread.labels,
          ...(thread.assignee ? { assigneeId: shop.agents.get(thread.assignee)!.id } : {}),
          ...(thread.team ? { teamId: shop.teams.get(thread.team)! } : {}),
          ...(thread.priority ? { priority: thread.priority } : {}),
        });
      }
    } else {
      if (!conversationId) throw new Error('A demo thread must start with a customer message');
      const kind = 'note' in step ? 'note' : 'outgoing';
      await sendAgentMessage(as(shop, step.agent), conversationId, { kind, body: 'note' in step ? step.note : step.reply, attachmentIds: [], force: false });
    }
  }
  if (!conversationId || thread.status === 'open') return;
  const snoozedUntil = thread.status === 'snoozed' ? new Date(Date.now() + 3 * 86_400_000).toISOString() : undefined;
  await update(shop, thread.assignee ?? 'mai', conversationId, { status: thread.status, ...(snoozedUntil ? { snoozedUntil } : {}) });
}

/**
 * Load the demo shop "Tiệm Hoa Mai" into an empty server, so a first look shows a working inbox.
 * Everything goes through the services (invitations, teams, contacts, channel messages, replies,
 * updates), so every rule, number, audit entry and notification is real. A server that already
 * has a workspace is left untouched.
 */
export async function loadDemo(deps: Deps): Promise<DemoResult> {
  if (!(await needsSetup(deps))) return { created: false };
  const { workspaceId, agentId } = await setupWorkspace(deps, {
    workspaceName: demoShop.name, ownerName: demoShop.ownerName, email: demoShop.ownerEmail, password: demoPassword, locale: 'vi', timezone: 'Asia/Ho_Chi_Minh',
  }, 'cli');
  const shop: Shop = {
    deps, workspaceId, inboxId: '', contacts: [], teams: new Map(),
    agents: new Map([['mai', { id: agentId, name: demoShop.ownerName, role: 'owner' }]]),
  };
  const owner = as(shop, 'mai');
  shop.inboxId = (await listInboxes(owner))[0]!.id;

  for (const agent of demoAgents) {
    const invitation = await inviteAgent(owner, { email: agent.email, role: agent.role, teamIds: [] });
    const token = new URL(invitation.acceptUrl!).searchParams.get('token')!;
    const accepted = await acceptInvitation({ deps, db: deps.db, log: deps.log, ip: null }, { token, name: agent.name, password: demoPassword });
    shop.agents.set(agent.key, { id: accepted.agentId, name: agent.name, role: agent.role });
  }
  for (const team of demoTeams) {
    const created = await createTeam(owner, teamInput.parse({ name: team.name, agentIds: team.members.map((key) => shop.agents.get(key)!.id), routing: 'round_robin' }));
    shop.teams.set(team.key, created.id);
  }
  for (const canned of demoCanned) await createCannedResponse(owner, canned);
  for (const contact of demoContacts) shop.contacts.push((await addContact(owner, contact)).id);
  for (const thread of demoThreads) await playThread(shop, thread);

  return {
    created: true,
    workspaceId,
    password: demoPassword,
    agents: [{ name: demoShop.ownerName, email: demoShop.ownerEmail, role: 'owner' }, ...demoAgents.map(({ name, email, role }) => ({ name, email, role }))],
    counts: {
      agents: shop.agents.size, teams: demoTeams.length, cannedResponses: demoCanned.length, contacts: demoContacts.length, conversations: demoThreads.length,
    },
  };
}
