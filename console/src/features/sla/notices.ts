import type { RealtimeEvent } from '@careloop/contracts';

export type SlaCrossed = Extract<RealtimeEvent, { type: 'sla.crossed' }>;

type Presenter = (event: SlaCrossed) => void;
let presenter: Presenter | null = null;

/**
 * The signed-in shell registers how SLA toasts are shown (it has the router and translations), so the
 * realtime handling stays free of React and Mantine. Returns the unregister function.
 */
export function setSlaNoticePresenter(next: Presenter): () => void {
  presenter = next;
  return () => {
    if (presenter === next) presenter = null;
  };
}

export function presentSlaNotice(event: SlaCrossed): void {
  presenter?.(event);
}
