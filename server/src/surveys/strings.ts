import type { SurveyKind, SurveyLocale } from '@careloop/contracts';

/**
 * The surveys' own words: the public page, the notes agents read, the reward message. They live
 * here (like the help center's) because only these surfaces use them, in both languages.
 */
const dictionaries = {
  vi: {
    survey: 'Khảo sát',
    send: 'Gửi',
    sendScore: 'Gửi đánh giá',
    skip: 'Bỏ qua',
    optional: 'không bắt buộc',
    scoreLabel: 'Chọn điểm từ {min} đến {max}',
    invalid: 'Đường dẫn khảo sát không hợp lệ. Vui lòng mở lại đúng đường dẫn shop đã gửi cho bạn.',
    expired: 'Khảo sát này đã hết hạn. Cảm ơn bạn đã quan tâm!',
    alreadyAnswered: 'Bạn đã trả lời khảo sát này rồi. Cảm ơn bạn!',
    rateLimited: 'Bạn gửi quá nhanh, vui lòng thử lại sau ít phút.',
    badScore: 'Vui lòng chọn một điểm trước khi gửi.',
    notFound: 'Không tìm thấy trang này.',
    followUpIntro: 'Cảm ơn bạn! Bạn có muốn chia sẻ thêm?',
    rewardTitle: 'Quà cảm ơn của bạn',
    rewardLine: 'Mã ưu đãi {code}: {what}{min}{until}.',
    rewardMessage: 'Cảm ơn bạn đã trả lời khảo sát! Mã ưu đãi của bạn: {code} — {what}{min}{until}.',
    rewardFixed: 'giảm {amount}',
    rewardMin: ' cho đơn từ {amount}',
    rewardUntil: ', dùng đến hết {date}',
    notLikely: 'Không có khả năng',
    veryLikely: 'Rất có khả năng',
    veryHard: 'Rất khó',
    veryEasy: 'Rất dễ',
    csat1: 'Rất không hài lòng', csat2: 'Không hài lòng', csat3: 'Bình thường', csat4: 'Hài lòng', csat5: 'Rất hài lòng',
    kind_csat: 'CSAT', kind_nps: 'NPS', kind_ces: 'CES',
    noteScore: 'Khách trả lời khảo sát {kind}: {score}/{max}.',
    noteComment: 'Góp ý của khách ({question}): “{text}”',
    recoveryNote: 'Khôi phục trải nghiệm: khách chấm {kind} {score}/{max} cho cuộc trò chuyện #{number}. Xem lại: {link}',
    recoveryNoComment: 'Khách không để lại góp ý.',
    recoveryLabel: 'khôi phục',
    recoveryCustomerLine: 'Đánh giá {kind}: {score}/{max}',
    builtinCsat: 'Đánh giá sau hỗ trợ (CSAT)',
    builtinNps: 'Khả năng giới thiệu (NPS)',
    builtinCes: 'Mức độ dễ dàng (CES)',
    otherLanguage: 'English',
  },
  en: {
    survey: 'Survey',
    send: 'Send',
    sendScore: 'Send rating',
    skip: 'Skip',
    optional: 'optional',
    scoreLabel: 'Choose a score from {min} to {max}',
    invalid: 'This survey link is not valid. Please open the exact link the shop sent you.',
    expired: 'This survey has expired. Thank you for your interest!',
    alreadyAnswered: 'You have already answered this survey. Thank you!',
    rateLimited: 'Too many answers from your connection; please try again in a few minutes.',
    badScore: 'Please choose a score before sending.',
    notFound: 'This page could not be found.',
    followUpIntro: 'Thank you! Would you like to tell us more?',
    rewardTitle: 'Your thank-you gift',
    rewardLine: 'Voucher {code}: {what}{min}{until}.',
    rewardMessage: 'Thank you for answering our survey! Your voucher: {code} — {what}{min}{until}.',
    rewardFixed: '{amount} off',
    rewardMin: ' on orders from {amount}',
    rewardUntil: ', valid until {date}',
    notLikely: 'Not at all likely',
    veryLikely: 'Extremely likely',
    veryHard: 'Very difficult',
    veryEasy: 'Very easy',
    csat1: 'Very dissatisfied', csat2: 'Dissatisfied', csat3: 'Neutral', csat4: 'Satisfied', csat5: 'Very satisfied',
    kind_csat: 'CSAT', kind_nps: 'NPS', kind_ces: 'CES',
    noteScore: 'The customer answered the {kind} survey: {score}/{max}.',
    noteComment: 'Customer comment ({question}): “{text}”',
    recoveryNote: 'Service recovery: the customer gave {kind} {score}/{max} for conversation #{number}. Review it: {link}',
    recoveryNoComment: 'The customer left no comment.',
    recoveryLabel: 'recovery',
    recoveryCustomerLine: '{kind} rating: {score}/{max}',
    builtinCsat: 'Support satisfaction (CSAT)',
    builtinNps: 'Likelihood to recommend (NPS)',
    builtinCes: 'Customer effort (CES)',
    otherLanguage: 'Tiếng Việt',
  },
} as const;

export type SurveyText = keyof (typeof dictionaries)['vi'];

export const say = (locale: SurveyLocale, key: SurveyText, params: Record<string, string | number> = {}) =>
  (dictionaries[locale][key] as string).replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] !== undefined ? String(params[name]) : whole));

export const kindName = (locale: SurveyLocale, kind: SurveyKind) => say(locale, `kind_${kind}`);

export const vnd = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} ₫`;
