import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../lib/api.ts';
import { conversationsCsvHref } from './csv.ts';

/** Downloads one CSV row per conversation opened in the range, under the current filters (a plain link: the browser streams it). */
export function ExportButton({ query }: { query: Query }) {
  const { t, i18n } = useTranslation();
  return (
    <Button component="a" href={conversationsCsvHref(query, i18n.language)} download size="xs" variant="default"
      leftSection={<IconDownload size={14} aria-hidden />} title={t('reports.export.help')} data-testid="reports-export">
      {t('reports.export.button')}
    </Button>
  );
}
