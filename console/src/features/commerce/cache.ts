import type { QueryClient } from '@tanstack/react-query';
import type { ApprovalDto, CompensationDto, MeDto, OrderImportDto } from '@careloop/contracts';
import { atLeast } from './authority.ts';
import { commerceKeys, type ApprovalFilter } from './keys.ts';

const filters: ApprovalFilter[] = ['pending', 'approved', 'denied', 'all'];

/** Whether the server would list this approval for the agent: supervisors see all, agents their own. */
function visibleTo(me: MeDto, approval: Pick<ApprovalDto, 'requestedBy'>): boolean {
  return atLeast(me.agent.role, 'supervisor') || approval.requestedBy.id === me.agent.id;
}

/** Put a new or changed approval into every cached approvals list it belongs to, and out of the others. */
export function upsertApproval(qc: QueryClient, approval: ApprovalDto, me: MeDto): void {
  const visible = visibleTo(me, approval);
  for (const filter of filters) {
    const belongs = visible && (filter === 'all' || filter === approval.status);
    qc.setQueryData<ApprovalDto[]>(commerceKeys.approvalList(filter), (list) => {
      if (!list) return list;
      const rest = list.filter((a) => a.id !== approval.id);
      if (!belongs) return rest.length === list.length ? list : rest;
      const index = list.findIndex((a) => a.id === approval.id);
      if (index === -1) return [approval, ...list];
      const next = [...list];
      next[index] = approval;
      return next;
    });
  }
}

/** Add a ledger entry to its conversation's and contact's cached ledgers (newest first, no duplicates). */
export function upsertLedger(qc: QueryClient, entry: CompensationDto): void {
  const add = (list: CompensationDto[] | undefined) => (list ? [entry, ...list.filter((e) => e.id !== entry.id)] : list);
  if (entry.conversationId) qc.setQueryData<CompensationDto[]>(commerceKeys.conversationLedger(entry.conversationId), add);
  if (entry.contactId) qc.setQueryData<CompensationDto[]>(commerceKeys.contactLedger(entry.contactId), add);
}

/** Of two snapshots of one import (event, poll), the later: a finished one, else the one further into the file. */
export function laterImport(a: OrderImportDto | null | undefined, b: OrderImportDto | null | undefined): OrderImportDto | null {
  if (!a || !b) return a ?? b ?? null;
  if ((a.status === 'running') !== (b.status === 'running')) return a.status === 'running' ? b : a;
  return b.bytes >= a.bytes ? b : a;
}

/** A progress event replaces its import's entry in the recent-imports list (or starts the list). */
export function upsertImport(qc: QueryClient, dto: OrderImportDto): void {
  qc.setQueryData<OrderImportDto[]>(commerceKeys.imports, (list) => {
    if (!list) return [dto];
    const at = list.findIndex((i) => i.id === dto.id);
    if (at < 0) return [dto, ...list];
    const next = [...list];
    next[at] = laterImport(list[at], dto)!;
    return next;
  });
}
