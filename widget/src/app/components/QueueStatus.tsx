import type { QueuePositionDto } from '@careloop/contracts';
import type { WidgetLocale } from '../../shared/protocol.ts';
import { queueText } from '../queue.ts';

/** "You are number 3 in line · about 4 min", above the composer while the visitor waits. */
export function QueueStatus({ locale, queue }: { locale: WidgetLocale; queue: QueuePositionDto | null }) {
  const text = queueText(locale, queue);
  return (
    <div class="cl-queue" role="status" aria-live="polite" data-testid="widget-queue">{text}</div>
  );
}
