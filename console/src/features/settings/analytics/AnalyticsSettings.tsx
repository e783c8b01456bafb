import { Alert, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../app/session.ts';
import { canEditAnalyticsSettings } from '../../analytics/access.ts';
import { SectionHeader } from '../SectionHeader.tsx';
import { AnalyticsSettingsForm } from './AnalyticsSettingsForm.tsx';

/** "Phân tích": how retention figures and forecasts are computed. Supervisors read, admins and owners edit. */
export default function AnalyticsSettings() {
  const { t } = useTranslation();
  const me = useMe();
  const editable = canEditAnalyticsSettings(me.agent.role);
  return (
    <>
      <SectionHeader title={t('analytics.settings.section')} description={t('analytics.settings.description')} />
      <Stack gap="md" maw={920}>
        {!editable && <Alert color="gray" p="xs" data-testid="analytics-settings-readonly">{t('analytics.settings.readOnly')}</Alert>}
        <AnalyticsSettingsForm readOnly={!editable} />
        <Alert color="blue" p="xs">{t('analytics.settings.appliesNext')}</Alert>
      </Stack>
    </>
  );
}
