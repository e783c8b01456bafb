/** The widget API (docs/API.md, `/api/widget`): inbox token header + visitor Bearer token. */
import type { OrderLookupDto, QueuePositionDto, WidgetConfigDto, WidgetMessageDto, WidgetSessionDto } from '@careloop/contracts';
import { ApiError, errorFromResponse } from './errors.ts';
import type { Attachment } from './messages.ts';

export interface SessionInput {
  name?: string;
  email?: string;
  phone?: string;
  identifier?: string;
  identifierHash?: string;
  locale?: string;
  pageUrl?: string;
}
export interface MessageInput {
  body: string;
  clientId: string;
  attachmentIds: string[];
}
export interface OfflineInput {
  name: string;
  email?: string;
  phone?: string;
  body: string;
}

/** Points and tier, only for a visitor the shop vouched for (identity verification). */
export interface WidgetLoyalty {
  verified: boolean;
  loyalty: { balance: number; tier: { name: string; benefits: string } | null } | null;
}

export class WidgetApi {
  visitorToken: string | null = null;

  constructor(private readonly inboxToken: string, private readonly base = '/api/widget') {}

  /** `locale` is the snippet's hint; the server uses it when the inbox is set to 'auto'. */
  config(locale: string | null): Promise<WidgetConfigDto> {
    return this.request('GET', locale ? `/config?locale=${encodeURIComponent(locale)}` : '/config');
  }
  session(input: SessionInput): Promise<WidgetSessionDto> {
    return this.request('POST', '/session', input);
  }
  messages(after: string | null): Promise<WidgetMessageDto[]> {
    return this.request('GET', after ? `/messages?after=${encodeURIComponent(after)}` : '/messages');
  }
  send(input: MessageInput): Promise<WidgetMessageDto> {
    return this.request('POST', '/messages', input);
  }
  upload(file: File): Promise<Attachment> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.request('POST', '/attachments', form);
  }
  typing(typing: boolean): Promise<{ ok: true }> {
    return this.request('POST', '/typing', { typing });
  }
  read(): Promise<{ ok: true }> {
    return this.request('POST', '/read');
  }
  offline(input: OfflineInput): Promise<{ ok: true }> {
    return this.request('POST', '/offline', input);
  }
  /** 404 `not_found` for any wrong number/phone pair; 429 `rate_limited` after a few tries. */
  lookupOrder(input: { orderNumber: string; phone: string }): Promise<OrderLookupDto> {
    return this.request('POST', '/orders/lookup', input);
  }
  loyalty(): Promise<WidgetLoyalty> {
    return this.request('GET', '/loyalty');
  }
  /** `queue: null` without an open conversation; `position: null` once an agent has it. */
  queue(): Promise<{ queue: QueuePositionDto | null }> {
    return this.request('GET', '/queue');
  }

  private async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'x-careloop-inbox': this.inboxToken, accept: 'application/json' };
    if (this.visitorToken) headers.authorization = `Bearer ${this.visitorToken}`;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      // No cookies: the widget authenticates by header, never with an agent's console session.
      response = await fetch(this.base + path, { method, headers, body: payload, credentials: 'omit' });
    } catch {
      throw new ApiError('network', 'network error', 0);
    }
    const data: unknown = await response.json().catch(() => null);
    if (!response.ok) throw errorFromResponse(response.status, data);
    return data as T;
  }
}
