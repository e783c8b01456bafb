import { useState } from 'react';
import { Alert, Button, Stack, Tabs } from '@mantine/core';
import { IconListDetails, IconPlus, IconRobot } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../app/session.ts';
import { TriageModelCard } from '../../triage/TriageModelCard.tsx';
import { SectionHeader } from '../SectionHeader.tsx';
import { canEditAutomations } from './access.ts';
import { RuleModal } from './RuleEditor.tsx';
import { RuleList } from './RuleList.tsx';
import { draftOfRule, newRuleDraft, type RuleDraft } from './ruleForm.ts';
import { RunsLog } from './RunsLog.tsx';

/** "Tự động hoá": rules that act on conversations (WHEN → IF → THEN), their execution log, and the triage model they read. */
export default function AutomationsSettings() {
  const { t } = useTranslation();
  const me = useMe();
  const editable = canEditAutomations(me.agent.role);
  const [tab, setTab] = useState<string | null>('rules');
  const [editing, setEditing] = useState<RuleDraft | null>(null);

  return (
    <>
      <SectionHeader title={t('automations.section')} description={t('automations.description')}
        actions={editable && (
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing(newRuleDraft(t('automations.rule.newName')))}
            data-testid="automation-create">{t('automations.rule.create')}</Button>
        )} />
      <Stack gap="md" maw={1100}>
        {!editable && <Alert color="gray" p="xs" data-testid="automations-readonly">{t('automations.readOnly')}</Alert>}
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="rules" leftSection={<IconRobot size={14} aria-hidden />} data-testid="automations-tab-rules">{t('automations.tabs.rules')}</Tabs.Tab>
            <Tabs.Tab value="runs" leftSection={<IconListDetails size={14} aria-hidden />} data-testid="automations-tab-runs">{t('automations.tabs.runs')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="rules" pt="sm">
            <Stack gap="md">
              <RuleList editable={editable} onOpen={(rule) => setEditing(draftOfRule(rule))} />
              <TriageModelCard editable={editable} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="runs" pt="sm"><RunsLog /></Tabs.Panel>
        </Tabs>
      </Stack>
      <RuleModal draft={editing} readOnly={!editable} onClose={() => setEditing(null)} />
    </>
  );
}
