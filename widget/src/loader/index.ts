/**
 * The script a shop pastes. It builds the launcher and the chat iframe, relays the page's
 * `window.Careloop` calls to the frame and shows the unread count the frame reports.
 */
import { readSettings, type SnippetSettings } from './settings.ts';
import { createUi, type LauncherUi } from './ui.ts';
import { cleanIdentity, isProtocolMessage, type AppMessage, type Identity, type LoaderMessage } from '../shared/protocol.ts';

export interface CareloopApi {
  open(): void;
  close(): void;
  toggle(): void;
  identify(identity: Identity): void;
  setLocale(locale: 'vi' | 'en'): void;
  /** Call on logout: the next visitor on this browser starts a fresh conversation. */
  reset(): void;
}

type LoaderWindow = Window & { careloopSettings?: SnippetSettings; Careloop?: CareloopApi };

const win = window as LoaderWindow;
const script = (document.currentScript ||
  document.querySelector('script[src*="/widget/loader.js"]')) as HTMLScriptElement | null;
const settings = script &&
  readSettings(script.src, script.dataset, win.careloopSettings, location.origin, document.documentElement.lang);
const hexColor = /^#[0-9a-f]{6}$/i;

if (!win.Careloop && settings) {
  let ui: LauncherUi | null = null;
  let ready = false;
  let open = false;
  let identity: Identity | null = null;
  /** Only an explicit setLocale(); the snippet's locale is already in the frame's hash. */
  let locale: string | null = null;
  let resetPending = false;

  const post = (message: LoaderMessage) => {
    if (ready) ui?.frame.contentWindow?.postMessage(message, settings.host);
  };
  /** The frame's fallback storage: only `careloop:*:<token>` keys of this inbox. */
  const suffix = ':' + settings.token;
  const ownKey = (key: unknown): key is string => typeof key === 'string' && key.startsWith('careloop:') && key.endsWith(suffix);
  const stored = () => {
    const out: Record<string, string> = {};
    try {
      for (const key of Object.keys(localStorage)) if (ownKey(key)) out[key] = localStorage.getItem(key) ?? '';
    } catch {
      // Storage disabled on the page too: the chat lasts for this page view.
    }
    return out;
  };
  const setOpen = (next: boolean) => {
    open = next;
    ui?.setOpen(next);
    post({ careloop: 1, type: 'open', open: next });
    if (next) ui?.frame.focus();
  };

  win.Careloop = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!open),
    identify(input) {
      const clean = cleanIdentity(input);
      if (!clean) return;
      identity = clean;
      post({ careloop: 1, type: 'identify', identity: clean });
    },
    reset() {
      identity = null;
      resetPending = !ready;
      post({ careloop: 1, type: 'reset' });
    },
    setLocale(next) {
      locale = next;
      post({ careloop: 1, type: 'locale', locale: next });
    },
  };

  win.addEventListener('message', (event) => {
    if (!ui || event.origin !== settings.host || event.source !== ui.frame.contentWindow) return;
    if (!isProtocolMessage<AppMessage>(event.data)) return;
    const message = event.data;
    if (message.type === 'ready') {
      ready = true;
      post({ careloop: 1, type: 'init', open, identity, locale, stored: stored(), reset: resetPending });
      resetPending = false;
    } else if (message.type === 'unread') {
      ui.setUnread(message.count);
    } else if (message.type === 'close') {
      setOpen(false);
    } else if (message.type === 'store' && ownKey(message.key)) {
      try {
        if (typeof message.value === 'string') localStorage.setItem(message.key, message.value);
        else localStorage.removeItem(message.key);
      } catch {
        // Quota or disabled storage: nothing to keep.
      }
    } else if (message.type === 'theme' && hexColor.test(message.color) && hexColor.test(message.ink)) {
      ui.setColor(message.color, message.ink);
    }
  });

  const mount = () => {
    ui = createUi(settings.frameUrl, settings.locale !== 'en', () => setOpen(!open));
    ui.setOpen(open);
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
  win.dispatchEvent(new Event('careloop:ready'));
}
