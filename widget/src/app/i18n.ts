/** Widget strings. Vietnamese first; `en` must have every key `vi` has. */
import type { WidgetLocale } from '../shared/protocol.ts';

const vi = {
  online: 'Chúng tôi đang trực tuyến',
  away: 'Hiện chưa có nhân viên trực tuyến',
  close: 'Đóng khung chat',
  loading: 'Đang tải…',
  reconnecting: 'Đang kết nối lại…',
  placeholder: 'Nhập tin nhắn…',
  send: 'Gửi',
  attach: 'Đính kèm ảnh',
  removeAttachment: 'Bỏ ảnh',
  uploading: 'Đang tải ảnh lên…',
  typing: '{name} đang soạn tin…',
  agent: 'Nhân viên',
  you: 'Bạn',
  sending: 'Đang gửi…',
  failed: 'Chưa gửi được.',
  retry: 'Gửi lại',
  image: 'Ảnh đính kèm',
  charsLeft: 'Còn {n} ký tự',
  prechatIntro: 'Vui lòng để lại thông tin để chúng tôi hỗ trợ bạn tốt hơn.',
  name: 'Họ và tên',
  phone: 'Số điện thoại',
  email: 'Email',
  message: 'Lời nhắn',
  optional: 'không bắt buộc',
  startChat: 'Bắt đầu trò chuyện',
  required: 'Vui lòng điền thông tin này.',
  invalidPhone: 'Số điện thoại chưa đúng, ví dụ 0901 234 567.',
  invalidEmail: 'Email chưa đúng định dạng, ví dụ ten@gmail.com.',
  emailOrPhone: 'Vui lòng nhập email hoặc số điện thoại để chúng tôi liên hệ lại.',
  emailOrPhoneHint: 'Để lại email hoặc số điện thoại (ít nhất một) để shop trả lời bạn.',
  offlineTitle: 'Để lại lời nhắn',
  offlineDefault: 'Hiện chưa có nhân viên trực tuyến. Hãy để lại lời nhắn, chúng tôi sẽ liên hệ lại với bạn.',
  offlineSend: 'Gửi lời nhắn',
  offlineThanks: 'Cảm ơn bạn! Chúng tôi đã nhận được lời nhắn và sẽ liên hệ lại qua email hoặc số điện thoại bạn để lại.',
  identityRequired: 'Vui lòng đăng nhập tài khoản trên trang web này để trò chuyện với chúng tôi.',
  tryAgain: 'Thử lại',
  dismiss: 'Đóng thông báo',
  orderLookup: 'Tra cứu đơn hàng',
  orderLookupIntro: 'Nhập mã đơn và số điện thoại bạn dùng khi đặt hàng.',
  orderNumber: 'Mã đơn hàng',
  orderLookupSubmit: 'Tra cứu',
  orderLookupAgain: 'Tra cứu đơn khác',
  backToChat: 'Quay lại trò chuyện',
  orderNotFound: 'Không tìm thấy đơn hàng khớp với mã đơn và số điện thoại này. Vui lòng kiểm tra lại.',
  orderTooMany: 'Bạn đã thử quá nhiều lần. Vui lòng đợi vài phút rồi thử lại.',
  orderTitle: 'Đơn {n}',
  orderPlaced: 'Ngày đặt',
  orderTotal: 'Tổng tiền',
  orderItems: '{count} sản phẩm',
  orderTracking: 'Mã vận đơn',
  orderTrack: 'Theo dõi đơn hàng',
  delivery_processing: 'Shop đang chuẩn bị đơn hàng',
  delivery_shipped: 'Đơn đang được giao',
  delivery_delivered: 'Đơn đã giao thành công',
  delivery_cancelled: 'Đơn đã bị huỷ',
  delivery_returned: 'Đơn đã được hoàn trả',
  loyaltyTier: 'Điểm thưởng: {points} · Hạng: {tier}',
  loyaltyPoints: 'Điểm thưởng: {points}',
  queueEta: 'Bạn đang ở vị trí số {position} trong hàng chờ · khoảng {eta} phút',
  queueNoEta: 'Bạn đang ở vị trí số {position} — nhân viên sẽ trả lời sớm nhất có thể',
  queueNext: 'Bạn là người tiếp theo',
  helpSuggested: 'Có thể bạn cần',
  helpCount: 'Có {n} bài viết có thể giúp bạn',
  helpDismiss: 'Ẩn gợi ý',
  helpNewTab: '(mở trong thẻ mới)',
  err_payload_too_large: 'Nội dung quá lớn. Mỗi ảnh tối đa {mb} MB.',
  err_rate_limited: 'Bạn thao tác hơi nhanh, vui lòng đợi một chút rồi thử lại.',
  err_blocked_contact: 'Rất tiếc, bạn không thể gửi tin nhắn tới cửa hàng này.',
  err_validation_failed: 'Thông tin chưa hợp lệ, vui lòng kiểm tra lại.',
  err_origin_not_allowed: 'Khung chat chưa được bật cho trang web này.',
  err_unauthenticated: 'Phiên trò chuyện đã hết hạn. Vui lòng tải lại trang.',
  err_unsupported_media_type: 'Chỉ gửi được ảnh PNG, JPEG, GIF hoặc WebP.',
  err_not_found: 'Không tìm thấy khung chat này. Vui lòng báo cho cửa hàng.',
  err_too_many_files: 'Mỗi tin nhắn gửi tối đa {n} ảnh.',
  err_too_long: 'Tin nhắn quá dài (tối đa {n} ký tự).',
  err_network: 'Không kết nối được. Vui lòng kiểm tra mạng và thử lại.',
  err_misconfigured: 'Mã nhúng khung chat chưa đúng. Vui lòng báo cho cửa hàng.',
  err_generic: 'Đã có lỗi xảy ra, vui lòng thử lại.',
};

