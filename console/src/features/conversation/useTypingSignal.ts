import { useCallback, useEffect, useRef } from 'react';
import { useRealtime } from '../../app/realtime.tsx';

const resendMs = 3_000;
const idleMs = 4_000;

/** Tell watchers the agent is composing: at most one frame every 3 s, "stopped" after 4 s idle. */
export function useTypingSignal(conversationId: string, isPrivate: boolean) {
  const { socket } = useRealtime();
  const state = useRef({ typing: false, lastSent: 0, timer: null as ReturnType<typeof setTimeout> | null });

  const stop = useCallback(() => {
    const s = state.current;
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    if (s.typing) socket.send({ type: 'typing', conversationId, typing: false, private: isPrivate });
    s.typing = false;
  }, [socket, conversationId, isPrivate]);

  const ping = useCallback(() => {
    const s = state.current;
    const now = Date.now();
    if (!s.typing || now - s.lastSent > resendMs) {
      if (socket.send({ type: 'typing', conversationId, typing: true, private: isPrivate })) {
        s.typing = true;
        s.lastSent = now;
      }
    }
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(stop, idleMs);
  }, [socket, conversationId, isPrivate, stop]);

  // Switching Reply ↔ Note, or leaving the conversation, ends the current signal.
  useEffect(() => stop, [stop]);

  return { ping, stop };
}
