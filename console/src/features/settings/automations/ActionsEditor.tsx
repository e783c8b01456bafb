import { ActionIcon, Badge, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { automationActionTypes, automationLimits, type AutomationAction, type AutomationActionType } from '@careloop/contracts';
import { issuesAt, type ServerIssue } from '../serverIssues.ts';
import { ActionFields } from './ActionFields.tsx';
import { addableTypes, moveAction, newAction, replaceAction } from './actions.ts';
import { actionLabel } from './options.ts';
import { issuesText } from './ruleForm.ts';

/** THEN: the actions a rule takes, in order; each with its parameters and the errors found in them. */
export function ActionsEditor({ actions, onChange, issues, readOnly }: {
  actions: AutomationAction[]; onChange: (next: AutomationAction[]) => void; issues: readonly ServerIssue[]; readOnly: boolean;
}) {
  const { t } = useTranslation();
  const listIssues = issuesAt(issues, 'actions', { exact: true });
  const addable = addableTypes(actions);
  const typeOptions = (current: AutomationActionType) =>
    automationActionTypes.filter((x) => x === current || addable.includes(x)).map((x) => ({ value: x, label: actionLabel(x, t) }));

  return (
    <Stack gap={6} data-testid="actions-editor">
      {actions.map((action, i) => {
        const base = `actions.${i}`;
        const own = issuesAt(issues, base, { exact: true });
        return (
          <Paper key={i} withBorder p="xs" data-testid="action-item" data-type={action.type}>
            <Group gap={6} mb={6} wrap="nowrap">
              <Badge size="sm" variant="light" circle>{i + 1}</Badge>
              <Select size="xs" w={240} data={typeOptions(action.type)} value={action.type} allowDeselect={false} disabled={readOnly}
                aria-label={t('automations.action.type')} onChange={(v) => v && v !== action.type && onChange(replaceAction(actions, i, newAction(v as AutomationActionType)))}
                data-testid="action-type" />
              {!readOnly && (
                <Group gap={0} ml="auto" wrap="nowrap">
                  <ActionIcon size="sm" variant="subtle" color="gray" disabled={i === 0} aria-label={t('automations.action.up')}
                    onClick={() => onChange(moveAction(actions, i, -1))} data-testid="action-up"><IconArrowUp size={14} aria-hidden /></ActionIcon>
                  <ActionIcon size="sm" variant="subtle" color="gray" disabled={i === actions.length - 1} aria-label={t('automations.action.down')}
                    onClick={() => onChange(moveAction(actions, i, 1))} data-testid="action-down"><IconArrowDown size={14} aria-hidden /></ActionIcon>
                  <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('automations.action.remove')}
                    onClick={() => onChange(actions.filter((_, k) => k !== i))} data-testid="action-remove"><IconX size={14} aria-hidden /></ActionIcon>
                </Group>
              )}
            </Group>
            <ActionFields action={action} readOnly={readOnly} onChange={(next) => onChange(replaceAction(actions, i, next))}
              errorOf={(param) => issuesText(issuesAt(issues, `${base}.${param}`), t)} />
            {own.length > 0 && <Text size="xs" c="red" role="alert" mt={4} data-testid="action-error">{issuesText(own, t)}</Text>}
          </Paper>
        );
      })}
      {actions.length === 0 && <Text size="xs" c="dimmed">{t('automations.action.none')}</Text>}
      {listIssues.length > 0 && <Text size="xs" c="red" role="alert" data-testid="actions-error">{issuesText(listIssues, t)}</Text>}
      {!readOnly && actions.length < automationLimits.actions && (
        <Select size="xs" w={260} placeholder={t('automations.action.add')} value={null} data={addable.map((x) => ({ value: x, label: actionLabel(x, t) }))}
          onChange={(v) => v && onChange([...actions, newAction(v as AutomationActionType)])} data-testid="action-add" />
      )}
    </Stack>
  );
}
