/** Query keys of the call lists; everything under `calls` is refetched when a phone conversation changes. */
export const callKeys = {
  all: ['calls'] as const,
  /** Missed calls waiting for a callback (the "Calls to return" view). */
  open: ['calls', 'callbacks'] as const,
  openCount: ['calls', 'callbacks-count'] as const,
  contact: (contactId: string) => ['calls', 'contact', contactId] as const,
};