export type MessageKey = keyof typeof vi;
export type Vars = Record<string, string | number>;

/** A `key_one` form is used when `count` is 1 (English); Vietnamese has no plural forms. */
type Dictionary = Record<MessageKey, string> & Partial<Record<`${MessageKey}_one`, string>>;

const en: Dictionary = {
  online: 'We are online',
  away: 'We are away right now',
  close: 'Close chat',
  loading: 'Loading…',
  reconnecting: 'Reconnecting…',
  placeholder: 'Type a message…',
  send: 'Send',
  attach: 'Attach an image',
  removeAttachment: 'Remove image',
  uploading: 'Uploading image…',
  typing: '{name} is typing…',
  agent: 'An agent',
  you: 'You',
  sending: 'Sending…',
  failed: 'Not sent.',
  retry: 'Retry',
  image: 'Attached image',
  charsLeft: '{n} characters left',
  prechatIntro: 'Tell us a little about you so we can help you better.',
  name: 'Name',
  phone: 'Phone number',
  email: 'Email',
  message: 'Message',
  optional: 'optional',
  startChat: 'Start chat',
  required: 'Please fill in this field.',
  invalidPhone: 'Enter a valid phone number, e.g. 0901 234 567.',
  invalidEmail: 'Enter a valid email address, e.g. name@gmail.com.',
  emailOrPhone: 'Enter an email or phone number so we can get back to you.',
  emailOrPhoneHint: 'Leave an email or a phone number (at least one) so the shop can reply.',
  offlineTitle: 'Leave us a message',
  offlineDefault: 'No one is available right now. Leave a message and we will get back to you.',
  offlineSend: 'Send message',
  offlineThanks: 'Thank you! We received your message and will reply by the email or phone number you left.',
  identityRequired: 'Please sign in to your account on this website to chat with us.',
  tryAgain: 'Try again',
  dismiss: 'Dismiss',
  orderLookup: 'Where is my order?',
  orderLookupIntro: 'Enter your order number and the phone number you ordered with.',
  orderNumber: 'Order number',
  orderLookupSubmit: 'Look up',
  orderLookupAgain: 'Look up another order',
  backToChat: 'Back to chat',
  orderNotFound: 'No order matches this order number and phone number. Please check and try again.',
  orderTooMany: 'Too many tries. Please wait a few minutes and try again.',
  orderTitle: 'Order {n}',
  orderPlaced: 'Placed on',
  orderTotal: 'Total',
  orderItems: '{count} items',
  orderItems_one: '{count} item',
  orderTracking: 'Tracking number',
  orderTrack: 'Track the parcel',
  delivery_processing: 'The shop is preparing your order',
  delivery_shipped: 'Your order is on its way',
  delivery_delivered: 'Your order has been delivered',
  delivery_cancelled: 'Your order was cancelled',
  delivery_returned: 'Your order was returned',
  loyaltyTier: 'Points: {points} · Tier: {tier}',
  loyaltyPoints: 'Points: {points}',
  queueEta: 'You are number {position} in line · about {eta} min',
  queueNoEta: 'You are number {position} in line — we will answer as soon as we can',
  queueNext: 'You are next',
  helpSuggested: 'These articles may help',
  helpCount: '{n} articles may help you',
  helpCount_one: '{n} article may help you',
  helpDismiss: 'Hide suggestions',
  helpNewTab: '(opens in a new tab)',
  err_payload_too_large: 'That is too large. Images can be up to {mb} MB each.',
  err_rate_limited: 'You are going a bit fast. Please wait a moment and try again.',
  err_blocked_contact: 'Sorry, you can no longer send messages to this shop.',
  err_validation_failed: 'Some information is not valid. Please check and try again.',
  err_origin_not_allowed: 'Chat is not enabled for this website.',
  err_unauthenticated: 'Your chat session has expired. Please reload the page.',
  err_unsupported_media_type: 'Only PNG, JPEG, GIF or WebP images can be sent.',
  err_not_found: 'This chat could not be found. Please let the shop know.',
  err_too_many_files: 'You can send up to {n} images per message.',
  err_too_long: 'The message is too long (at most {n} characters).',
  err_network: 'Cannot connect. Check your connection and try again.',
  err_misconfigured: 'The chat snippet is not set up correctly. Please let the shop know.',
  err_generic: 'Something went wrong. Please try again.',
};

const dictionaries: Record<WidgetLocale, Dictionary> = { vi, en };

export function translate(locale: WidgetLocale, key: MessageKey, vars?: Vars): string {
  const dictionary = dictionaries[locale];
  const text = (vars?.count === 1 && dictionary[`${key}_one`]) || dictionary[key];
  return vars ? text.replace(/\{(\w+)\}/g, (match, name: string) => String(vars[name] ?? match)) : text;
}

/** 'vi-VN' → 'vi'; anything we have no dictionary for → null. */
export function toLocale(value: string | null | undefined): WidgetLocale | null {
  const match = /^(vi|en)(?:[-_]|$)/i.exec(value?.trim() ?? '');
  return match ? (match[1]!.toLowerCase() as WidgetLocale) : null;
}

/**
 * An explicit `Careloop.setLocale()` wins; then the inbox setting (when not 'auto'), then the
 * snippet's hint, then the browser. Vietnamese when nothing matches.
 */
export function pickLocale(sources: {
  override?: string | null;
  config?: string | null;
  hint?: string | null;
  browser?: readonly string[];
}): WidgetLocale {
  for (const candidate of [sources.override, sources.config, sources.hint, ...(sources.browser ?? [])]) {
    const locale = toLocale(candidate);
    if (locale) return locale;
  }
  return 'vi';
}

export function formatTime(locale: WidgetLocale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString(locale === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}
