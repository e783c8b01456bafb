import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { OfferResultDto } from '@careloop/contracts';
import { describeOffer } from './cost.ts';
import { formatVnd } from './money.ts';

/** A short toast after an offer: granted (with what was given) or waiting for a supervisor. */
export function useOfferFeedback() {
  const { t, i18n } = useTranslation();
  const money = (n: number) => formatVnd(n, i18n.language);
  return (result: OfferResultDto) => {
    if (result.status === 'granted') {
      const c = result.compensation;
      notifications.show({ color: 'green', title: t('commerce.compensation.granted'), message: `${describeOffer(c.kind, c.details, t, money)} · ${money(c.cost)}` });
    } else {
      const a = result.approval;
      notifications.show({ color: 'yellow', title: t('commerce.approval.status.pending'), message: `${describeOffer(a.kind, a.details, t, money)} · ${money(a.cost)}` });
    }
  };
}
