/** Which screen a visitor sees, and what the session request carries: pure rules, tested alone. */
import type { WidgetConfigDto, WidgetSessionDto } from '@careloop/contracts';
import { limits } from '../../../contracts/src/limits.ts';
import type { Identity } from '../shared/protocol.ts';
import type { SessionInput } from './api.ts';
import { isEmail, needsPrechat, type ContactValues } from './validate.ts';

export type Screen = 'loading' | 'fatal' | 'identity' | 'prechat' | 'offline' | 'offlineSent' | 'chat';

/** A visitor without a session yet; the session itself starts lazily with the first message. */
export function firstScreen(config: WidgetConfigDto): Screen {
  if (config.requireIdentityVerification) return 'identity';
  if (!config.agentsOnline) return 'offline';
  return config.preChatForm.length ? 'prechat' : 'chat';
}

/** After POST /session: an ongoing conversation always shows the chat, even with nobody online. */
export function screenAfterSession(config: WidgetConfigDto, visitor: {
  hasConversation: boolean;
  identified: boolean;
  prechatDone: boolean;
  contact: WidgetSessionDto['contact'] | null;
}): Screen {
  if (!config.agentsOnline && !visitor.hasConversation) return 'offline';
  if (!visitor.identified && !visitor.prechatDone && needsPrechat(config.preChatForm, visitor.contact)) return 'prechat';
  return 'chat';
}

/**
 * The shop's identify() data plus what the visitor typed. An identifier is only sent with its
 * signature (alone the server refuses it), and an invalid email is dropped rather than failing.
 */
export function sessionInput(identity: Identity | null, extra: ContactValues, locale: string, pageUrl: string | null): SessionInput {
  const { identifier, identifierHash, name, email, phone } = identity ?? {};
  const input: SessionInput = {};
  if (name) input.name = name.slice(0, limits.nameChars);
  if (phone) input.phone = phone.slice(0, 40);
  if (email && isEmail(email)) input.email = email;
  if (identifier && identifierHash) Object.assign(input, { identifier, identifierHash });
  return { ...input, ...extra, locale, ...(pageUrl ? { pageUrl } : {}) };
}
