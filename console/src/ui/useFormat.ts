import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeQuery } from '../app/session.ts';
import { sharedClock } from './sharedClock.ts';
import { formatDate, formatDateTime, formatMoney, formatRelative, formatTime } from '../lib/format.ts';

/** One shared clock ticking every 30 s, so "5 phút trước" stays true without a timer per row. */
const clock = sharedClock(30_000);

export function useNow(): number {
  return useSyncExternalStore(clock.subscribe, clock.last, clock.last);
}

/** Formatters bound to the workspace time zone and the UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const { data: me } = useMeQuery();
  const now = useNow();
  const tz = me?.workspace.timezone ?? 'Asia/Ho_Chi_Minh';
  const lang = i18n.language;
  return {
    timeZone: tz,
    dateTime: (iso: string | null | undefined) => formatDateTime(iso, tz, lang),
    date: (iso: string | null | undefined) => formatDate(iso, tz, lang),
    time: (iso: string) => formatTime(iso, tz),
    relative: (iso: string | null | undefined) => formatRelative(iso, now, tz, lang),
    money: (amount: number, currency = 'VND') => formatMoney(amount, currency, lang),
  };
}
