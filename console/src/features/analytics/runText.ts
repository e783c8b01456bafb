/**
 * The refresh run's note comes from the server in English. The notes it is known to write are shown
 * translated (with their figures); any other note is shown as it is.
 */
export type NoteText = { key: string; values: Record<string, number> } | { text: string };

const tooLittle = /^Too little data for a model yet: (\d+) customers \(needs (\d+)\), (\d+) repeat customers \(needs (\d+)\), (\d+) days of history \(needs (\d+)\)/;
const boundary = /^No dropout is detectable in this data yet/;

export function noteText(note: string): NoteText {
  const m = tooLittle.exec(note);
  if (m) {
    const [customers, needCustomers, repeaters, needRepeaters, days, needDays] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    return { key: 'analytics.run.notes.tooLittle', values: { customers, needCustomers, repeaters, needRepeaters, days, needDays } };
  }
  if (boundary.test(note)) return { key: 'analytics.run.notes.boundary', values: {} };
  return { text: note };
}

/** Steps of a refresh, in order (server analytics/refresh.ts); unknown steps are shown by name. */
export const runSteps = ['occasions', 'products', 'customers', 'models', 'forecasts', 'saving', 'done'] as const;
export const isKnownStep = (step: string): step is (typeof runSteps)[number] => (runSteps as readonly string[]).includes(step);
