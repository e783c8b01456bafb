import type { Deps } from './platform/context.ts';
import type { JobInfo, QueueDefinition } from './platform/jobs/queue.ts';
import { systemCtx } from './platform/context.ts';
import { deleteExpiredSessions } from './auth/store.ts';
import { wakeSnoozed } from './conversations/service.ts';
import { expirePoints } from './loyalty/service.ts';
import { refreshAfterImport, refreshIfDue } from './analytics/jobs.ts';
import { runFollowups } from './followups/jobs.ts';
import { noteCustomerReply } from './followups/service.ts';
import { listWorkspaceIds } from './workspaces/store.ts';
import { sweepUnusedHelpImages } from './helpcenter/images.ts';
import { forgetHelpSite } from './helpcenter/portal.ts';
import { emailSendQueue, runEmailSend } from './inboxes/email/outbound.ts';
import { pollAllImapInboxes } from './inboxes/email/imap.ts';
import { notifyEmailQueue, runNotifyEmail } from './notifications/email.ts';
import { messagingSendQueue, refreshExpiringTokens, runMessagingSend } from './inboxes/messaging/outbound.ts';
import { startEventProcessor } from './inboxes/messaging/processor.ts';
import { startTelegramPolling } from './inboxes/telegram/polling.ts';
import { deleteProcessedBefore } from './inboxes/messaging/store.ts';
import { runSlaCheck, runSlaEscalate, slaCheckQueue, slaEscalateQueue, sweepSla } from './sla/service.ts';
import { automationsQueue, runAutomations } from './automations/service.ts';
import { runTriageRetrain, triageRetrainQueue, warmUpTriage } from './triage/service.ts';
import { drainQueues, rerouteAwayAgents, routingQueue, runRouting } from './routing/service.ts';
import { runScheduledSend, scheduledSendQueue } from './messages/scheduled.ts';
import { autoResolvePending } from './sla/auto-resolve.ts';
import { runSurveySend, surveySendQueue } from './surveys/dispatch.ts';
import { surveyProcessQueue } from './surveys/answers.ts';
import { runSurveyProcess } from './surveys/process.ts';
import { runSurveyCampaigns } from './surveys/campaigns.ts';
import { refreshWorkspaceReports } from './reports/jobs.ts';

interface Schedule { name: string; everyMs: number; run(deps: Deps): Promise<void> }

/**
 * THE background map: every scheduled job and event subscriber. Jobs are idempotent, so running
 * them on several nodes at once is harmless.
 */
export const schedules: Schedule[] = [
  {
    name: 'conversations.wakeSnoozed',
    everyMs: 30_000,
    async run(deps) {
      for (const { id } of await listWorkspaceIds(deps.db)) await wakeSnoozed(systemCtx(deps, id));
    },
  },
  {
    name: 'loyalty.expirePoints',
    everyMs: 60 * 60_000,
    async run(deps) {
      for (const { id } of await listWorkspaceIds(deps.db)) await expirePoints(systemCtx(deps, id));
    },
  },
  {
    // Nightly: a workspace is refreshed once its last refresh is a day old (checked hourly).
    name: 'analytics.refreshDue',
    everyMs: 60 * 60_000,
    async run(deps) {
      for (const { id } of await listWorkspaceIds(deps.db)) await refreshIfDue(systemCtx(deps, id));
    },
  },
  {
    name: 'followups.run',
    everyMs: 15 * 60_000,
    async run(deps) {
      for (const { id } of await listWorkspaceIds(deps.db)) await runFollowups(systemCtx(deps, id));
    },
  },
  { name: 'email.pollImap', everyMs: 60_000, run: (deps) => pollAllImapInboxes(deps) },
  {
    // The safety net behind the per-conversation `sla.check` timers (a lost job, time spent down).
    name: 'sla.sweep',
    everyMs: 60_000,
    async run(deps) {
      for (const { id } of await listWorkspaceIds(deps.db)) await sweepSla(systemCtx(deps, id));
    },
  },
  // Zalo access tokens live ~25 h: refresh the ones expiring within the hour (single-flight, under a row lock).
  { name: 'messaging.refreshTokens', everyMs: 10 * 60_000, run: (deps) => refreshExpiringTokens(deps) },
  // Processed raw events are kept 30 days for debugging; messages keep the vendor ids that deduplicate.
  { name: 'messaging.deleteProcessedEvents', everyMs: 6 * 60 * 60_000, run: async (deps) => void (await deleteProcessedBefore(deps.db, new Date(Date.now() - 30 * 86_400_000))) },
  {
    // Waiting conversations go to agents who came online or freed a slot; away agents' conversations go back to the queue.
    name: 'routing.drainQueues',
    everyMs: 30_000,
    async run(deps) {
      for (const { id } of await listWorkspaceIds(deps.db)) {
        await rerouteAwayAgents(systemCtx(deps, id));
        await drainQueues(systemCtx(deps, id));
      }
    },
  },
  {
    name: 'sla.autoResolvePending',
    everyMs: 15 * 60_000,
    async run(deps) {
      for (const { id } of await listWorkspaceIds(deps.db)) await autoResolvePending(systemCtx(deps, id));
    },
  },
  { name: 'auth.deleteExpiredSessions', everyMs: 60 * 60_000, run: async (deps) => void (await deleteExpiredSessions(deps.db)) },
  // Article images no article or logo has used for a week since their last upload.
  {
    name: 'helpcenter.sweepUnusedImages',
    everyMs: 6 * 60 * 60_000,
    run: async (deps) => {
      for (const { id } of await listWorkspaceIds(deps.db)) await sweepUnusedHelpImages(systemCtx(deps, id));
    },
  },
  // Report facts and rollups catch up with new messages (hourly: every change, deleted conversations); online time is sampled.
  {
    name: 'reports.refresh',
    everyMs: 60_000,
    async run(deps) {
      for (const { id } of await listWorkspaceIds(deps.db)) await refreshWorkspaceReports(deps, id);
    },
  },
  {
    // NPS campaigns: each due customer once per cooldown (claimed by a unique key), outside quiet hours.
    name: 'surveys.runCampaigns',
    everyMs: 60 * 60_000,
    async run(deps) {
      for (const { id } of await listWorkspaceIds(deps.db)) await runSurveyCampaigns(systemCtx(deps, id));
    },
  },
];

