import type { OrderLookupDto } from '@careloop/contracts';
import { useState } from 'preact/hooks';
import type { WidgetLocale } from '../../shared/protocol.ts';
import type { ChatController } from '../controller.ts';
import { codeOf } from '../errors.ts';
import type { MessageKey } from '../i18n.ts';
import { formatDate, formatMoney, lookupErrorKey, safeLink, validateLookup, type LookupErrors } from '../orders.ts';
import { Field, fieldInputProps } from './Field.tsx';
import { useT } from './i18n-context.ts';

function OrderResult({ order, locale }: { order: OrderLookupDto; locale: WidgetLocale }) {
  const t = useT();
  const link = safeLink(order.trackingUrl);
  return (
    <div class="cl-order" data-testid="order-lookup-result" data-state={order.deliveryState} role="status">
      <strong>{t('orderTitle', { n: `#${order.number.replace(/^#/, '')}` })}</strong>
      <p class={`cl-state cl-state-${order.deliveryState}`}>{t(`delivery_${order.deliveryState}`)}</p>
      <dl>
        <dt>{t('orderPlaced')}</dt><dd>{formatDate(locale, order.placedAt)}</dd>
        <dt>{t('orderTotal')}</dt><dd>{formatMoney(locale, order.total, order.currency)} · {t('orderItems', { count: order.itemCount })}</dd>
        {order.trackingNumber && <><dt>{t('orderTracking')}</dt><dd>{order.trackingNumber}{order.carrier ? ` · ${order.carrier}` : ''}</dd></>}
      </dl>
      {link && <a class="cl-button" href={link} target="_blank" rel="noopener noreferrer">{t('orderTrack')}</a>}
    </div>
  );
}

/** "Where is my order?": order number + phone → the order's status in plain words. */
export function OrderLookup({ controller, onBack }: { controller: ChatController; onBack(): void }) {
  const t = useT();
  const [values, setValues] = useState({ orderNumber: '', phone: controller.state.contact?.phone ?? '' });
  const [errors, setErrors] = useState<LookupErrors>({});
  const [busy, setBusy] = useState(false);
  const [order, setOrder] = useState<OrderLookupDto | null>(null);
  const [failure, setFailure] = useState<{ code: string; key: MessageKey } | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const result = validateLookup(values);
    setErrors(result.errors);
    if (busy || Object.keys(result.errors).length) return;
    setBusy(true);
    setFailure(null);
    try {
      setOrder(await controller.lookupOrder(result.clean));
    } catch (error) {
      const code = codeOf(error);
      setFailure({ code, key: lookupErrorKey(code) });
    }
    setBusy(false);
  };
  const input = (field: 'orderNumber' | 'phone', id: string) => (
    <input id={id} {...(field === 'phone' ? fieldInputProps.phone : { type: 'text', maxLength: 64, autoComplete: 'off' })}
      data-testid={`order-lookup-${field === 'phone' ? 'phone' : 'number'}`} value={values[field]}
      aria-invalid={errors[field] ? 'true' : undefined} aria-describedby={errors[field] ? `${id}-error` : undefined}
      onInput={(e) => {
        setValues({ ...values, [field]: e.currentTarget.value });
        setErrors({ ...errors, [field]: undefined });
      }} />
  );

  return (
    <form class="cl-form" data-testid="order-lookup" onSubmit={(e) => void submit(e)} noValidate>
      <button type="button" class="cl-link cl-back" data-testid="order-lookup-back" onClick={onBack}>← {t('backToChat')}</button>
      <h2 class="cl-form-title">{t('orderLookup')}</h2>
      {order ? (
        <>
          <OrderResult order={order} locale={controller.state.locale} />
          <button type="button" class="cl-link" onClick={() => setOrder(null)}>{t('orderLookupAgain')}</button>
        </>
      ) : (
        <>
          <p class="cl-muted">{t('orderLookupIntro')}</p>
          <Field id="lookup-number" label={t('orderNumber')} error={errors.orderNumber}>{input('orderNumber', 'lookup-number')}</Field>
          <Field id="lookup-phone" label={t('phone')} error={errors.phone}>{input('phone', 'lookup-phone')}</Field>
          {failure && <p class="cl-notice" role="alert" data-testid="order-lookup-error" data-code={failure.code}>{t(failure.key)}</p>}
          <button type="submit" class="cl-button" data-testid="order-lookup-submit" disabled={busy}>{t('orderLookupSubmit')}</button>
        </>
      )}
    </form>
  );
}
