import { useState } from 'react';
import { TextInput } from '@mantine/core';
import { isUsableDay } from '../lib/days.ts';

/**
 * A native date input that reports only whole, plausible days: while a year is typed it passes
 * through values like 0002-06-30, which stay in the field without reaching the filters. Emptying it
 * reports `undefined` unless `required`.
 */
export function DayInput({ label, value, min, max, required = false, onCommit, testId }: {
  label: string; value: string | undefined; min?: string | undefined; max?: string | undefined; required?: boolean;
  onCommit: (day: string | undefined) => void; testId: string;
}) {
  const [text, setText] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value ?? '');
  }
  return (
    <TextInput type="date" size="xs" label={label} value={text} min={min} max={max} data-testid={testId}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        if (isUsableDay(next)) onCommit(next);
        else if (next === '' && !required) onCommit(undefined);
      }} />
  );
}
