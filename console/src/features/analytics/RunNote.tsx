import { Alert } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { noteText } from './runText.ts';

/** What the last refresh has to say (e.g. too little data for a model), translated when it is a known note. */
export function RunNote({ note }: { note: string | null }) {
  const { t } = useTranslation();
  if (!note) return null;
  const text = noteText(note);
  return (
    <Alert color="yellow" p="xs" icon={<IconInfoCircle size={16} aria-hidden />} data-testid="analytics-run-note">
      {'key' in text ? t(text.key, text.values) : text.text}
    </Alert>
  );
}
