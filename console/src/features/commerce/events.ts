import type { QueryClient } from '@tanstack/react-query';
import type { CompensationSettings, MeDto, RealtimeEvent, WidgetEvent } from '@careloop/contracts';
import { atLeast, mayDecide } from './authority.ts';
import { upsertApproval, upsertImport, upsertLedger } from './cache.ts';
import { commerceKeys } from './keys.ts';
import { presentNotice, type CommerceNotice } from './notices.ts';

type CommerceEvent = Extract<RealtimeEvent, {
  type: 'contact.commerce_changed' | 'approval.requested' | 'approval.decided' | 'compensation.granted' | 'compensation.budget_exceeded' | 'order_import.progress';
}>;
const handled = new Set<string>(['contact.commerce_changed', 'approval.requested', 'approval.decided', 'compensation.granted', 'compensation.budget_exceeded', 'order_import.progress']);

/** Widget events never share these type names, so the type alone tells them apart. */
function isCommerceEvent(event: RealtimeEvent | WidgetEvent): event is CommerceEvent {
  return handled.has(event.type);
}

export interface CommerceEventContext {
  qc: QueryClient;
  me: MeDto;
  notify?: (notice: CommerceNotice) => void;
}

/**
 * Commerce, approval and compensation events into the query cache; returns false for every other event.
 * A `contact.updated` (a merge, a new phone or email) changes which orders and duplicates the contact has:
 * its commerce data is refetched, and false lets the core handler patch the contact as usual.
 */
export function applyCommerceEvent(raw: RealtimeEvent | WidgetEvent, ctx: CommerceEventContext): boolean {
  const { qc, me } = ctx;
  if (raw.type === 'contact.updated' && 'contact' in raw) {
    void qc.invalidateQueries({ queryKey: commerceKeys.orders(raw.contact.id) });
    void qc.invalidateQueries({ queryKey: commerceKeys.loyalty(raw.contact.id) });
    return false;
  }
  if (!isCommerceEvent(raw)) return false;
  const notify = ctx.notify ?? presentNotice;
  const settings = qc.getQueryData<CompensationSettings>(commerceKeys.settings);
  const event = raw;
  switch (event.type) {
    case 'contact.commerce_changed': {
      const what = new Set(event.what);
      if (what.has('orders')) {
        void qc.invalidateQueries({ queryKey: commerceKeys.orders(event.contactId) });
        void qc.invalidateQueries({ queryKey: commerceKeys.suggestions });
      }
      if (what.has('loyalty')) void qc.invalidateQueries({ queryKey: commerceKeys.loyalty(event.contactId) });
      if (what.has('compensation')) {
        // Conversation ledgers are keyed by conversation, not contact: the few cached ones are cheap to refetch.
        void qc.invalidateQueries({ queryKey: commerceKeys.ledgers });
        void qc.invalidateQueries({ queryKey: commerceKeys.suggestions });
      }
      return true;
    }
    case 'approval.requested': {
      // The broadcast carries no viewer-specific abilities: judge locally now, then let the server say.
      const decide = mayDecide(me, event.approval, settings);
      upsertApproval(qc, { ...event.approval, abilities: { decide } }, me);
      void qc.invalidateQueries({ queryKey: commerceKeys.approvals });
      if (decide) notify({ kind: 'approval_requested', approval: event.approval });
      return true;
    }
    case 'approval.decided': {
      upsertApproval(qc, { ...event.approval, abilities: { decide: false } }, me);
      void qc.invalidateQueries({ queryKey: commerceKeys.approvals });
      if (event.approval.compensation) upsertLedger(qc, event.approval.compensation);
      const mine = event.approval.requestedBy.id === me.agent.id;
      const byOther = event.approval.decidedBy?.id !== me.agent.id;
      if (mine && byOther && (event.approval.status === 'approved' || event.approval.status === 'denied')) {
        notify({ kind: 'approval_decided', approval: event.approval });
      }
      return true;
    }
    case 'compensation.granted': {
      const c = event.compensation;
      upsertLedger(qc, c);
      void qc.invalidateQueries({ queryKey: commerceKeys.budget });
      if (c.conversationId) void qc.invalidateQueries({ queryKey: commerceKeys.suggestion(c.conversationId) });
      if (c.kind === 'points' && c.contactId) void qc.invalidateQueries({ queryKey: commerceKeys.loyalty(c.contactId) });
      return true;
    }
    case 'order_import.progress':
      upsertImport(qc, event.orderImport);
      return true;
    case 'compensation.budget_exceeded':
      void qc.invalidateQueries({ queryKey: commerceKeys.budget });
      if (atLeast(me.agent.role, 'supervisor')) notify({ kind: 'budget_exceeded', month: event.month, spent: event.spent, budget: event.budget });
      return true;
  }
}
