import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import type { NotificationDto } from '@careloop/contracts';
import { signalUnauthorized } from '../lib/api.ts';
import { applyEvent } from './applyEvent.ts';
import { countsRefresher, onSocketReady } from './realtimeHandlers.ts';
import { useMe } from './session.ts';
import { RealtimeSocket, type SocketStatus } from './socket.ts';

interface RealtimeValue {
  socket: RealtimeSocket;
  status: SocketStatus;
}

const RealtimeContext = createContext<RealtimeValue | null>(null);

/** Owns the tab's single socket for as long as an agent is signed in. */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const me = useMe();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const [status, setStatus] = useState<SocketStatus>('connecting');
  const latest = useRef({ me, navigate, t });
  latest.current = { me, navigate, t };

  const socket = useMemo(() => {
    const refreshCounts = countsRefresher(qc);
    const notify = (n: NotificationDto) => {
      const { t: tr, navigate: go } = latest.current;
      notifications.show({
        title: tr(`notifications.kind.${n.kind}`, { name: n.actorName ?? tr('common.someone'), number: n.conversationNumber ?? '' }),
        message: n.excerpt,
        autoClose: 6000,
        style: { cursor: n.conversationId ? 'pointer' : undefined },
        onClick: () => {
          if (n.conversationId) void go(`/conversations/${n.conversationId}`);
        },
      });
    };
    return new RealtimeSocket({
      onReady: (resync) => onSocketReady(qc, resync),
      onEvent: (event) => applyEvent(event, { qc, me: latest.current.me, notify, refreshCounts }),
      onStatus: setStatus,
      onUnauthorized: signalUnauthorized,
    });
  }, [qc]);

  useEffect(() => {
    socket.start();
    return () => socket.stop();
  }, [socket]);

  const value = useMemo(() => ({ socket, status }), [socket, status]);
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeValue {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error('useRealtime() outside RealtimeProvider');
  return value;
}

/** Watch a conversation (presence, typing, its events) while the calling view is mounted. */
export function useWatchConversation(conversationId: string): void {
  const { socket } = useRealtime();
  useEffect(() => {
    socket.watch(conversationId);
    return () => socket.unwatch(conversationId);
  }, [socket, conversationId]);
}
