import { ActionIcon, Badge, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AutomationConditionLeaf, AutomationField } from '@careloop/contracts';
import { issuesAt } from '../serverIssues.ts';
import { useConditionEditing } from './conditionContext.ts';
import { defaultLeaf, fieldFits, fieldsFor, jsonPath, opsOf, removeAt, toggleNot, updateAt, valueKind, withKey, withOp, withValue, type Path } from './conditionTree.ts';
import { fieldLabel, opLabel } from './options.ts';
import { issuesText } from './ruleForm.ts';
import { ValueEditor } from './ValueEditor.tsx';

/** One field test: field, operator, value; NOT and remove beside it. `notPath` is the NOT wrapping it, if any. */
export function ConditionLeafRow({ leaf, path, notPath }: { leaf: AutomationConditionLeaf; path: Path; notPath: Path | null }) {
  const { t } = useTranslation();
  const { root, trigger, readOnly, issues, edit } = useConditionEditing();
  const replace = (next: AutomationConditionLeaf) => edit((r) => updateAt(r, path, () => next));
  const outer = notPath ?? path;
  const loose = leaf as unknown as { key?: string; value?: unknown };
  const kind = valueKind(leaf.field, leaf.op);
  const fieldIssues = issuesAt(issues, jsonPath(root, path));
  const misfit = !fieldFits(leaf.field, trigger);
  const fields = fieldsFor(trigger);
  const fieldOptions = (misfit ? [leaf.field, ...fields] : fields).map((f) => ({ value: f, label: fieldLabel(f, t) }));

  return (
    <Stack gap={2} data-testid="condition-leaf" data-field={leaf.field} data-negated={notPath ? 'true' : 'false'}>
      <Group gap={4} wrap="wrap" align="center">
        {notPath && <Badge size="sm" color="red" variant="light" data-testid="condition-not-badge">{t('automations.condition.not')}</Badge>}
        <Select size="xs" w={190} data={fieldOptions} value={leaf.field} allowDeselect={false} disabled={readOnly} searchable
          aria-label={t('automations.condition.field')} error={misfit} onChange={(f) => f && f !== leaf.field && replace(defaultLeaf(f as AutomationField))}
          data-testid="condition-field" />
        {leaf.field === 'contact.attribute' && (
          <TextInput size="xs" w={140} value={loose.key ?? ''} maxLength={64} disabled={readOnly} placeholder={t('automations.condition.attributeKey')}
            aria-label={t('automations.condition.attributeKey')} onChange={(e) => replace(withKey(leaf, e.currentTarget.value))} data-testid="condition-key" />
        )}
        <Select size="xs" w={170} data={opsOf(leaf.field).map((op) => ({ value: op, label: opLabel(op, t) }))} value={leaf.op} allowDeselect={false}
          disabled={readOnly} aria-label={t('automations.condition.op')} onChange={(op) => op && op !== leaf.op && replace(withOp(leaf, op))} data-testid="condition-op" />
        <ValueEditor field={leaf.field} kind={kind} value={loose.value} readOnly={readOnly} error={fieldIssues.length > 0}
          onChange={(v) => replace(withValue(leaf, v))} />
        {!readOnly && (
          <Group gap={2} wrap="nowrap">
            <Button size="compact-xs" variant={notPath ? 'filled' : 'subtle'} color="red" disabled={!notPath && !edit((r) => toggleNot(r, outer), true)}
              onClick={() => edit((r) => toggleNot(r, outer))} aria-pressed={notPath !== null} data-testid="condition-not">{t('automations.condition.not')}</Button>
            <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('automations.condition.remove')} onClick={() => edit((r) => removeAt(r, outer))}
              data-testid="condition-remove"><IconX size={14} aria-hidden /></ActionIcon>
          </Group>
        )}
      </Group>
      {misfit && <Text size="xs" c="orange" data-testid="condition-misfit">{t('automations.issue.fieldTrigger')}</Text>}
      {fieldIssues.length > 0 && <Text size="xs" c="red" role="alert" data-testid="condition-error">{issuesText(fieldIssues, t)}</Text>}
    </Stack>
  );
}
