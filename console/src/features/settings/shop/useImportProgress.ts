import { useState } from 'react';
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
  useRealtimeEvent('order_import.progress', ({ orderImport }) => {
    if (!run || !belongsTo(run, orderImport)) return;
    setLive((prev) => ({ run, dto: later(prev?.run === run ? prev.dto : null, orderImport) ?? orderImport }));
  });
  const fromEvent = live?.run === run ? live.dto : null;
  const list = useQuery({
    queryKey: shopKeys.imports,
    queryFn: () => api.get<OrderImportDto[]>('/commerce/imports'),
    enabled: !!run && !fromEvent,
    refetchInterval: run && !fromEvent ? pollMs : false,
  });
  const fromList = run ? (list.data?.find((d) => belongsTo(run, d)) ?? null) : null;
  const id = fromEvent?.id ?? fromList?.id ?? null;
  const one = useQuery({
    queryKey: shopKeys.importOne(id ?? '-'),
    queryFn: () => api.get<OrderImportDto>(`/commerce/imports/${id}`),
    enabled: !!run && !!id,
    refetchInterval: run && id ? pollMs : false,
  });
  if (!run) return null;
  return later(later(fromEvent, fromList), one.data);
}
