import { Loader, Switch } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { api } from '../../lib/api.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { consentNote, type FollowupConsentDto } from './consent.ts';
import { followupKeys } from './keys.ts';

/** "Nhận tin chăm sóc": the customer's consent to follow-up messages, in the contact sidebar. Any agent may change it. */
export function FollowupConsent({ contactId, className }: { contactId: string; className?: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const key = followupKeys.consent(contactId);
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<FollowupConsentDto>(`/followups/contacts/${contactId}`, undefined, signal),
    enabled: Boolean(contactId),
  });
  const save = useMutation({
    meta: { handlesError: true },
    mutationFn: (optedOut: boolean) => api.put<{ optedOut: boolean }>(`/followups/contacts/${contactId}`, { optedOut }, { csrfToken: me.csrfToken }),
    onSuccess: ({ optedOut }) => qc.setQueryData<FollowupConsentDto>(key, { optedOut, via: optedOut ? 'agent' : null }),
  });
  const consent = query.data;
  const optedOut = save.isPending ? save.variables : consent?.optedOut;
  const note = consentNote(consent);

  return (
    <section className={className} data-testid="followup-consent" aria-label={t('followups.consent.title')}>
      {query.isLoading && <Loader size="xs" aria-label={t('common.loading')} />}
      {query.error && <ErrorAlert error={query.error} testId="followup-consent-error" />}
      {consent && (
        <Switch size="xs" checked={!optedOut} disabled={save.isPending} label={t('followups.consent.label')}
          description={note ? t(`followups.consent.${note}`) : t('followups.consent.help')}
          onChange={(e) => save.mutate(!e.currentTarget.checked)} data-testid="followup-consent-switch" />
      )}
      {save.error && <ErrorAlert error={save.error} testId="followup-consent-save-error" />}
    </section>
  );
}
