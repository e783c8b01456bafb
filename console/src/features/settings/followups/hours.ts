/** 22 → "22:00", 6 → "06:00". */
export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

export const hourChoices = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: hourLabel(h) }));

/** Equal hours mean no quiet time (the server sends at any hour then), as its `isQuiet` does. */
export function quietSummary(from: number, to: number): { key: 'off' | 'on'; from: string; to: string } {
  return { key: from === to ? 'off' : 'on', from: hourLabel(from), to: hourLabel(to) };
}
