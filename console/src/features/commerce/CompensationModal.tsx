import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { compensationKinds, firstNameOf, type CompensationOfferInput } from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { useContact } from '../contacts/queries.ts';
import { limitFor, needsApproval } from './authority.ts';
import { useCompensationSettings, useOffer } from './compensationQueries.ts';
import { buildOffer, draftFromOffer, emptyDraft, estimateCost, type OfferDraft } from './cost.ts';
import { formatMinor, formatVnd } from './money.ts';
import { OfferFields } from './OfferFields.tsx';
import { orderLabel } from './OrderRow.tsx';
import { latestOrder, loadedOrders, useContactOrders } from './queries.ts';
import { newRequestKey } from '../../lib/requestKey.ts';
import { useOfferFeedback } from './useOfferFeedback.ts';

interface Props {
  conversationId: string;
  contactId: string;
  /** A suggested offer to start from. */
  initial?: CompensationOfferInput | null;
  onClose: () => void;
}

/** "Bù đắp / Make it right": pick a kind, size it, link an order, say why. Above the agent's limit it goes for approval. */
export function CompensationModal({ conversationId, contactId, initial, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const settings = useCompensationSettings();
  const contact = useContact(contactId);
  const orders = useContactOrders(contactId);
  const offer = useOffer();
  const feedback = useOfferFeedback();
  const list = loadedOrders(orders.data);
  const latest = latestOrder(list);

  // The apology and the linked order follow the contact and their orders as they load, until the agent edits them
  // (a suggested offer counts as edited for what it sets).
  const [edits, setEdits] = useState<OfferDraft>(() => (initial ? draftFromOffer(initial) : emptyDraft()));
  const [edited, setEdited] = useState(() => ({ message: initial?.kind === 'apology', orderId: Boolean(initial?.orderId) }));
  // The apology is written to the customer: in their language (else the workspace's), addressed by given name.
  const locale = contact.data?.locale ?? me.workspace.locale;
  const name = contact.data?.firstName ?? firstNameOf(contact.data?.name, locale);
  const fixed = i18n.getFixedT(locale);
  const apology = fixed('commerce.compensation.apologyTemplate', { name: name ?? fixed('commerce.compensation.customer'), shop: me.workspace.name });
  const draft: OfferDraft = {
    ...edits,
    message: edited.message ? edits.message : apology,
    orderId: edited.orderId ? edits.orderId : (latest?.id ?? null),
  };
  const set = (patch: Partial<OfferDraft>) => {
    setEdits((d) => ({ ...d, ...patch }));
    if ('message' in patch || 'orderId' in patch) setEdited((e) => ({ message: e.message || 'message' in patch, orderId: e.orderId || 'orderId' in patch }));
  };

  const money = (n: number) => formatVnd(n, i18n.language);
  const picked = list.find((o) => o.id === draft.orderId) ?? null;
  const cost = estimateCost(draft, { settings: settings.data, orderTotal: (picked ?? latest)?.total ?? null });
  const limit = limitFor(settings.data, me.agent.role);
  const approval = needsApproval(cost, limit);
  // One key per opened dialog: a double click or a retry grants once.
  const [idempotencyKey] = useState(newRequestKey);
  const built = buildOffer(draft, conversationId);
  // A percent voucher is sized by an order; without any, the server needs a cap.
  const hint = !built.ok ? 'commerce.compensation.incomplete' : cost === null && draft.kind === 'voucher' ? 'commerce.compensation.needsCap' : null;

  const submit = () => {
    if (!built.ok) return;
    offer.mutate({ ...built.offer, idempotencyKey }, {
      onSuccess: (result) => {
        feedback(result);
        onClose();
      },
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('commerce.compensation.title')} size="lg">
      <Stack gap="sm" data-testid="compensation-modal">
        <ErrorAlert error={offer.error} />
        <Group gap={4} role="radiogroup" aria-label={t('commerce.compensation.kind')}>
          {compensationKinds.map((kind) => (
            <Button key={kind} size="compact-sm" variant={draft.kind === kind ? 'filled' : 'default'} role="radio" aria-checked={draft.kind === kind}
              onClick={() => set({ kind })} data-testid={`compensation-kind-${kind}`}>
              {t(`commerce.kind.${kind}`)}
            </Button>
          ))}
        </Group>
        <OfferFields draft={draft} set={set} settings={settings.data} />
        <Select size="xs" label={t('commerce.compensation.order')} placeholder={t('commerce.compensation.noOrder')} clearable
          value={draft.orderId} onChange={(orderId) => set({ orderId })} data-testid="compensation-order"
          data={list.map((o) => ({ value: o.id, label: `${orderLabel(o.number)} · ${format.date(o.placedAt)} · ${formatMinor(o.total, o.currency, i18n.language)}` }))} />
        <Textarea size="xs" label={t('commerce.compensation.reason')} placeholder={t('commerce.compensation.reasonPlaceholder')} autosize minRows={2}
          maxLength={1000} value={draft.reason} onChange={(e) => set({ reason: e.currentTarget.value })} data-testid="compensation-reason" />

        <Group justify="space-between" gap="xs">
          <Text size="sm" data-testid="compensation-cost" data-cost={cost ?? ''}>
            {t('commerce.compensation.cost')}: <b>{cost === null ? t('commerce.compensation.costUnknown') : money(cost)}</b>
          </Text>
          {limit !== undefined && (
            <Text size="xs" c="dimmed" data-testid="compensation-limit">
              {limit === null ? t('commerce.compensation.noLimit') : t('commerce.compensation.limit', { amount: money(limit) })}
            </Text>
          )}
        </Group>
        {approval && (
          <Alert color="yellow" p="xs" icon={<IconAlertTriangle size={16} aria-hidden />} data-testid="compensation-needs-approval">
            {t('commerce.compensation.needsApproval')}
          </Alert>
        )}
        {hint && <Text size="xs" c="dimmed" data-testid="compensation-hint">{t(hint)}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button color={approval ? 'yellow' : undefined} disabled={hint !== null} loading={offer.isPending} onClick={submit} data-testid="compensation-submit">
            {approval ? t('commerce.compensation.requestApproval') : t('commerce.compensation.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
