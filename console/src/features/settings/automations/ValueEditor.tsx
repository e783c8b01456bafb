import { Autocomplete, Group, MultiSelect, NumberInput, SegmentedControl, Select, TagsInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { automationLimits, limits, type AutomationField } from '@careloop/contracts';
import { useAgents, useLabels, useTeams } from '../../../app/directory.ts';
import { MoneyInput } from '../shop/MoneyInput.tsx';
import type { ValueKind } from './conditionTree.ts';
import { enumOptions } from './options.ts';

interface Props {
  field: AutomationField;
  kind: ValueKind;
  value: unknown;
  onChange: (value: unknown) => void;
  error: boolean;
  readOnly: boolean;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : '');

/** A contact attribute compared with `eq`/`neq` is text, a number or yes/no; the kind follows the value. */
type ScalarType = 'text' | 'number' | 'boolean';
const scalarType = (v: unknown): ScalarType => (typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'text');

/** The input a field's value needs: a multi-select for enums, tags for word lists and labels, đồng for spend, yes/no for hours. */
export function ValueEditor({ field, kind, value, onChange, error, readOnly }: Props) {
  const { t } = useTranslation();
  const agents = useAgents();
  const teams = useTeams();
  const labels = useLabels();
  const common = { size: 'xs' as const, disabled: readOnly, error, 'aria-label': t('automations.condition.value'), 'data-testid': 'condition-value' };

  switch (kind) {
    case 'none':
      return null;
    case 'enum':
      return <Select {...common} w={200} data={enumOptions(field, t)} value={str(value) || null} allowDeselect={false} onChange={(v) => v && onChange(v)} />;
    case 'enumList':
      return <MultiSelect {...common} miw={220} style={{ flex: 1 }} data={enumOptions(field, t)} value={strs(value)} searchable
        placeholder={strs(value).length ? undefined : t('automations.condition.pick')} onChange={onChange} />;
    case 'text':
      return <TextInput {...common} style={{ flex: 1 }} miw={180} maxLength={automationLimits.needleChars} value={str(value)}
        placeholder={t('automations.condition.textPlaceholder')} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'textList':
      return <TagsInput {...common} style={{ flex: 1 }} miw={220} value={strs(value)} maxTags={automationLimits.listItems} splitChars={[',']}
        placeholder={t('automations.condition.wordsPlaceholder')} onChange={onChange} />;
    case 'label':
      return <Autocomplete {...common} w={200} data={labels.data ?? []} value={str(value)} maxLength={limits.labelChars} onChange={onChange} />;
    case 'labelList':
      return <TagsInput {...common} style={{ flex: 1 }} miw={220} data={labels.data ?? []} value={strs(value)} maxTags={automationLimits.listItems} onChange={onChange} />;
    case 'boolean':
      return (
        <SegmentedControl size="xs" disabled={readOnly} value={value === false ? 'no' : 'yes'} onChange={(v) => onChange(v === 'yes')} data-testid="condition-value"
          data={field === 'business_hours'
            ? [{ value: 'yes', label: t('automations.condition.inHours') }, { value: 'no', label: t('automations.condition.outOfHours') }]
            : [{ value: 'yes', label: t('automations.condition.present') }, { value: 'no', label: t('automations.condition.missing') }]} />
      );
    case 'number':
      return <NumberInput {...common} w={140} value={num(value)} onChange={(v) => onChange(typeof v === 'number' ? v : Number.NaN)} />;
    case 'score':
      return <NumberInput {...common} w={100} min={0} max={10} allowDecimal={false} value={num(value)} onChange={(v) => onChange(typeof v === 'number' ? v : Number.NaN)} />;
    case 'money':
      return <MoneyInput {...common} w={200} value={typeof value === 'number' ? value : 0} onChange={onChange} />;
    case 'agent':
      return <Select {...common} w={220} searchable data={(agents.data ?? []).map((a) => ({ value: a.id, label: a.name }))} value={str(value) || null}
        placeholder={t('automations.condition.pickAgent')} onChange={(v) => onChange(v ?? '')} />;
    case 'team':
      return <Select {...common} w={220} data={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))} value={str(value) || null}
        placeholder={t('automations.condition.pickTeam')} onChange={(v) => onChange(v ?? '')} />;
    case 'scalar': {
      const type = scalarType(value);
      return (
        <Group gap={4} wrap="nowrap" style={{ flex: 1 }}>
          <SegmentedControl size="xs" disabled={readOnly} value={type} data-testid="condition-value-type"
            data={(['text', 'number', 'boolean'] as const).map((v) => ({ value: v, label: t(`automations.condition.scalar.${v}`) }))}
            onChange={(v) => onChange(v === 'number' ? 0 : v === 'boolean' ? true : '')} />
          {type === 'text' && <TextInput {...common} style={{ flex: 1 }} maxLength={200} value={str(value)} onChange={(e) => onChange(e.currentTarget.value)} />}
          {type === 'number' && <NumberInput {...common} w={140} value={num(value)} onChange={(v) => onChange(typeof v === 'number' ? v : Number.NaN)} />}
          {type === 'boolean' && (
            <SegmentedControl size="xs" disabled={readOnly} value={value === false ? 'no' : 'yes'} onChange={(v) => onChange(v === 'yes')}
              data={[{ value: 'yes', label: t('automations.condition.yes') }, { value: 'no', label: t('automations.condition.no') }]} />
          )}
        </Group>
      );
    }
  }
}
