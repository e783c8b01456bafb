/**
 * The frame's side of the postMessage protocol. It only talks to the shop origin the loader put
 * in the hash, and only listens to `window.parent` from that origin.
 */
import { isProtocolMessage, type AppMessage, type LoaderMessage } from '../shared/protocol.ts';

type Outgoing = AppMessage extends infer M ? (M extends AppMessage ? Omit<M, 'careloop'> : never) : never;

export class Bridge {
  readonly embedded: boolean;

  constructor(private readonly parentOrigin: string | null, private readonly win: Window = window) {
    this.embedded = Bridge.isEmbedded(parentOrigin, win);
  }

  static isEmbedded(parentOrigin: string | null, win: Window = window): boolean {
    return win.parent !== win && parentOrigin !== null;
  }

  post(message: Outgoing): void {
    if (this.embedded && this.parentOrigin) this.win.parent.postMessage({ careloop: 1, ...message }, this.parentOrigin);
  }

  listen(handler: (message: LoaderMessage) => void): void {
    this.win.addEventListener('message', (event) => {
      if (!this.embedded || event.source !== this.win.parent || event.origin !== this.parentOrigin) return;
      if (isProtocolMessage<LoaderMessage>(event.data)) handler(event.data);
    });
  }
}
