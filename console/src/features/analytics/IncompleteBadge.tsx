import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Marks a figure whose period starts within 12 months of the first order in the data: earlier purchases are unknown. */
export function IncompleteBadge({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('analytics.incomplete.help')} multiline w={280} withArrow>
      <Badge size="xs" variant="outline" color="orange" data-testid="incomplete-history" tabIndex={0} style={{ flexShrink: 0 }}>
        {compact ? '*' : t('analytics.incomplete.badge')}
      </Badge>
    </Tooltip>
  );
}
