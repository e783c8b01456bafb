import { CloseButton, Group, Text } from '@mantine/core';
import { IconQuote } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { quoteExcerpt, type Quote } from './quote.ts';

/** The customer message the next reply quotes, above the composer, with × to drop it. */
export function QuotePreview({ quote, onRemove }: { quote: Quote; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Group className="composer-quote" gap={6} wrap="nowrap" mb={4} data-testid="composer-quote" data-message-id={quote.id}
      style={{ borderLeft: '3px solid var(--mantine-color-indigo-4)', paddingLeft: 8 }}>
      <IconQuote size={14} aria-hidden style={{ flexShrink: 0, color: 'var(--mantine-color-dimmed)' }} />
      <div style={{ minWidth: 0, flex: 1 }}>
        <Text size="xs" fw={600}>{t('quote.replyingTo', { name: quote.sender.name ?? t('contact.visitor') })}</Text>
        <Text size="xs" c="dimmed" truncate="end" data-testid="composer-quote-text">{quoteExcerpt(quote)}</Text>
      </div>
      <CloseButton size="sm" aria-label={t('quote.remove')} onClick={onRemove} data-testid="composer-quote-remove" />
    </Group>
  );
}
