import { useRef } from 'react';
import { Checkbox, Group, NumberInput, type NumberInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type MoneyProps = Omit<NumberInputProps, 'value' | 'onChange'> & { value: number; onChange: (value: number) => void; unit?: string };

/** A whole number of đồng, grouped the way the UI language writes it ("1.000.000 ₫" / "1,000,000 ₫"). */
export function MoneyInput({ value, onChange, unit = '₫', ...props }: MoneyProps) {
  const { i18n } = useTranslation();
  const vi = i18n.language.startsWith('vi');
  return (
    <NumberInput {...props} value={value} min={0} allowNegative={false} allowDecimal={false} thousandSeparator={vi ? '.' : ','}
      decimalSeparator={vi ? ',' : '.'} suffix={unit ? ` ${unit}` : undefined}
      onChange={(v) => onChange(typeof v === 'number' ? v : Number(String(v).replace(/\D/g, '')) || 0)} />
  );
}

/** An amount that may also be "no limit" (null); unticking brings back the last amount. */
export function LimitInput({ label, value, onChange, unlimitedLabel, testId, max }: {
  label: string; value: number | null; onChange: (value: number | null) => void; unlimitedLabel: string; testId: string; max?: number;
}) {
  const last = useRef(value ?? 0);
  if (value !== null) last.current = value;
  return (
    <Group align="flex-end" gap="sm" wrap="nowrap">
      <MoneyInput label={label} value={value ?? last.current} disabled={value === null} onChange={onChange} max={max} style={{ flex: 1 }}
        data-testid={testId} />
      <Checkbox label={unlimitedLabel} checked={value === null} mb={8} onChange={(e) => onChange(e.currentTarget.checked ? null : last.current)}
        data-testid={`${testId}-unlimited`} />
    </Group>
  );
}
