import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { OfferResultDto } from '@careloop/contracts';
import { useOfferText } from './useOfferText.ts';

/** A short toast after an offer: granted (with what was given) or waiting for a supervisor. */
export function useOfferFeedback() {
  const { t } = useTranslation();
  const { line } = useOfferText();
  return (result: OfferResultDto) => {
    if (result.status === 'granted') {
      const c = result.compensation;
      notifications.show({ color: 'green', title: t('commerce.compensation.granted'), message: line(c.kind, c.details, c.cost) });
    } else {
      const a = result.approval;
      notifications.show({ color: 'yellow', title: t('commerce.approval.status.pending'), message: line(a.kind, a.details, a.cost) });
    }
  };
}
