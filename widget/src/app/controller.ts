/**
 * The chat's state and rules, free of UI: session start/resume, screens, messages, realtime,
 * unread counts for the loader's badge. Components read `state` and call methods.
 */
import type { OrderLookupDto, QueuePositionDto, WidgetConfigDto, WidgetEvent, WidgetMessageDto, WidgetSessionDto } from '@careloop/contracts';
import { limits as sharedLimits } from '../../../contracts/src/limits.ts';
import { cleanIdentity, type Identity, type LoaderMessage, type WidgetLocale } from '../shared/protocol.ts';
import { WidgetApi } from './api.ts';
import { HelpClient } from './help.ts';
import { SurveyClient } from './survey.ts';
import { Bridge } from './bridge.ts';
import { readableInk, safeColor } from './color.ts';
import { ApiError, codeOf, isIdentityRefusal, noticeFor, type Notice } from './errors.ts';
import type { FrameParams } from './hash.ts';
import { pickLocale } from './i18n.ts';
import type { LookupValues } from './orders.ts';
import {
  attachmentProblem, countUnread, isFromAgent, lastConfirmedId, mergeMessages, newClientId, optimisticMessage, setStatus,
  type Attachment, type ChatMessage,
} from './messages.ts';
import { QueuePoller, awaitingReply } from './queue.ts';
import { Realtime, realtimeUrl, type ConnectionState } from './realtime.ts';
import { RelayStorage, VisitorStore, frameStorage } from './storage.ts';
import { StateStore } from './state-store.ts';
import { firstScreen, screenAfterSession, sessionInput, type Screen } from './screens.ts';
import { TypingNotifier } from './typing.ts';
import type { ContactValues } from './validate.ts';

export type { Screen };

