import { Badge, Button, Center, Group, Loader, Switch, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SurveyDefinitionDto, SurveyReward } from '@careloop/contracts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { useDeleteDefinition, useSurveyDefinitions, useSurveySettings, useToggleDefinition } from './queries.ts';

export const kindColor = { csat: 'teal', nps: 'indigo', ces: 'grape' } as const;

/** "20.000 ₫ off", "10% (up to 50.000 ₫)", with the minimum order and validity. */
export function useRewardText() {
  const { t } = useTranslation();
  const format = useFormat();
  return (r: SurveyReward) => {
    const what = r.voucherType === 'fixed'
      ? t('surveys.reward.fixedOff', { amount: format.money(r.value) })
      : t('surveys.reward.percentOff', { percent: r.value, max: format.money(r.maxDiscount ?? 0) });
    const min = r.minOrder > 0 ? ` · ${t('surveys.reward.minOrderOf', { amount: format.money(r.minOrder) })}` : '';
    return `${what}${min} · ${t('surveys.reward.validDays', { count: r.expiresInDays })}`;
  };
}

/** The workspace's surveys: built-ins (turned off, never deleted) and the admins' own. */
export function DefinitionsTable({ editable, onOpen }: { editable: boolean; onOpen: (d: SurveyDefinitionDto) => void }) {
  const { t } = useTranslation();
  const list = useSurveyDefinitions();
  const settings = useSurveySettings();
  const toggle = useToggleDefinition();
  const remove = useDeleteDefinition();
  const rewardText = useRewardText();
  if (list.isLoading) return <Center p="md"><Loader aria-label={t('common.loading')} /></Center>;
  if (list.error) return <ErrorAlert error={list.error} />;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing={6} data-testid="survey-definitions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('surveys.definitions.survey')}</Table.Th>
            <Table.Th>{t('surveys.definitions.display')}</Table.Th>
            <Table.Th>{t('surveys.definitions.followUps')}</Table.Th>
            <Table.Th>{t('surveys.definitions.reward')}</Table.Th>
            <Table.Th>{t('surveys.definitions.enabled')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.map((d) => {
            const pending = toggle.isPending && toggle.variables.definition.id === d.id;
            return (
              <Table.Tr key={d.id} data-testid="survey-definition-row" data-kind={d.kind} data-builtin={d.builtin ?? undefined}>
                <Table.Td maw={320}>
                  <Text size="sm" fw={600}>{d.name}</Text>
                  <Group gap={4} mt={2}>
                    <Badge size="xs" variant="light" color={kindColor[d.kind]} tt="none">{t(`surveys.kinds.${d.kind}`)}</Badge>
                    {d.builtin && <Badge size="xs" variant="outline" color="gray" tt="none">{t('surveys.definitions.builtin')}</Badge>}
                    {settings.data?.resolveSurveyId === d.id && (
                      <Badge size="xs" variant="dot" color="teal" tt="none" data-testid="survey-definition-on-resolve">{t('surveys.definitions.onResolve')}</Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td><Text size="sm">{t(`surveys.displays.${d.display}`)}</Text></Table.Td>
                <Table.Td><Text size="sm">{d.followUps.length}</Text></Table.Td>
                <Table.Td maw={260}><Text size="xs" data-testid="survey-definition-reward">{d.reward ? rewardText(d.reward) : t('surveys.reward.none')}</Text></Table.Td>
                <Table.Td>
                  <Switch size="sm" checked={pending ? toggle.variables.enabled : d.enabled} disabled={!editable || pending}
                    aria-label={t('surveys.definitions.enabledOf', { name: d.name })} data-testid="survey-definition-enabled"
                    onChange={(e) => toggle.mutate({ definition: d, enabled: e.currentTarget.checked })} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => onOpen(d)} data-testid="survey-definition-edit">
                      {editable ? t('common.edit') : t('surveys.view')}
                    </Button>
                    {editable && !d.builtin && (
                      <ConfirmButton size="compact-xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === d.id}
                        question={t('surveys.definitions.confirmDelete', { name: d.name })} confirmLabel={t('common.delete')}
                        onConfirm={() => remove.mutate(d.id)} testId="survey-definition-delete">{t('common.delete')}</ConfirmButton>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
