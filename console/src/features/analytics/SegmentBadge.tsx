import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SegmentName } from '@careloop/contracts';
import { riskColor, segmentColor, type RiskBand } from './segments.ts';

/** The segment's name in its colour; its definition on hover. */
export function SegmentBadge({ segment, size = 'sm' }: { segment: SegmentName | null; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  if (!segment) return null;
  return (
    <Tooltip label={t(`analytics.segments.${segment}.definition`)} multiline w={260} withArrow>
      <Badge size={size} variant="light" color={segmentColor[segment]} data-testid="segment-badge" data-segment={segment}>
        {t(`analytics.segments.${segment}.name`)}
      </Badge>
    </Tooltip>
  );
}

export function VipBadge({ size = 'sm' }: { size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('analytics.vip.help')} multiline w={240} withArrow>
      <Badge size={size} variant="filled" color="grape" data-testid="vip-badge">{t('analytics.vip.badge')}</Badge>
    </Tooltip>
  );
}

export function RiskBadge({ band, size = 'sm' }: { band: RiskBand | null; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  if (!band) return null;
  return <Badge size={size} variant="light" color={riskColor[band]} data-testid="risk-badge" data-band={band}>{t(`analytics.risk.${band}`)}</Badge>;
}
