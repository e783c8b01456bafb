import { Badge } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconFlame } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ConversationStatus, Priority } from '@careloop/contracts';

const priorityColor: Record<Priority, string> = { urgent: 'red', high: 'orange', normal: 'gray', low: 'blue' };
const statusColor: Record<ConversationStatus, string> = { open: 'green', pending: 'yellow', snoozed: 'grape', resolved: 'gray' };

/** Normal priority is the default and says nothing, so it is not shown unless asked. */
export function PriorityBadge({ priority, showNormal = false }: { priority: Priority; showNormal?: boolean }) {
  const { t } = useTranslation();
  if (priority === 'normal' && !showNormal) return null;
  const icon = priority === 'urgent' ? <IconFlame size={10} /> : priority === 'high' ? <IconArrowUp size={10} /> : priority === 'low' ? <IconArrowDown size={10} /> : null;
  return (
    <Badge size="xs" variant="light" color={priorityColor[priority]} leftSection={icon} data-testid="priority-badge">
      {t(`priority.${priority}`)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: ConversationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge size="xs" variant="light" color={statusColor[status]}>
      {t(`status.${status}`)}
    </Badge>
  );
}
