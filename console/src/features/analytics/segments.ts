import type { CustomerAnalyticsDto, SegmentName } from '@careloop/contracts';

/**
 * One colour per RFM segment, from the best customers (greens) through those slipping away (oranges, reds)
 * to the dormant (grey). Mantine colour names; `segmentFill` gives the matching CSS colour for charts.
 * Names, definitions and suggested actions are in i18n under `analytics.segments.<name>`.
 */
export const segmentColor: Record<SegmentName, string> = {
  champions: 'teal', loyal: 'green', potential: 'lime', new: 'cyan', promising: 'blue',
  need_attention: 'yellow', about_to_sleep: 'orange', at_risk: 'red', cant_lose: 'pink', hibernating: 'gray',
};

export const segmentFill = (segment: SegmentName): string => `var(--mantine-color-${segmentColor[segment]}-6)`;

export type RiskBand = NonNullable<CustomerAnalyticsDto['riskBand']>;
export const riskColor: Record<RiskBand, string> = { low: 'teal', medium: 'yellow', high: 'red' };
