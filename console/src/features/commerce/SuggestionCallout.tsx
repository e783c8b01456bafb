import { useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CompensationOfferInput, CompensationSuggestionDto } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useOffer } from './compensationQueries.ts';
import { useOfferFeedback } from './useOfferFeedback.ts';
import { newRequestKey } from '../../lib/requestKey.ts';
import { useOfferText } from './useOfferText.ts';

/** "Offer before they ask": the proposal for a complaint or a late delivery, sent in one click or opened to adjust. */
export function SuggestionCallout({ conversationId, suggestion, onCustomize }: {
  conversationId: string;
  suggestion: CompensationSuggestionDto;
  onCustomize: (offer: CompensationOfferInput) => void;
}) {
  const { t } = useTranslation();
  const offer = useOffer();
  const [idempotencyKey] = useState(newRequestKey);
  const feedback = useOfferFeedback();
  const { describe, money } = useOfferText();
  const { kind, conversationId: _c, orderId: _o, ...details } = suggestion.offer;
  const label = describe(kind, details);

  return (
    <Alert color="teal" p="xs" icon={<IconBulb size={16} aria-hidden />} data-testid="compensation-suggestion" data-kind={kind}
      title={t('commerce.suggestion.title', { offer: label })}>
      <Text size="xs">{t(`commerce.suggestion.trigger.${suggestion.trigger}`)} · {t('commerce.compensation.cost')}: {money(suggestion.cost)}</Text>
      {!suggestion.withinAuthority && <Text size="xs" c="yellow.9">{t('commerce.compensation.needsApproval')}</Text>}
      <ErrorAlert error={offer.error} />
      <Group gap={4} mt={4}>
        <Button size="compact-xs" color="teal" loading={offer.isPending} data-testid="suggestion-offer"
          onClick={() => offer.mutate({ ...suggestion.offer, conversationId, idempotencyKey }, { onSuccess: feedback })}>
          {suggestion.withinAuthority ? t('commerce.suggestion.offer') : t('commerce.compensation.requestApproval')}
        </Button>
        <Button size="compact-xs" variant="subtle" color="teal" onClick={() => onCustomize(suggestion.offer)} data-testid="suggestion-customize">
          {t('commerce.suggestion.customize')}
        </Button>
      </Group>
    </Alert>
  );
}
