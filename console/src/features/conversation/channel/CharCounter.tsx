import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.ts';

/** "1 950 / 2 000" under the composer; red with a reason once over the channel's limit. */
export function CharCounter({ length, max }: { length: number; max: number }) {
  const { t, i18n } = useTranslation();
  const over = length > max;
  return (
    <Text size="xs" c={over ? 'red' : 'dimmed'} data-testid="composer-counter" data-over={over ? 'true' : 'false'} aria-live="polite"
      title={over ? t('messaging.composer.tooLong', { max: formatNumber(max, i18n.language) }) : undefined}>
      {formatNumber(length, i18n.language)} / {formatNumber(max, i18n.language)}
      {over && ` · ${t('messaging.composer.tooLong', { max: formatNumber(max, i18n.language) })}`}
    </Text>
  );
}
