import { useTranslation } from 'react-i18next';
import type { CompensationKindName } from '@careloop/contracts';
import { describeOffer, offerLine, type Formatters } from './cost.ts';
import { formatPoints, formatVnd } from './money.ts';

/** Offers, ledger entries and approvals in words, in the UI language. */
export function useOfferText() {
  const { t, i18n } = useTranslation();
  const fmt: Formatters = { money: (n) => formatVnd(n, i18n.language), number: (n) => formatPoints(n, i18n.language) };
  return {
    money: fmt.money,
    describe: (kind: CompensationKindName, details: Record<string, unknown>) => describeOffer(kind, details, t, fmt),
    line: (kind: CompensationKindName, details: Record<string, unknown>, cost: number) => offerLine(kind, details, cost, t, fmt),
  };
}
