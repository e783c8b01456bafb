import type { ReactNode } from 'react';
import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';

/**
 * One report's states: a spinner on the first load, the translated error when it failed (while older
 * figures, if any, stay shown), then its content.
 */
export function Loaded<T>({ query, testId, children }: {
  query: { data: T | undefined; error: unknown; isLoading: boolean };
  testId: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {query.isLoading && <Center p="lg" data-testid={`${testId}-loading`}><Loader size="sm" aria-label={t('common.loading')} /></Center>}
      {query.error ? <ErrorAlert error={query.error} testId={`${testId}-error`} /> : null}
      {query.data !== undefined && children(query.data)}
    </>
  );
}
