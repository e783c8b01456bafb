import { systemCtx, type Deps } from '../platform/context.ts';
import { trackPresence } from './presence.ts';
import { refreshReports } from './refresh.ts';

/** A workspace's catch-up (and, at most, about this long of rebuild per run). */
const budgetMs = 40_000;

/**
 * The `reports.refresh` schedule, per workspace: agents' availability is sampled, then the figures
 * catch up (hourly also reconciled). A failure is logged so the other workspaces still run.
 */
export async function refreshWorkspaceReports(deps: Deps, workspaceId: string): Promise<void> {
  const ctx = systemCtx(deps, workspaceId);
  try {
    await trackPresence(ctx);
    await refreshReports(ctx, { budgetMs, reconcile: true });
  } catch (err) {
    deps.log.error('reports: refresh failed', { err, workspaceId });
  }
}
