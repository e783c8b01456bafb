import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A plain download link styled as a small button; `what` names the table for screen readers. */
export function CsvButton({ href, what, testId }: { href: string; what: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Button component="a" href={href} download size="compact-xs" variant="default" leftSection={<IconDownload size={12} aria-hidden />}
      aria-label={t('analytics.csv.label', { what })} data-testid={testId}>
      {t('analytics.csv.button')}
    </Button>
  );
}
