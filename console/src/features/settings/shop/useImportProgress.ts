import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { OrderImportDto } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';
import { belongsTo, later, type ImportRun } from './importProgress.ts';
import { shopKeys } from './shopApi.ts';
import { useRealtimeEvent } from './useRealtimeEvent.ts';

const pollMs = 2000;

/**
 * Where the running upload is. The POST answers only at the end, so the live source is the
 * `order_import.progress` event; polling (the list until the import's id is known, then the import)
 * covers a socket that is down.
 */
export function useImportProgress(run: ImportRun | null): OrderImportDto | null {
  const [live, setLive] = useState<{ run: ImportRun; dto: OrderImportDto } | null>(null);
  // The first import found for the run (by event or poll) is the run's; from then on only its id matches.
  const [pinned, setPinned] = useState<{ run: ImportRun; id: string } | null>(null);
  const pinnedId = pinned?.run === run ? pinned.id : null;
  useRealtimeEvent('order_import.progress', ({ orderImport }) => {
    if (!run) return;
    setLive((prev) => {
      const mine = prev?.run === run ? prev.dto : null;
      if (!belongsTo(run, orderImport, pinnedId ?? mine?.id)) return prev;
      return { run, dto: later(mine, orderImport) ?? orderImport };
    });
  });
  const fromEvent = live?.run === run ? live.dto : null;
  const list = useQuery({
    queryKey: shopKeys.imports,
    queryFn: () => api.get<OrderImportDto[]>('/commerce/imports'),
    enabled: !!run && !fromEvent,
    refetchInterval: run && !fromEvent ? pollMs : false,
  });
  const fromList = run ? (list.data?.find((d) => belongsTo(run, d, pinnedId ?? fromEvent?.id)) ?? null) : null;
  const id = pinnedId ?? fromEvent?.id ?? fromList?.id ?? null;
  useEffect(() => {
    if (run && id && id !== pinnedId) setPinned({ run, id });
  }, [run, id, pinnedId]);
  const one = useQuery({
    queryKey: shopKeys.importOne(id ?? '-'),
    queryFn: () => api.get<OrderImportDto>(`/commerce/imports/${id}`),
    enabled: !!run && !!id,
    refetchInterval: run && id ? pollMs : false,
  });
  if (!run) return null;
  return later(later(fromEvent, fromList), one.data?.id === id ? one.data : null);
}
