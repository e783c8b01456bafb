import { useState, type FormEvent } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';

interface Schema<T> { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[] }[] } } }
interface Save<T> { mutate(value: T, opts: { onSuccess: () => void }): void }

/**
 * A settings form's edit cycle: a draft over the loaded value, field errors from the contract's schema
 * shown once the form was submitted, and a save that clears the draft. Messages come from
 * `<prefix>.invalid.<field>` and `<prefix>.saved`.
 */
export function useSettingsDraft<T extends object>(opts: { data: T | undefined; schema: Schema<T>; save: Save<T>; readOnly: boolean; prefix: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<T | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const value = draft ?? opts.data;
  const parsed = value ? opts.schema.safeParse(value) : null;
  const issues = new Set(parsed && !parsed.success ? parsed.error.issues.map((i) => String(i.path[0])) : []);
  return {
    value,
    /** Edited and not saved yet. */
    dirty: draft !== null,
    /** Submitted with a value the schema refuses. */
    invalid: submitted && !parsed?.success,
    cancel: () => { setDraft(null); setSubmitted(false); },
    set: (patch: Partial<T>) => value && setDraft({ ...value, ...patch }),
    error: (field: keyof T & string) => (submitted && issues.has(field) ? t(`${opts.prefix}.invalid.${field}`) : undefined),
    submit: (e: FormEvent) => {
      e.preventDefault();
      setSubmitted(true);
      if (!parsed?.success || opts.readOnly) return;
      opts.save.mutate(parsed.data, {
        onSuccess: () => {
          setDraft(null);
          setSubmitted(false);
          notifications.show({ color: 'teal', message: t(`${opts.prefix}.saved`) });
        },
      });
    },
  };
}
