import { ActionIcon, Badge, Button, Center, Group, Loader, Stack, Switch, Table, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { slaClocks, type SlaPolicyDto } from '@careloop/contracts';
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { durationText } from '../../sla/duration.ts';
import { secondsField } from './policyForm.ts';
import { moved, useDeletePolicy, useReorderPolicies, useSlaPolicies, useTogglePolicy } from './queries.ts';

/** Who a policy applies to, as short badges ("Zalo", "Khẩn cấp", "VIP"); none means every conversation. */
function Scope({ policy: p }: { policy: SlaPolicyDto }) {
  const { t } = useTranslation();
  const items = [
    ...p.channels.map((c) => ({ key: `c-${c}`, label: t(`channels.${c}`), color: 'blue' })),
    ...p.priorities.map((x) => ({ key: `p-${x}`, label: t(`priority.${x}`), color: 'orange' })),
    ...p.segments.map((s) => ({ key: `s-${s}`, label: s === 'vip' ? t('analytics.vip.badge') : t(`analytics.segments.${s}.name`), color: 'grape' })),
  ];
  if (items.length === 0) return <Text size="xs" c="dimmed">{t('sla.list.everyConversation')}</Text>;
  return (
    <Group gap={3} data-testid="sla-policy-scope">
      {items.map((i) => <Badge key={i.key} size="xs" variant="light" color={i.color} tt="none">{i.label}</Badge>)}
    </Group>
  );
}

/** The ordered policies (the first enabled match wins), with their targets in words and an on/off switch. */
export function PolicyList({ editable, onOpen }: { editable: boolean; onOpen: (policy: SlaPolicyDto) => void }) {
  const { t } = useTranslation();
  const policies = useSlaPolicies();
  const toggle = useTogglePolicy();
  const reorder = useReorderPolicies();
  const remove = useDeletePolicy();

  if (policies.isLoading) return <Center p="md"><Loader aria-label={t('common.loading')} /></Center>;
  if (policies.error) return <ErrorAlert error={policies.error} />;
  const list = policies.data ?? [];
  if (list.length === 0) return <Text size="sm" c="dimmed" p="md" data-testid="sla-policies-empty">{t('sla.list.empty')}</Text>;
  const move = (id: string, delta: -1 | 1) => reorder.mutate({ list, ids: moved(list, id, delta) });

  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing={6} data-testid="sla-policies">
        <Table.Thead>
          <Table.Tr>
            {editable && <Table.Th w={60}>{t('sla.list.order')}</Table.Th>}
            <Table.Th>{t('sla.list.policy')}</Table.Th>
            <Table.Th>{t('sla.list.targets')}</Table.Th>
            <Table.Th>{t('sla.list.time')}</Table.Th>
            <Table.Th>{t('sla.list.enabled')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((p, index) => {
            const pending = toggle.isPending && toggle.variables.policy.id === p.id;
            return (
              <Table.Tr key={p.id} data-testid="sla-policy-row" data-policy-id={p.id} opacity={p.enabled ? 1 : 0.6}>
                {editable && (
                  <Table.Td>
                    <Group gap={0} wrap="nowrap">
                      <ActionIcon size="sm" variant="subtle" color="gray" disabled={index === 0 || reorder.isPending} aria-label={t('sla.list.up', { name: p.name })}
                        onClick={() => move(p.id, -1)} data-testid="sla-policy-up"><IconArrowUp size={14} aria-hidden /></ActionIcon>
                      <ActionIcon size="sm" variant="subtle" color="gray" disabled={index === list.length - 1 || reorder.isPending} aria-label={t('sla.list.down', { name: p.name })}
                        onClick={() => move(p.id, 1)} data-testid="sla-policy-down"><IconArrowDown size={14} aria-hidden /></ActionIcon>
                    </Group>
                  </Table.Td>
                )}
                <Table.Td maw={320}>
                  <Group gap={4} mb={2}>
                    <Text size="sm" fw={600} data-testid="sla-policy-name">{p.name}</Text>
                    {p.builtIn && <Badge size="xs" variant="outline" color="gray" tt="none" data-testid="sla-policy-builtin">{t('sla.list.builtIn')}</Badge>}
                  </Group>
                  <Scope policy={p} />
                </Table.Td>
                <Table.Td>
                  <Stack gap={0} data-testid="sla-policy-targets">
                    {slaClocks.filter((c) => p[secondsField[c]] !== null).map((c) => (
                      <Text key={c} size="xs" data-testid={`sla-policy-${c}`}>
                        {t(`sla.clocks.${c}`)}: <b>{durationText(p[secondsField[c]]!, t)}</b>
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td><Text size="xs" data-testid="sla-policy-time">{p.businessHours ? t('sla.list.businessHours') : t('sla.list.calendar')}</Text></Table.Td>
                <Table.Td>
                  <Switch size="sm" checked={pending ? toggle.variables.enabled : p.enabled} disabled={!editable || pending}
                    aria-label={t('sla.list.enabledOf', { name: p.name })} onChange={(e) => toggle.mutate({ policy: p, enabled: e.currentTarget.checked })}
                    data-testid="sla-policy-enabled" />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => onOpen(p)} data-testid="sla-policy-edit">{editable ? t('common.edit') : t('sla.policy.view')}</Button>
                    {editable && (
                      <ConfirmButton size="compact-xs" variant="subtle" color="red" loading={remove.isPending && remove.variables.id === p.id}
                        question={t('sla.list.confirmDelete', { name: p.name })} confirmLabel={t('common.delete')}
                        onConfirm={() => remove.mutate({ list, id: p.id })} testId="sla-policy-delete">{t('common.delete')}</ConfirmButton>
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
