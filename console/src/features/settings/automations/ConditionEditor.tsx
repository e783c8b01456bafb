import { ActionIcon, Badge, Button, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { automationLimits, type AutomationCondition, type AutomationTrigger } from '@careloop/contracts';
import { issuesAt, type ServerIssue } from '../serverIssues.ts';
import { ConditionContext, useConditionEditing } from './conditionContext.ts';
import { ConditionLeafRow } from './ConditionLeafRow.tsx';
import { addChild, defaultLeaf, fieldsFor, groupKind, isLeaf, isNot, jsonPath, removeAt, setGroupKind, toggleNot, type GroupKind, type Path, type RootGroup } from './conditionTree.ts';
import { issuesText } from './ruleForm.ts';

/**
 * IF: the condition tree of a rule. Groups say whether ALL or ANY of their items must hold; any item
 * may be negated (NOT) and groups nest up to the contract's depth. An empty root means "always".
 */
export function ConditionEditor({ root, trigger, readOnly, issues, onChange }: {
  root: RootGroup; trigger: AutomationTrigger; readOnly: boolean; issues: readonly ServerIssue[]; onChange: (root: RootGroup) => void;
}) {
  const { t } = useTranslation();
  const rootIssues = issuesAt(issues, 'conditions', { exact: true });
  return (
    <ConditionContext.Provider value={{ root, trigger, readOnly, issues, onChange }}>
      <Stack gap={4} data-testid="condition-editor">
        <ConditionGroupBox node={root} path={[]} notPath={null} />
        {rootIssues.length > 0 && <Text size="xs" c="red" role="alert" data-testid="conditions-error">{issuesText(rootIssues, t)}</Text>}
        <Text size="xs" c="dimmed">{t('automations.condition.limits', { depth: automationLimits.depth, count: automationLimits.conditions })}</Text>
      </Stack>
    </ConditionContext.Provider>
  );
}

function ConditionNode({ node, path, notPath }: { node: AutomationCondition; path: Path; notPath: Path | null }) {
  if (isNot(node)) return <ConditionNode node={node.not} path={[...path, 0]} notPath={path} />;
  if (isLeaf(node)) return <ConditionLeafRow leaf={node} path={path} notPath={notPath} />;
  return <ConditionGroupBox node={node} path={path} notPath={notPath} />;
}

function ConditionGroupBox({ node, path, notPath }: { node: AutomationCondition; path: Path; notPath: Path | null }) {
  const { t } = useTranslation();
  const { root, trigger, readOnly, issues, edit } = useConditionEditing();
  const kind = groupKind(node) ?? 'all';
  const children = 'all' in node ? node.all : 'any' in node ? node.any : [];
  const isRoot = path.length === 0;
  const outer = notPath ?? path;
  const firstField = fieldsFor(trigger)[0] ?? 'channel';
  const here = jsonPath(root, path);
  const groupIssues = [...(isRoot ? [] : issuesAt(issues, here, { exact: true })), ...issuesAt(issues, `${here}.${kind}`, { exact: true })];
  const addLeaf = (r: AutomationCondition) => addChild(r, path, defaultLeaf(firstField));
  const addGroup = (r: AutomationCondition) => addChild(r, path, { any: [defaultLeaf(firstField)] });

  return (
    <Paper withBorder p="xs" bg={isRoot ? undefined : 'gray.0'} data-testid="condition-group" data-kind={kind} data-depth={path.length}
      data-negated={notPath ? 'true' : 'false'}>
      <Group gap={6} mb={6} wrap="wrap">
        {notPath && <Badge size="sm" color="red" variant="light">{t('automations.condition.not')}</Badge>}
        <SegmentedControl size="xs" value={kind} disabled={readOnly} onChange={(v) => edit((r) => setGroupKind(r, path, v as GroupKind))}
          data={[{ value: 'all', label: t('automations.condition.all') }, { value: 'any', label: t('automations.condition.any') }]} data-testid="condition-group-kind" />
        <Text size="xs" c="dimmed">{t(`automations.condition.${kind}Help`)}</Text>
        {!isRoot && !readOnly && (
          <Group gap={2} ml="auto" wrap="nowrap">
            <Button size="compact-xs" variant={notPath ? 'filled' : 'subtle'} color="red" disabled={!notPath && !edit((r) => toggleNot(r, outer), true)}
              onClick={() => edit((r) => toggleNot(r, outer))} aria-pressed={notPath !== null} data-testid="condition-group-not">{t('automations.condition.not')}</Button>
            <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('automations.condition.removeGroup')} onClick={() => edit((r) => removeAt(r, outer))}
              data-testid="condition-group-remove"><IconX size={14} aria-hidden /></ActionIcon>
          </Group>
        )}
      </Group>
      <Stack gap={6} pl={isRoot ? 0 : 'sm'}>
        {children.length === 0 && (
          <Text size="xs" c="dimmed" data-testid="condition-empty">{isRoot ? t('automations.condition.always') : t('automations.condition.emptyGroup')}</Text>
        )}
        {children.map((child, i) => <ConditionNode key={i} node={child} path={[...path, i]} notPath={null} />)}
      </Stack>
      {groupIssues.length > 0 && <Text size="xs" c="red" role="alert" mt={4} data-testid="condition-group-error">{issuesText(groupIssues, t)}</Text>}
      {!readOnly && (
        <Group gap={4} mt={6}>
          <Button size="compact-xs" variant="light" leftSection={<IconPlus size={12} aria-hidden />} disabled={!edit(addLeaf, true)}
            onClick={() => edit(addLeaf)} data-testid="condition-add">{t('automations.condition.add')}</Button>
          <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} aria-hidden />} disabled={!edit(addGroup, true)}
            onClick={() => edit(addGroup)} data-testid="condition-add-group">{t('automations.condition.addGroup')}</Button>
        </Group>
      )}
    </Paper>
  );
}
