import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { OrderImportDto } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';
import { belongsTo, type ImportRun } from './importProgress.ts';
import { shopKeys } from './shopApi.ts';

const pollMs = 2000;

/**
 * Where the running upload is. The POST answers only at the end; meanwhile `order_import.progress`
 * events update the recent-imports list in the cache (commerce/events.ts), and polling that list
 * covers a socket that is down.
 */
export function useImportProgress(run: ImportRun | null): OrderImportDto | null {
  // The first import found for the run is the run's; from then on only its id matches.
  const [pinned, setPinned] = useState<{ run: ImportRun; id: string } | null>(null);
  const pinnedId = pinned?.run === run ? pinned.id : null;
  const list = useQuery({
    queryKey: shopKeys.imports,
    queryFn: () => api.get<OrderImportDto[]>('/commerce/imports'),
    enabled: !!run,
    refetchInterval: run ? pollMs : false,
  });
  const found = run ? (list.data?.find((d) => belongsTo(run, d, pinnedId)) ?? null) : null;
  useEffect(() => {
    if (run && found && found.id !== pinnedId) setPinned({ run, id: found.id });
  }, [run, found, pinnedId]);
  return found;
}
