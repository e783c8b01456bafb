import { cleanLine, fold, type ContactInput } from '@careloop/contracts';
import type { Row, RowUpdate } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { displayPhone, isInvalidPhone, nationalDigits, normalizePhoneVN, type InvalidPhone } from './phone.ts';

/**
 * The editable state of a contact with attributes parsed. Every write goes through here so that
 * the phone is always normalised and `search_folded` never drifts from the fields it is built from.
 */
export type ContactState = Pick<Row<'contacts'>, 'name' | 'email' | 'phone' | 'phone_raw' | 'avatar_url' | 'locale' | 'tags' | 'attributes'>;

export const emptyState: ContactState = {
  name: null, email: null, phone: null, phone_raw: null, avatar_url: null, locale: null, tags: [], attributes: {},
};

export function stateOf(row: Row<'contacts'>): ContactState {
  return {
    name: row.name, email: row.email, phone: row.phone, phone_raw: row.phone_raw, avatar_url: row.avatar_url,
    locale: row.locale, tags: row.tags, attributes: row.attributes,
  };
}

/** Extra numbers typed in the phone field ("0912… / 0987…") are kept where the agent can see them. */
export const otherPhonesAttribute = 'other_phones';

export interface ApplyOptions {
  /** Agents get an error for an unusable phone; visitors and imports keep it in `phone_raw` only. */
  strictPhone: boolean;
  /** Agents edit the whole attribute set; the pre-chat form only adds to it. */
  mergeAttributes: boolean;
}

export function applyInput(current: ContactState, input: ContactInput, opts: ApplyOptions): ContactState {
  const next: ContactState = { ...current, tags: [...current.tags], attributes: { ...current.attributes } };
  if (input.name !== undefined) next.name = input.name === null ? null : cleanLine(input.name) || null;
  if (input.email !== undefined) next.email = input.email || null;
  if (input.avatarUrl !== undefined) next.avatar_url = input.avatarUrl;
  if (input.locale !== undefined) next.locale = input.locale;
  if (input.tags !== undefined) next.tags = [...new Set(input.tags.map(cleanLine).filter(Boolean))];
  if (input.attributes !== undefined) next.attributes = opts.mergeAttributes ? { ...next.attributes, ...input.attributes } : { ...input.attributes };
  if (input.phone !== undefined) applyPhone(next, input.phone, opts.strictPhone);
  return next;
}

function applyPhone(next: ContactState, typed: string | null, strict: boolean) {
  const raw = typed?.trim() ?? '';
  if (!raw) {
    next.phone = null;
    next.phone_raw = null;
    return;
  }
  const result = normalizePhoneVN(raw);
  if (isInvalidPhone(result)) {
    if (strict) throw invalidPhoneError(result);
    next.phone_raw = raw;
    return;
  }
  next.phone = result.e164;
  next.phone_raw = raw;
  if (result.extra.length > 0) {
    next.attributes[otherPhonesAttribute] = result.extra.map((p) => (p.startsWith('+') ? displayPhone(p) : p)).join(', ');
  }
}

export function invalidPhoneError(result: InvalidPhone): AppError {
  const message = result.flags.includes('excel_scientific')
    ? `The phone "${result.raw}" is in Excel scientific notation and has lost digits; type the number again`
    : `The phone "${result.raw}" is not a Vietnamese number (like 0912 345 678) or an international number starting with +`;
  return new AppError('validation_failed', message, { issues: [{ path: 'phone', message, code: 'invalid_phone' }], flags: result.flags });
}

/** fold(name + email + phone digits + national phone); an unusable phone is searchable by its digits. */
export function searchFoldedOf(state: ContactState): string {
  const parts = [state.name, state.email];
  if (state.phone) parts.push(state.phone.replace(/\D/g, ''), nationalDigits(state.phone));
  if (state.phone_raw && !state.phone) parts.push(state.phone_raw.replace(/\D/g, ''));
  return fold(parts.filter(Boolean).join(' '));
}

export function columnsOf(state: ContactState) {
  return { ...state, attributes: JSON.stringify(state.attributes), search_folded: searchFoldedOf(state) } satisfies RowUpdate<'contacts'>;
}

// Merge snapshots ---------------------------------------------------------------

/** The columns a merge may change, as JSON, so undo can put them back exactly. */
export function snapshotOf(row: Row<'contacts'>): Record<string, unknown> {
  return {
    ...stateOf(row),
    blocked: row.blocked,
    blocked_reason: row.blocked_reason,
    merged_into_id: row.merged_into_id,
    last_activity_at: row.last_activity_at?.toISOString() ?? null,
  };
}

export function restoreColumns(snapshot: Record<string, unknown>) {
  const str = (key: string) => (typeof snapshot[key] === 'string' ? (snapshot[key] as string) : null);
  const state: ContactState = {
    name: str('name'), email: str('email'), phone: str('phone'), phone_raw: str('phone_raw'), avatar_url: str('avatar_url'),
    locale: str('locale'),
    tags: Array.isArray(snapshot.tags) ? (snapshot.tags as string[]) : [],
    attributes: snapshot.attributes && typeof snapshot.attributes === 'object' ? (snapshot.attributes as Record<string, unknown>) : {},
  };
  const lastActivity = str('last_activity_at');
  return {
    ...columnsOf(state),
    blocked: snapshot.blocked === true,
    blocked_reason: str('blocked_reason'),
    merged_into_id: str('merged_into_id'),
    last_activity_at: lastActivity ? new Date(lastActivity) : null,
  } satisfies RowUpdate<'contacts'>;
}

/** The survivor keeps what it has and fills the gaps from the merged contact. */
export function mergedState(survivor: ContactState, merged: ContactState): ContactState {
  const phoneFrom = survivor.phone || !merged.phone ? survivor : merged;
  return {
    name: survivor.name ?? merged.name,
    email: survivor.email ?? merged.email,
    phone: phoneFrom.phone,
    phone_raw: phoneFrom.phone_raw ?? (phoneFrom.phone ? null : merged.phone_raw),
    avatar_url: survivor.avatar_url ?? merged.avatar_url,
    locale: survivor.locale ?? merged.locale,
    tags: [...new Set([...survivor.tags, ...merged.tags])],
    attributes: { ...merged.attributes, ...survivor.attributes },
  };
}
