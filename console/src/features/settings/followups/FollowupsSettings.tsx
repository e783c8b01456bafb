import { useState } from 'react';
import { Alert, Button, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FollowupRuleDto } from '@careloop/contracts';
import { useMe } from '../../../app/session.ts';
import { SectionHeader } from '../SectionHeader.tsx';
import { canEditFollowups } from './access.ts';
import { kindDefaults } from './defaults.ts';
import { FollowupSettingsForm } from './FollowupSettingsForm.tsx';
import { formFromRule, newRuleForm, type RuleForm } from './ruleForm.ts';
import { RuleModal } from './RuleModal.tsx';
import { RulesTable } from './RulesTable.tsx';
import { RunNow } from './RunNow.tsx';
import { SendsDrawer } from './SendsDrawer.tsx';

/** "Chăm sóc sau bán": follow-up rules with their results, their recent sends, and when messages may go out. */
export default function FollowupsSettings() {
  const { t } = useTranslation();
  const me = useMe();
  const editable = canEditFollowups(me.agent.role);
  const [editing, setEditing] = useState<RuleForm | null>(null);
  const [sendsOf, setSendsOf] = useState<FollowupRuleDto | null>(null);

  return (
    <>
      <SectionHeader title={t('followups.section')} description={t('followups.description')}
        actions={editable && (
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing(newRuleForm('post_purchase', kindDefaults('post_purchase')))}
            data-testid="followup-create">{t('followups.rules.create')}</Button>
        )} />
      <Stack gap="md" maw={1100}>
        {!editable && <Alert color="gray" p="xs" data-testid="followups-readonly">{t('followups.readOnly')}</Alert>}
        {editable && <RunNow />}
        <RulesTable editable={editable} onOpen={(rule) => setEditing(formFromRule(rule))} onSends={setSendsOf} />
        <FollowupSettingsForm readOnly={!editable} />
      </Stack>
      <RuleModal form={editing} readOnly={!editable} onClose={() => setEditing(null)} />
      <SendsDrawer rule={sendsOf} onClose={() => setSendsOf(null)} />
    </>
  );
}
