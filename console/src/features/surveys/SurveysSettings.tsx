import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import { IconChevronDown, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { surveyKinds } from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import { SectionHeader } from '../settings/SectionHeader.tsx';
import { canEditSurveys } from './access.ts';
import { draftOfCampaign, newCampaignDraft, type CampaignDraft } from './campaignForm.ts';
import { CampaignModal } from './CampaignModal.tsx';
import { CampaignsTable } from './CampaignsTable.tsx';
import { draftOfDefinition, newDefinitionDraft, type DefinitionDraft } from './definitionForm.ts';
import { DefinitionModal } from './DefinitionModal.tsx';
import { DefinitionsTable } from './DefinitionsTable.tsx';
import { useSurveyDefinitions } from './queries.ts';
import { ResolveSettingsForm } from './ResolveSettingsForm.tsx';

function Block({ title, help, actions, children, testId }: { title: string; help: string; actions?: ReactNode; children: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title} data-testid={testId}>
      <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap">
        <div>
          <Title order={2} size="h5">{title}</Title>
          <Text size="xs" c="dimmed">{help}</Text>
        </div>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

/** Settings → Khảo sát: CSAT on resolve and recovery, the surveys themselves, and NPS campaigns. */
export default function SurveysSettings() {
  const { t } = useTranslation();
  const me = useMe();
  const editable = canEditSurveys(me.agent.role);
  const definitions = useSurveyDefinitions();
  const all = definitions.data ?? [];
  const [definition, setDefinition] = useState<DefinitionDraft | null>(null);
  const [campaign, setCampaign] = useState<CampaignDraft | null>(null);

  return (
    <>
      <SectionHeader title={t('surveys.section')} description={t('surveys.description')} />
      <Stack gap="md" maw={1100}>
        {!editable && <Alert color="gray" p="xs" data-testid="surveys-readonly">{t('surveys.readOnly')}</Alert>}
        <ResolveSettingsForm readOnly={!editable} />
        <Block title={t('surveys.definitions.title')} help={t('surveys.definitions.help')} testId="survey-definitions-block"
          actions={editable && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} rightSection={<IconChevronDown size={12} aria-hidden />}
                  disabled={!definitions.data} data-testid="survey-definition-create">{t('surveys.definitions.create')}</Button>
              </Menu.Target>
              <Menu.Dropdown>
                {surveyKinds.map((k) => (
                  <Menu.Item key={k} onClick={() => setDefinition(newDefinitionDraft(k, all))} data-testid={`survey-definition-create-${k}`}>
                    {t(`surveys.kinds.${k}`)} — {t(`surveys.kindHelp.${k}`)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}>
          <DefinitionsTable editable={editable} onOpen={(d) => setDefinition(draftOfDefinition(d))} />
        </Block>
        <Block title={t('surveys.campaigns.title')} help={t('surveys.campaigns.help')} testId="survey-campaigns-block"
          actions={editable && (
            <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} disabled={!definitions.data} data-testid="survey-campaign-create"
              onClick={() => setCampaign(newCampaignDraft(all))}>{t('surveys.campaigns.create')}</Button>
          )}>
          <CampaignsTable editable={editable} definitions={all} onOpen={(c) => setCampaign(draftOfCampaign(c))} />
        </Block>
      </Stack>
      <DefinitionModal draft={definition} all={all} readOnly={!editable} onClose={() => setDefinition(null)} />
      <CampaignModal draft={campaign} definitions={all} readOnly={!editable} onClose={() => setCampaign(null)} />
    </>
  );
}
