import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { QueryClient } from '@tanstack/react-query';
import type { ApprovalDto, CompensationDto, OrderImportDto, RealtimeEvent } from '@careloop/contracts';
import { contact, me, queryClient } from '../../testing/fixtures.ts';
import { applyCommerceEvent } from './events.ts';
import { approval, compensation, settings } from './fixtures.ts';
import { commerceKeys } from './keys.ts';
import type { CommerceNotice } from './notices.ts';

const lan = me({ id: 'agent_lan', name: 'Nguyễn Thị Lan', role: 'agent' });
const hoa = me({ id: 'agent_hoa', name: 'Lê Hoa', role: 'agent' });
const minh = me({ id: 'agent_minh', name: 'Trần Minh', role: 'supervisor' });

let qc: QueryClient;
let notify: Mock<(n: CommerceNotice) => void>;
const apply = (event: RealtimeEvent, who = minh) => applyCommerceEvent(event, { qc, me: who, notify });
const list = (status: 'pending' | 'approved' | 'denied' | 'all') => qc.getQueryData<ApprovalDto[]>(commerceKeys.approvalList(status));

beforeEach(() => {
  qc = queryClient();
  notify = vi.fn();
  qc.setQueryData(commerceKeys.settings, settings);
  qc.setQueryData<ApprovalDto[]>(commerceKeys.approvalList('pending'), []);
  qc.setQueryData<ApprovalDto[]>(commerceKeys.approvalList('all'), []);
});
afterEach(() => qc.clear());

describe('approval.requested', () => {
  it('appears in a supervisor\'s pending list at once and notifies them', () => {
    expect(apply({ type: 'approval.requested', approval: approval() })).toBe(true);
    expect(list('pending')!.map((a) => [a.id, a.abilities.decide])).toEqual([['apr_1', true]]);
    expect(list('all')!.map((a) => a.id)).toEqual(['apr_1']);
    expect(notify).toHaveBeenCalledWith({ kind: 'approval_requested', approval: approval() });
  });

  it('does not ask a supervisor whose limit is below the cost', () => {
    apply({ type: 'approval.requested', approval: approval({ cost: 2_000_000 }) });
    expect(list('pending')!.map((a) => [a.id, a.abilities.decide])).toEqual([['apr_1', false]]);
    expect(notify).not.toHaveBeenCalled();
  });

  it('shows the requester their own request without a notice, and other agents nothing', () => {
    apply({ type: 'approval.requested', approval: approval() }, lan);
    expect(list('pending')!.map((a) => a.id)).toEqual(['apr_1']);
    qc.setQueryData<ApprovalDto[]>(commerceKeys.approvalList('pending'), []);
    apply({ type: 'approval.requested', approval: approval() }, hoa);
    expect(list('pending')).toEqual([]);
    expect(notify).not.toHaveBeenCalled();
  });

  it('does not duplicate a request already listed (the HTTP answer came first)', () => {
    apply({ type: 'approval.requested', approval: approval() });
    apply({ type: 'approval.requested', approval: approval() });
    expect(list('pending')!.map((a) => a.id)).toEqual(['apr_1']);
  });

  it('marks the lists stale so the server\'s abilities win', () => {
    apply({ type: 'approval.requested', approval: approval() });
    expect(qc.getQueryState(commerceKeys.approvalList('pending'))!.isInvalidated).toBe(true);
  });
});

describe('approval.decided', () => {
  const granted = compensation({ id: 'cmp_9', approvalId: 'apr_1', approvedByName: 'Trần Minh' });
  const approved = approval({
    status: 'approved', decidedBy: { id: 'agent_minh', name: 'Trần Minh' }, decisionReason: 'OK', compensation: granted,
  });

  beforeEach(() => {
    qc.setQueryData<ApprovalDto[]>(commerceKeys.approvalList('pending'), [approval()]);
    qc.setQueryData<ApprovalDto[]>(commerceKeys.approvalList('all'), [approval()]);
    qc.setQueryData<CompensationDto[]>(commerceKeys.conversationLedger('conv_1'), []);
  });

  it('moves the request out of pending, updates it everywhere else, and tells the requester', () => {
    apply({ type: 'approval.decided', approval: approved }, lan);
    expect(list('pending')).toEqual([]);
    expect(list('all')!.map((a) => [a.id, a.status, a.decisionReason])).toEqual([['apr_1', 'approved', 'OK']]);
    expect(qc.getQueryData<CompensationDto[]>(commerceKeys.conversationLedger('conv_1'))!.map((e) => e.id)).toEqual(['cmp_9']);
    expect(notify).toHaveBeenCalledWith({ kind: 'approval_decided', approval: approved });
  });

  it('tells the requester about a denial with its reason', () => {
    const denied = approval({ status: 'denied', decidedBy: { id: 'agent_minh', name: 'Trần Minh' }, decisionReason: 'Quá cao' });
    apply({ type: 'approval.decided', approval: denied }, lan);
    expect(list('all')![0]!.status).toBe('denied');
    expect(notify).toHaveBeenCalledWith({ kind: 'approval_decided', approval: denied });
  });

  it('does not notify the decider or bystanders, nor the requester about their own cancellation', () => {
    apply({ type: 'approval.decided', approval: approved }, minh);
    apply({ type: 'approval.decided', approval: approved }, hoa);
    apply({ type: 'approval.decided', approval: approval({ status: 'cancelled' }) }, lan);
    expect(notify).not.toHaveBeenCalled();
  });
});