export interface ChatState {
  screen: Screen;
  config: WidgetConfigDto | null;
  locale: WidgetLocale;
  open: boolean;
  embedded: boolean;
  messages: ChatMessage[];
  contact: WidgetSessionDto['contact'] | null;
  agentTyping: { name: string | null } | null;
  connection: ConnectionState | 'idle';
  notice: Notice | null;
  busy: boolean;
  /** Shown in the header for a verified visitor whose shop runs a loyalty programme. */
  loyalty: { balance: number; tier: string | null } | null;
  /** The visitor's place in line while they wait for a first answer (queue.ts). */
  queue: QueuePositionDto | null;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ChatController extends StateStore<ChatState> {
  readonly typing: TypingNotifier;
  /** Help-center suggestions while the visitor types (help.ts). */
  readonly help: HelpClient;
  /** Inline surveys in the message list (survey.ts). */
  readonly surveys: SurveyClient;
  private readonly queue: QueuePoller;
  private readonly api: WidgetApi;
  private readonly store: VisitorStore;
  /** Set when the frame's own localStorage is blocked and the loader keeps the keys instead. */
  private readonly relay: RelayStorage | null;
  private readonly bridge: Bridge;
  private realtime: Realtime | null = null;
  private realtimeToken: string | null = null;
  private sessionTask: Promise<boolean> | null = null;
  private hasSession = false;
  private hasConversation = false;
  private identity: Identity | null = null;
  private localeOverride: string | null = null;
  private prechatDone = false;
  private readPosted: string | null = null;
  /** Bumped whenever the visitor changes, so late answers for the previous one are dropped. */
  private epoch = 0;
  private unreadPosted = -1;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private initReceived: () => void = () => {};

  constructor(private readonly params: FrameParams) {
    const embedded = Bridge.isEmbedded(params.origin);
    super({
      screen: 'loading', config: null, locale: 'vi', open: !embedded, embedded, messages: [], contact: null,
      agentTyping: null, connection: 'idle', notice: null, busy: false, loyalty: null, queue: null,
    });
    this.api = new WidgetApi(params.token ?? '');
    this.help = new HelpClient(params.token ?? '', () => this.api.visitorToken);
    this.surveys = new SurveyClient(params.token ?? '', () => this.api.visitorToken);
    this.bridge = new Bridge(params.origin);
    const own = frameStorage();
    const relay = new RelayStorage(this.bridge.embedded
      ? (key, value) => this.bridge.post({ type: 'store', key, value })
      : undefined);
    this.relay = own ? null : relay;
    this.store = new VisitorStore(params.token ?? '', own ?? relay);
    this.typing = new TypingNotifier((typing) => {
      if (this.hasSession) this.api.typing(typing).catch(() => undefined);
    });
    this.queue = new QueuePoller({
      load: async () => (await this.api.queue()).queue,
      show: (queue) => this.set({ queue }),
      waiting: () => this.hasSession && this.hasConversation && awaitingReply(this.state.messages),
      visible: () => this.state.open && document.visibilityState === 'visible',
    });
    this.state = { ...this.state, locale: this.pickLocale(null) };
  }

  get limits() {
    const config = this.state.config?.limits;
    return {
      messageChars: config?.messageChars ?? sharedLimits.messageChars,
      attachmentBytes: config?.attachmentBytes ?? sharedLimits.attachmentBytes,
      files: sharedLimits.attachmentsPerMessage,
    };
  }

  async start(): Promise<void> {
    if (!this.params.token) return this.fail('misconfigured');
    const init = new Promise<void>((resolve) => (this.initReceived = resolve));
    this.bridge.listen((message) => this.onLoaderMessage(message));
    this.bridge.post({ type: 'ready' });
    if (this.bridge.embedded) await Promise.race([init, wait(1500)]);
    window.addEventListener('online', () => this.realtime?.wake());
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) this.realtime?.wake();
      this.queue.sync();
    });
    await this.boot();
  }

  /** Loads the inbox config, then resumes a stored visitor or picks the first screen. */
  async boot(): Promise<void> {
    this.set({ screen: 'loading', notice: null });
    let config: WidgetConfigDto;
    try {
      config = await this.api.config(this.localeOverride ?? this.params.locale);
    } catch (error) {
      const code = codeOf(error);
      // An unknown widget token is a broken snippet, not an expired visitor session.
      return this.fail(code === 'unauthenticated' || code === 'not_found' ? 'misconfigured' : code);
    }
    const color = safeColor(config.color);
    this.bridge.post({ type: 'theme', color, ink: readableInk(color) });
    this.set({ config });
    this.applyLocale();
    const stored = this.store.load();
    if (stored && this.identityChanged(stored.identifier)) this.store.clear();
    if (this.store.load() || this.identity) await this.beginSession({});
    else this.set({ screen: firstScreen(config) });
  }

  setOpen(open: boolean): void {
    this.set({ open });
    this.syncUnread();
    this.queue.sync();
  }

  close(): void {
    this.bridge.post({ type: 'close' });
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  identify(input: unknown): void {
    const identity = cleanIdentity(input);
    if (!identity) return;
    const stored = this.store.load();
    this.identity = identity;
    if (!this.state.config) return;
    if (stored && this.identityChanged(stored.identifier)) this.resetSession();
    void this.beginSession({});
  }

  async submitPrechat(values: ContactValues): Promise<void> {
    this.prechatDone = true;
    this.set({ busy: true });
    await this.beginSession(values);
    this.set({ busy: false });
  }

  /** Works without a session: the server creates the contact from the form (or updates ours). */
  async submitOffline(values: ContactValues & { body: string }): Promise<void> {
    this.set({ busy: true });
    try {
      await this.api.offline({ name: values.name ?? '', email: values.email, phone: values.phone, body: values.body });
      this.set({ screen: 'offlineSent', notice: null });
    } catch (error) {
      this.notify(codeOf(error));
    }
    this.set({ busy: false });
  }

  /** "Where is my order?": needs a visitor session, started on demand like an upload. Throws ApiError. */
  async lookupOrder(values: LookupValues): Promise<OrderLookupDto> {
    if (!(await this.ensureSession())) throw new ApiError(this.state.notice?.code ?? 'network', 'no session', 0);
    return this.api.lookupOrder(values);
  }

  /** Shows the message at once as 'sending'; returns false when it was not accepted. */
  send(text: string, attachments: Attachment[]): boolean {
    const body = text.trim();
    if (!body && !attachments.length) return false;
    if (body.length > this.limits.messageChars) {
      this.notify('too_long');
      return false;
    }
    this.typing.stop();
    const message = optimisticMessage(newClientId(), body, attachments);
    this.set({ messages: [...this.state.messages, message] });
    void this.deliver(message);
    return true;
  }

  retry(id: string): void {
    const message = this.state.messages.find((m) => m.id === id && m.status === 'failed');
    if (!message) return;
    this.set({ messages: setStatus(this.state.messages, id, 'sending') });
    void this.deliver(message);
  }

  async upload(file: File): Promise<Attachment | null> {
    const problem = attachmentProblem(file, this.limits.attachmentBytes);
    if (problem) {
      this.notify(problem);
      return null;
    }
    if (!(await this.ensureSession())) return null;
    try {
      return await this.api.upload(file);
    } catch (error) {
      this.notify(codeOf(error));
      return null;
    }
  }

  notify(code: string): void {
    this.set({ notice: noticeFor(code, this.limits) });
  }

  private fail(code: string): void {
    this.set({ screen: 'fatal', notice: noticeFor(code, this.limits) });
  }

  private onLoaderMessage(message: LoaderMessage): void {
    if (message.type === 'init') {
      if (message.stored && typeof message.stored === 'object') this.relay?.seed(message.stored);
      if (message.reset) this.store.clear();
      if (message.locale) this.localeOverride = message.locale;
      if (message.identity) this.identify(message.identity);
      this.setOpen(message.open);
      this.initReceived();
    } else if (message.type === 'open') {
      this.setOpen(message.open);
    } else if (message.type === 'identify') {
      this.identify(message.identity);
    } else if (message.type === 'reset') {
      this.identity = null;
      this.prechatDone = false;
      this.resetSession();
      if (this.state.config) this.set({ screen: firstScreen(this.state.config), notice: null });
    } else if (message.type === 'locale') {
      this.localeOverride = message.locale;
      this.applyLocale();
    }
  }

  private pickLocale(config: WidgetConfigDto | null): WidgetLocale {
    return pickLocale({
      override: this.localeOverride, config: config?.locale, hint: this.params.locale, browser: navigator.languages,
    });
  }

  private applyLocale(): void {
    const locale = this.pickLocale(this.state.config);
    document.documentElement.lang = locale;
    this.set({ locale });
  }

  /** A different signed-in customer on this browser must not see the previous one's conversation. */
  private identityChanged(storedIdentifier: string | null): boolean {
    const next = this.identity?.identifier;
    return !!storedIdentifier && !!next && storedIdentifier !== next;
  }

  private resetSession(): void {
    this.epoch++;
    this.realtime?.stop();
    this.realtime = null;
    this.realtimeToken = null;
    this.queue.stop();
    this.store.clear();
    this.api.visitorToken = null;
    this.hasSession = false;
    this.sessionTask = null;
    this.hasConversation = false;
    this.readPosted = null;
    this.set({ messages: [], contact: null, agentTyping: null, loyalty: null });
  }

  private ensureSession(): Promise<boolean> {
    return (this.sessionTask ??= this.openSession({}));
  }

  /** POSTs /session (create, resume or update the contact) and moves to the screen that follows. */
  private async beginSession(extra: ContactValues): Promise<boolean> {
    const task = this.openSession(extra);
    this.sessionTask = task;
    const ok = await task;
    const config = this.state.config;
    if (ok && config && this.state.screen !== 'offlineSent') {
      this.set({
        screen: screenAfterSession(config, {
          hasConversation: this.hasConversation || this.state.messages.length > 0, identified: !!this.identity,
          prechatDone: this.prechatDone, contact: this.state.contact,
        }),
      });
    }
    return ok;
  }

  private async openSession(extra: ContactValues): Promise<boolean> {
    const stored = this.store.load();
    const epoch = this.epoch;
    this.api.visitorToken = stored?.token ?? null;
    let session: WidgetSessionDto;
    try {
      session = await this.api.session(sessionInput(this.identity, extra, this.state.locale, this.params.origin));
    } catch (error) {
      if (epoch !== this.epoch) return false;
      const code = codeOf(error);
      if (stored && (code === 'unauthenticated' || code === 'session_expired')) {
        this.store.clear();
        return this.openSession(extra);
      }
      const required = this.state.config?.requireIdentityVerification;
      if (!required && code === 'invalid_signature' && this.identity?.identifierHash) {
        // A wrong signature must not cost the visitor the chat: continue as a guest with the contact fields.
        console.warn('[CareLoop] identify(): identifierHash does not match; continuing without identity');
        this.identity = { ...this.identity, identifier: undefined, identifierHash: undefined };
        return this.openSession(extra);
      }
      if (this.sessionTask) this.sessionTask = null;
      if (required && isIdentityRefusal(code)) this.set({ screen: 'identity' });
      else if (this.state.screen === 'loading') this.fail(code);
      else this.notify(code);
      return false;
    }
    if (epoch !== this.epoch) return false;
    // A resumed session answers with an empty token: the one we sent stays valid.
    const previous = stored?.token ?? null;
    const token = session.visitorToken || previous;
    if (!token) {
      this.notify('internal');
      return false;
    }
    if (previous && token !== previous) {
      this.epoch++;
      this.queue.stop();
      this.set({ messages: [] });
    }
    this.api.visitorToken = token;
    this.store.save({ token, identifier: this.identity?.identifier ?? stored?.identifier ?? null });
    this.hasSession = true;
    this.hasConversation = session.conversationId !== null;
    this.set({ contact: session.contact });
    void this.loadLoyalty();
    if (this.realtimeToken !== token) await this.connect(token);
    return true;
  }

  private async connect(visitorToken: string): Promise<void> {
    this.realtime?.stop();
    this.realtimeToken = visitorToken;
    const epoch = this.epoch;
    const history = await this.api.messages(null).catch(() => []);
    if (epoch !== this.epoch) return;
    this.addMessages(history);
    this.realtime = new Realtime(realtimeUrl(location.href, this.params.token ?? '', visitorToken), {
      event: (event) => this.onEvent(event),
      synced: () => void this.resync(),
      state: (connection) => this.set({ connection }),
    });
    this.realtime.start();
  }

  /** Answers `verified: false` unless the shop signed the visitor's identity; failures just hide the line. */
  private async loadLoyalty(): Promise<void> {
    const epoch = this.epoch;
    const answer = await this.api.loyalty().catch(() => null);
    if (epoch !== this.epoch) return;
    const loyalty = answer?.verified ? answer.loyalty : null;
    this.set({ loyalty: loyalty ? { balance: loyalty.balance, tier: loyalty.tier?.name ?? null } : null });
  }

  private async deliver(message: ChatMessage): Promise<void> {
    const epoch = this.epoch;
    if (await this.ensureSession()) {
      try {
        const saved = await this.api.send({
          body: message.body, clientId: message.clientId ?? message.id, attachmentIds: message.attachments.map((a) => a.id),
        });
        if (epoch !== this.epoch) return;
        this.hasConversation = true;
        this.addMessages([saved]);
        this.queue.kick();
        return;
      } catch (error) {
        this.notify(codeOf(error));
      }
    }
    this.set({ messages: setStatus(this.state.messages, message.id, 'failed') });
  }

  private async resync(): Promise<void> {
    const epoch = this.epoch;
    const missed = await this.api.messages(lastConfirmedId(this.state.messages)).catch(() => null);
    if (missed && epoch === this.epoch) this.addMessages(missed);
  }

  private onEvent(event: WidgetEvent): void {
    if ((event.type === 'message.created' || event.type === 'message.updated') && typeof event.message?.id === 'string') {
      this.addMessages([event.message]);
    } else if (event.type === 'typing.changed') {
      clearTimeout(this.typingTimer);
      this.set({ agentTyping: event.typing ? { name: event.name } : null });
      // A lost `typing: false` must not leave the indicator on forever.
      if (event.typing) this.typingTimer = setTimeout(() => this.set({ agentTyping: null }), 15_000);
    }
  }

  private addMessages(incoming: readonly WidgetMessageDto[]): void {
    if (!incoming.length) return;
    const { messages, added } = mergeMessages(this.state.messages, incoming);
    const patch: Partial<ChatState> = { messages };
    if (added.some(isFromAgent)) {
      clearTimeout(this.typingTimer);
      patch.agentTyping = null;
    }
    this.set(patch);
    this.syncUnread();
    this.queue.sync();
  }

  /** While open: remember what was seen and tell the server; while closed: report the badge count. */
  private syncUnread(): void {
    const { open, messages } = this.state;
    const last = lastConfirmedId(messages);
    if (open && last) {
      this.store.setSeen(last);
      if (this.hasSession && last !== this.readPosted && countUnread(messages, this.readPosted) > 0) {
        this.readPosted = last;
        this.api.read().catch(() => undefined);
      }
    }
    const unread = open ? 0 : countUnread(messages, this.store.seen());
    if (unread !== this.unreadPosted) {
      this.unreadPosted = unread;
      this.bridge.post({ type: 'unread', count: unread });
    }
  }
}