/** Event subscribers (besides the realtime hub, which subscribes in platform/realtime). */
export const subscribers: { name: string; handle(deps: Deps, envelope: import('@careloop/contracts').BusEnvelope): Promise<void> }[] = [
  { name: 'analytics.refreshAfterImport', handle: (deps, envelope) => refreshAfterImport(systemCtx(deps, envelope.workspaceId), envelope.event) },
  { name: 'followups.noteCustomerReply', handle: (deps, envelope) => noteCustomerReply(systemCtx(deps, envelope.workspaceId), envelope.event) },
];

/**
 * Durable job queues (pg-boss): work that must survive a restart and be retried, enqueued inside
 * the transaction that makes it necessary. Every node can enqueue; worker nodes handle them.
 */
export const queues: (Omit<QueueDefinition, 'run'> & { run(deps: Deps, data: any, job: JobInfo): Promise<void> })[] = [
  { ...emailSendQueue, run: runEmailSend },
  { ...messagingSendQueue, run: runMessagingSend },
  { ...notifyEmailQueue, run: (deps, data) => runNotifyEmail(deps, data) },
  { ...slaCheckQueue, run: (deps, data) => runSlaCheck(deps, data) },
  { ...slaEscalateQueue, run: (deps, data) => runSlaEscalate(deps, data) },
  { ...automationsQueue, run: (deps, data, job) => runAutomations(deps, data, job.id) },
  { ...triageRetrainQueue, run: (deps, data) => runTriageRetrain(deps, data) },
  { ...routingQueue, run: (deps, data) => runRouting(deps, data) },
  { ...scheduledSendQueue, run: (deps, data) => runScheduledSend(deps, data) },
  { ...surveySendQueue, run: (deps, data) => runSurveySend(deps, data) },
  { ...surveyProcessQueue, run: (deps, data) => runSurveyProcess(deps, data) },
];

/**
 * What every node does with bus events, web or worker: keep its in-memory caches in step with changes
 * made on other nodes. Returns the unsubscribe.
 */
export function startCacheSubscribers(deps: Deps): () => void {
  return deps.bus.subscribe((envelope) => {
    if (envelope.event.type === 'help_site.updated') forgetHelpSite(envelope.event.publicKey);
  });
}

export async function startWorker(deps: Deps): Promise<() => Promise<void>> {
  setImmediate(() => { try { warmUpTriage(); } catch (err) { deps.log.error('triage model failed to load', { err }); } });
  await deps.jobs.work(queues.map((q) => ({ ...q, run: (data, job) => q.run(deps, data, job) })));
  const timers = schedules.map((job) => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      job.run(deps).catch((err) => deps.log.error(`job ${job.name} failed`, { err })).finally(() => { running = false; });
    }, job.everyMs);
    timer.unref();
    return timer;
  });
  // Stored webhook events (inboxes/messaging): a loop per node, woken by this node's webhooks, polling for the rest.
  const stopProcessor = startEventProcessor(deps);
  // Telegram bots without a webhook (no public HTTPS): long polls, each bot claimed by one worker node at a time.
  const stopPolling = startTelegramPolling(deps);
  const unsubscribe = deps.bus.subscribe((envelope) => {
    for (const s of subscribers) s.handle(deps, envelope).catch((err) => deps.log.error(`subscriber ${s.name} failed`, { err }));
  });
  return async () => {
    timers.forEach(clearInterval);
    unsubscribe();
    await stopPolling();
    await stopProcessor();
  };
}