describe('other commerce events', () => {
  it('adds a granted compensation to its conversation\'s ledger once', () => {
    qc.setQueryData<CompensationDto[]>(commerceKeys.conversationLedger('conv_1'), [compensation({ id: 'cmp_old' })]);
    apply({ type: 'compensation.granted', compensation: compensation({ id: 'cmp_new' }) });
    apply({ type: 'compensation.granted', compensation: compensation({ id: 'cmp_new' }) });
    expect(qc.getQueryData<CompensationDto[]>(commerceKeys.conversationLedger('conv_1'))!.map((e) => e.id)).toEqual(['cmp_new', 'cmp_old']);
  });

  it('warns supervisors and admins, not agents, when the budget is exceeded', () => {
    const event: RealtimeEvent = { type: 'compensation.budget_exceeded', month: '2026-03', spent: 10_500_000, budget: 10_000_000 };
    apply(event, lan);
    expect(notify).not.toHaveBeenCalled();
    apply(event, minh);
    expect(notify).toHaveBeenCalledWith({ kind: 'budget_exceeded', month: '2026-03', spent: 10_500_000, budget: 10_000_000 });
  });

  it('refetches what changed for the contact', () => {
    qc.setQueryData(commerceKeys.orders('contact_1'), { pages: [], pageParams: [] });
    qc.setQueryData(commerceKeys.loyalty('contact_1'), { balance: 0 });
    qc.setQueryData(commerceKeys.orders('contact_2'), { pages: [], pageParams: [] });
    apply({ type: 'contact.commerce_changed', contactId: 'contact_1', what: ['orders'] });
    expect(qc.getQueryState(commerceKeys.orders('contact_1'))!.isInvalidated).toBe(true);
    expect(qc.getQueryState(commerceKeys.loyalty('contact_1'))!.isInvalidated).toBe(false);
    expect(qc.getQueryState(commerceKeys.orders('contact_2'))!.isInvalidated).toBe(false);
    apply({ type: 'contact.commerce_changed', contactId: 'contact_1', what: ['loyalty'] });
    expect(qc.getQueryState(commerceKeys.loyalty('contact_1'))!.isInvalidated).toBe(true);
  });

  it('refetches a contact\'s orders after a merge or a new phone, and still lets the core patch the contact', () => {
    qc.setQueryData(commerceKeys.orders('contact_1'), { pages: [], pageParams: [] });
    qc.setQueryData(commerceKeys.loyalty('contact_1'), { balance: 0 });
    expect(apply({ type: 'contact.updated', contact: contact({ id: 'contact_1' }) })).toBe(false);
    expect(qc.getQueryState(commerceKeys.orders('contact_1'))!.isInvalidated).toBe(true);
    expect(qc.getQueryState(commerceKeys.loyalty('contact_1'))!.isInvalidated).toBe(true);
  });

  it('leaves every other event to the core handler', () => {
    expect(applyCommerceEvent({ type: 'agent.availability', agentId: 'agent_lan', availability: 'busy', connected: true }, { qc, me: lan, notify })).toBe(false);
    expect(applyCommerceEvent({ type: 'conversation.status', status: 'resolved' }, { qc, me: lan, notify })).toBe(false);
  });
});

describe('through the core applyEvent', () => {
  it('reaches the cache and the registered notice presenter', async () => {
    const { applyEvent } = await import('../../app/applyEvent.ts');
    const { setNoticePresenter } = await import('./notices.ts');
    const shown: CommerceNotice[] = [];
    const unregister = setNoticePresenter((n) => shown.push(n));
    applyEvent({ type: 'approval.requested', approval: approval() }, { qc, me: minh, notify: vi.fn(), refreshCounts: vi.fn() });
    unregister();
    applyEvent({ type: 'approval.requested', approval: approval({ id: 'apr_2' }) }, { qc, me: minh, notify: vi.fn(), refreshCounts: vi.fn() });
    expect(list('pending')!.map((a) => a.id)).toEqual(['apr_2', 'apr_1']);
    expect(shown.map((n) => n.kind)).toEqual(['approval_requested']);
  });
});

describe('order_import.progress', () => {
  const progress = (over: Partial<OrderImportDto>): OrderImportDto => ({
    id: 'imp_1', preset: 'shopify', fileName: 'orders.csv', dryRun: false, status: 'running', rows: 0, bytes: 0, totalBytes: 1000,
    accepted: 0, rejected: 0, rejections: [], warnings: [], error: null, createdAt: '2026-12-02T10:00:00.000Z', finishedAt: null, ...over,
  });

  it('updates the import in the recent-imports list in place, never back to an earlier snapshot', () => {
    qc.setQueryData<OrderImportDto[]>(commerceKeys.imports, [progress({ id: 'imp_0', status: 'done' })]);
    expect(apply({ type: 'order_import.progress', orderImport: progress({ bytes: 400, rows: 10 }) })).toBe(true);
    apply({ type: 'order_import.progress', orderImport: progress({ bytes: 800, rows: 20 }) });
    apply({ type: 'order_import.progress', orderImport: progress({ bytes: 600, rows: 15 }) }); // late delivery
    const imports = qc.getQueryData<OrderImportDto[]>(commerceKeys.imports)!;
    expect(imports.map((i) => [i.id, i.bytes])).toEqual([['imp_1', 800], ['imp_0', 0]]);
  });
});
