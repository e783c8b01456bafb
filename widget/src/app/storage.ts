/**
 * Per-inbox visitor memory: the visitor token (and which signed identifier it belongs to) plus
 * the last message seen with the widget open. Kept in the frame's localStorage; when the browser
 * blocks third-party storage (incognito, strict tracking protection) the loader keeps it in the
 * shop page's localStorage instead, so a reload still resumes the conversation.
 */
export interface StoredVisitor {
  token: string;
  identifier: string | null;
}

export type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function frameStorage(): KeyValue | null {
  try {
    const probe = '__careloop__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return null;
  }
}

/** In memory, seeded from and written through to the loader (`write` is absent when not embedded). */
export class RelayStorage implements KeyValue {
  private readonly map = new Map<string, string>();

  constructor(private readonly write?: (key: string, value: string | null) => void) {}

  seed(entries: Record<string, string>): void {
    for (const [key, value] of Object.entries(entries)) {
      if (typeof value === 'string' && !this.map.has(key)) this.map.set(key, value);
    }
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
    this.write?.(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
    this.write?.(key, null);
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
