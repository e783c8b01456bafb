import { Button, Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function LoadMore({ hasMore, loading, onLoad, label }: { hasMore: boolean; loading: boolean; onLoad: () => void; label?: string }) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <Center py="xs">
      <Button size="xs" variant="subtle" loading={loading} onClick={onLoad} data-testid="load-more">
        {label ?? t('common.loadMore')}
      </Button>
    </Center>
  );
}
