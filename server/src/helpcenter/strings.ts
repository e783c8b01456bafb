import type { HelpLocale } from '@careloop/contracts';

/**
 * The public help center's own words. They live here rather than in platform/i18n.ts because only
 * these pages use them and the pages must render in both languages without the console's catalogue.
 */
const dictionaries = {
  vi: {
    help: 'Trung tâm trợ giúp',
    searchPlaceholder: 'Tìm câu trả lời…',
    search: 'Tìm',
    resultsFor: 'Kết quả cho “{q}”',
    noResults: 'Không tìm thấy bài viết nào. Hãy thử từ khóa khác hoặc nhắn cho shop.',
    articles: 'bài viết',
    uncategorized: 'Bài viết khác',
    home: 'Trang chủ',
    notFound: 'Không tìm thấy trang này.',
    wasHelpful: 'Bài viết này có hữu ích không?',
    yes: 'Có',
    no: 'Không',
    whyNot: 'Vì sao chưa hữu ích? (không bắt buộc)',
    reason_outdated: 'Thông tin đã cũ', reason_unclear: 'Khó hiểu', reason_missing: 'Thiếu thông tin', reason_wrong: 'Sai thông tin', reason_other: 'Lý do khác',
    comment: 'Góp ý thêm (không bắt buộc)',
    send: 'Gửi',
    thanks: 'Cảm ơn bạn đã góp ý!',
    badToken: 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại bài viết và gửi lại.',
    rateLimited: 'Bạn gửi quá nhanh, vui lòng thử lại sau ít phút.',
    backToArticle: 'Quay lại bài viết',
    updated: 'Cập nhật',
    otherLanguage: 'English',
  },
  en: {
    help: 'Help center',
    searchPlaceholder: 'Search for answers…',
    search: 'Search',
    resultsFor: 'Results for “{q}”',
    noResults: 'No articles found. Try other words or message the shop.',
    articles: 'articles',
    uncategorized: 'More articles',
    home: 'Home',
    notFound: 'This page could not be found.',
    wasHelpful: 'Was this article helpful?',
    yes: 'Yes',
    no: 'No',
    whyNot: 'What was wrong? (optional)',
    reason_outdated: 'Outdated', reason_unclear: 'Hard to understand', reason_missing: 'Missing information', reason_wrong: 'Wrong information', reason_other: 'Something else',
    comment: 'Anything else? (optional)',
    send: 'Send',
    thanks: 'Thank you for your feedback!',
    badToken: 'This form has expired or is not valid. Reload the article and send it again.',
    rateLimited: 'Too many answers from your connection; please try again in a few minutes.',
    backToArticle: 'Back to the article',
    updated: 'Updated',
    otherLanguage: 'Tiếng Việt',
  },
} as const;

export type HelpText = keyof (typeof dictionaries)['vi'];

export const say = (locale: HelpLocale, key: HelpText, params: Record<string, string> = {}) =>
  (dictionaries[locale][key] as string).replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
