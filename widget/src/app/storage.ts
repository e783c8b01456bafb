/**
 * Per-inbox visitor memory in localStorage: the visitor token (and which signed identifier it
 * belongs to) plus the last message seen with the widget open. Falls back to memory when
 * third-party storage is blocked, so the chat still works for this page view.
 */
export interface StoredVisitor {
  token: string;
  identifier: string | null;
}

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function browserStorage(): KeyValue {
  try {
    const probe = '__careloop__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
      removeItem: (key) => void memory.delete(key),
    };
  }
}

export class VisitorStore {
  private readonly visitorKey: string;
  private readonly seenKey: string;

  constructor(inboxToken: string, private readonly storage: KeyValue) {
    this.visitorKey = `careloop:visitor:${inboxToken}`;
    this.seenKey = `careloop:seen:${inboxToken}`;
  }

  load(): StoredVisitor | null {
    try {
      const value = JSON.parse(this.storage.getItem(this.visitorKey) ?? 'null') as Partial<StoredVisitor> | null;
      if (!value || typeof value.token !== 'string' || !value.token) return null;
      return { token: value.token, identifier: typeof value.identifier === 'string' ? value.identifier : null };
    } catch {
      return null;
    }
  }

  save(visitor: StoredVisitor): void {
    this.write(this.visitorKey, JSON.stringify(visitor));
  }

  clear(): void {
    this.storage.removeItem(this.visitorKey);
    this.storage.removeItem(this.seenKey);
  }

  seen(): string | null {
    return this.storage.getItem(this.seenKey);
  }

  setSeen(messageId: string): void {
    this.write(this.seenKey, messageId);
  }

  private write(key: string, value: string): void {
    try {
      this.storage.setItem(key, value);
    } catch {
      // Quota or privacy mode: the session still works, it just will not survive a reload.
    }
  }
}
