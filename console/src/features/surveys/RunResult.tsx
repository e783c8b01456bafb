import { Alert, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignRunDto } from '@careloop/contracts';
import { formatCount } from '../analytics/format.ts';
import { isKnownSkipReason, skippedList } from './campaignForm.ts';

/** A skip reason in words; reasons the console does not know are shown as the server wrote them. */
export function useSkipReason() {
  const { t } = useTranslation();
  return (reason: string) => (isKnownSkipReason(reason) ? t(`surveys.skip.${reason}`) : reason);
}

/** What one "run now" did: nothing in quiet hours; else the due customers, how many got the survey and why the others did not. */
export function RunResult({ result, onClose }: { result: CampaignRunDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const reason = useSkipReason();
  const skipped = skippedList(result.skipped);
  const lang = i18n.language;
  return (
    <Alert p="xs" mt={4} color={result.quiet ? 'yellow' : 'teal'} withCloseButton closeButtonLabel={t('common.hide')} onClose={onClose}
      role="status" data-testid="survey-campaign-run-result" data-quiet={result.quiet}>
      {result.quiet ? (
        <Text size="sm">{t('surveys.run.quiet')}</Text>
      ) : (
        <>
          <Group gap="md">
            <Text size="sm" data-testid="survey-run-candidates">{t('surveys.run.candidates', { count: result.candidates, n: formatCount(result.candidates, lang) })}</Text>
            <Text size="sm" fw={600} data-testid="survey-run-sent">{t('surveys.run.sent', { count: result.sent, n: formatCount(result.sent, lang) })}</Text>
          </Group>
          {result.candidates === 0 && <Text size="xs" c="dimmed">{t('surveys.run.nobody')}</Text>}
          {skipped.length > 0 && (
            <>
              <Text size="xs" mt={4}>{t('surveys.run.skipped')}</Text>
              <List size="xs" data-testid="survey-run-skipped">
                {skipped.map((s) => <List.Item key={s.reason} data-reason={s.reason}>{reason(s.reason)}: {formatCount(s.count, lang)}</List.Item>)}
              </List>
            </>
          )}
        </>
      )}
    </Alert>
  );
}
