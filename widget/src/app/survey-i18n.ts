/** The inline survey's words. Vietnamese first; `en` has every key `vi` has. */
import type { WidgetLocale } from '../shared/protocol.ts';

const vi = {
  scaleHint: 'Chọn từ {min} đến {max}',
  star: '{n} sao',
  csat1: 'Rất không hài lòng', csat2: 'Không hài lòng', csat3: 'Bình thường', csat4: 'Hài lòng', csat5: 'Rất hài lòng',
  npsLow: 'Không có khả năng', npsHigh: 'Rất có khả năng',
  cesLow: 'Rất khó', cesHigh: 'Rất dễ',
  send: 'Gửi',
  skip: 'Bỏ qua',
  optional: 'không bắt buộc',
  yourScore: 'Bạn đã chọn {n}/{max}',
  expired: 'Khảo sát này đã hết hạn.',
  reward: 'Quà cảm ơn của bạn',
  copy: 'Mã ưu đãi',
  loading: 'Đang tải khảo sát…',
  failed: 'Chưa tải được khảo sát.',
  retry: 'Thử lại',
  err_conflict: 'Khảo sát này đã được trả lời.',
  err_rate_limited: 'Bạn thao tác hơi nhanh, vui lòng đợi một chút.',
  err_network: 'Không kết nối được. Vui lòng thử lại.',
  err_generic: 'Chưa gửi được, vui lòng thử lại.',
};

export type SurveyKey = keyof typeof vi;

const en: Record<SurveyKey, string> = {
  scaleHint: 'Choose from {min} to {max}',
  star: '{n} stars',
  csat1: 'Very dissatisfied', csat2: 'Dissatisfied', csat3: 'Neutral', csat4: 'Satisfied', csat5: 'Very satisfied',
  npsLow: 'Not at all likely', npsHigh: 'Extremely likely',
  cesLow: 'Very difficult', cesHigh: 'Very easy',
  send: 'Send',
  skip: 'Skip',
  optional: 'optional',
  yourScore: 'You chose {n}/{max}',
  expired: 'This survey has expired.',
  reward: 'Your thank-you gift',
  copy: 'Voucher code',
  loading: 'Loading the survey…',
  failed: 'The survey could not be loaded.',
  retry: 'Try again',
  err_conflict: 'This survey was already answered.',
  err_rate_limited: 'You are going a bit fast. Please wait a moment.',
  err_network: 'Cannot connect. Please try again.',
  err_generic: 'Not sent yet, please try again.',
};

const dictionaries: Record<WidgetLocale, Record<SurveyKey, string>> = { vi, en };

export function surveyText(locale: WidgetLocale, key: SurveyKey, vars: Record<string, string | number> = {}): string {
  return dictionaries[locale][key].replace(/\{(\w+)\}/g, (match, name: string) => String(vars[name] ?? match));
}

/** What a screen reader says for one score: "4 – Satisfied", "5 stars", or the number. */
export function scoreLabel(locale: WidgetLocale, kind: 'csat' | 'nps' | 'ces', score: number): string {
  if (kind === 'csat' && score >= 1 && score <= 5) return `${score} – ${surveyText(locale, `csat${score}` as SurveyKey)}`;
  return String(score);
}

export function errorText(locale: WidgetLocale, code: string): string {
  const key = `err_${code}` as SurveyKey;
  return key in vi ? surveyText(locale, key) : surveyText(locale, 'err_generic');
}
