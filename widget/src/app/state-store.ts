/** The smallest observable state holder: components subscribe, the owner patches. */
export class StateStore<T extends object> {
  private readonly listeners = new Set<() => void>();

  constructor(public state: T) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  protected set(patch: Partial<T>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
