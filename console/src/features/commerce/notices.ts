import type { ApprovalDto } from '@careloop/contracts';

/** What the commerce events want to tell the agent; shown as Mantine notifications by `useCommerceNotices`. */
export type CommerceNotice =
  | { kind: 'approval_requested'; approval: ApprovalDto }
  | { kind: 'approval_decided'; approval: ApprovalDto }
  | { kind: 'budget_exceeded'; month: string; spent: number; budget: number };

type Presenter = (notice: CommerceNotice) => void;
let presenter: Presenter | null = null;

/**
 * The signed-in shell registers how notices are shown (it has the router and translations); realtime
 * handling stays free of React and Mantine so it can be unit-tested. Returns the unregister function.
 */
export function setNoticePresenter(next: Presenter): () => void {
  presenter = next;
  return () => {
    if (presenter === next) presenter = null;
  };
}

export function presentNotice(notice: CommerceNotice): void {
  presenter?.(notice);
}
