/**
 * A fresh key for one user action (a message, a redemption, an offer): sending the same action
 * again with its key lets the server answer with the first result instead of doing it twice.
 */
export function newRequestKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `k${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}
