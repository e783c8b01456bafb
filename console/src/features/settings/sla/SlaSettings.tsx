import { useState } from 'react';
import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../app/session.ts';
import { SectionHeader } from '../SectionHeader.tsx';
import { canEditSla } from './access.ts';
import { formOfPolicy, newPolicyForm, type PolicyForm } from './policyForm.ts';
import { PolicyList } from './PolicyList.tsx';
import { PolicyModal } from './PolicyModal.tsx';
import { SlaSettingsForm } from './SlaSettingsForm.tsx';

/** "SLA & giờ làm việc": response and resolution targets per channel, priority and segment, and when the shop is open. */
export default function SlaSettings() {
  const { t } = useTranslation();
  const me = useMe();
  const editable = canEditSla(me.agent.role);
  const [editing, setEditing] = useState<PolicyForm | null>(null);

  return (
    <>
      <SectionHeader title={t('sla.section')} description={t('sla.description')}
        actions={editable && (
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing(newPolicyForm(t('sla.policy.newName')))}
            data-testid="sla-policy-create">{t('sla.policy.create')}</Button>
        )} />
      <Stack gap="md" maw={1100}>
        {!editable && <Alert color="gray" p="xs" data-testid="sla-readonly">{t('sla.readOnly')}</Alert>}
        <div>
          <Title order={2} size="h5">{t('sla.list.title')}</Title>
          <Text size="xs" c="dimmed">{t('sla.list.help')}</Text>
        </div>
        <PolicyList editable={editable} onOpen={(p) => setEditing(formOfPolicy(p))} />
        <SlaSettingsForm readOnly={!editable} />
      </Stack>
      <PolicyModal form={editing} readOnly={!editable} onClose={() => setEditing(null)} />
    </>
  );
}
