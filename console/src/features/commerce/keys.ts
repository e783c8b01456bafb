/** Query keys of the commerce feature; everything lives under `['commerce', …]` so one prefix clears it. */
export type ApprovalFilter = 'pending' | 'approved' | 'denied' | 'all';

export const commerceKeys = {
  all: ['commerce'] as const,
  orders: (contactId: string) => ['commerce', 'orders', contactId] as const,
  /** Every contact's loyalty (balance, tier): the programme's rules changed. */
  loyalties: ['commerce', 'loyalty'] as const,
  loyalty: (contactId: string) => ['commerce', 'loyalty', contactId] as const,
  ledgers: ['commerce', 'ledger'] as const,
  conversationLedger: (conversationId: string) => ['commerce', 'ledger', 'conversation', conversationId] as const,
  contactLedger: (contactId: string) => ['commerce', 'ledger', 'contact', contactId] as const,
  suggestions: ['commerce', 'suggestion'] as const,
  suggestion: (conversationId: string) => ['commerce', 'suggestion', conversationId] as const,
  approvals: ['commerce', 'approvals'] as const,
  approvalList: (status: ApprovalFilter) => ['commerce', 'approvals', status] as const,
  settings: ['commerce', 'settings'] as const,
  budget: ['commerce', 'budget'] as const,
  /** Recent CSV imports; `order_import.progress` events update it in place. */
  imports: ['commerce', 'imports'] as const,
};
