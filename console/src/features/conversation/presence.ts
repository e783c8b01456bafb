import type { Viewer } from '@careloop/contracts';
import type { Typist } from '../../app/liveStore.ts';

/** One "… is typing" line: a customer, an agent replying, or an agent writing a private note. */
export interface TypingLine {
  key: string;
  who: 'contact' | 'agent';
  private: boolean;
  name: string | null;
}

/**
 * What the presence bar says: agents only viewing, and everyone typing. An agent is listed once:
 * a typing frame (which knows whether it is a note) wins over the viewer's own typing flag.
 */
export function presenceLines(viewers: Viewer[], typists: Typist[]): { idle: Viewer[]; typing: TypingLine[] } {
  const typingIds = new Set(typists.filter((x) => x.who.type === 'agent').map((x) => x.who.id));
  const idle = viewers.filter((v) => !v.typing && !typingIds.has(v.agentId));
  const typing: TypingLine[] = [
    ...typists.map((x) => ({ key: `${x.who.type}:${x.who.id}`, who: x.who.type, private: x.private, name: x.who.name })),
    ...viewers
      .filter((v) => v.typing && !typingIds.has(v.agentId))
      .map((v) => ({ key: `agent:${v.agentId}`, who: 'agent' as const, private: false, name: v.name })),
  ];
  return { idle, typing };
}
