import type { FollowUp, SurveyDisplay, SurveyKind, SurveyLocale, SurveyTexts } from '@careloop/contracts';
import { say, type SurveyText } from './strings.ts';

/**
 * The built-in surveys every workspace starts with, named in the workspace's language: CSAT
 * (sent on resolve), NPS (for campaigns) and CES (off until chosen). `{shop}` is the shop's name.
 */
export interface BuiltinSurvey {
  builtin: string;
  kind: SurveyKind;
  display: SurveyDisplay;
  enabled: boolean;
  nameKey: SurveyText;
  texts: Record<SurveyLocale, SurveyTexts>;
  followUps: FollowUp[];
}

const better: FollowUp = { id: 'better', when: 'negative', vi: 'Chúng tôi có thể làm gì tốt hơn vào lần tới?', en: 'What could we do better next time?' };
const favourite: FollowUp = { id: 'favourite', when: 'positive', vi: 'Hãy kể cho chúng tôi về trải nghiệm bạn thích nhất với shop.', en: 'Tell us about your favourite experience with us.' };
const neutral: FollowUp = { id: 'improve', when: 'neutral', vi: 'Điều gì sẽ khiến trải nghiệm của bạn tốt hơn?', en: 'What would have made it better?' };

const thanks = { vi: 'Cảm ơn bạn đã dành thời gian góp ý! Ý kiến của bạn giúp {shop} phục vụ tốt hơn.', en: 'Thank you for your feedback! It helps {shop} serve you better.' };

export const builtinSurveys: BuiltinSurvey[] = [
  {
    builtin: 'csat', kind: 'csat', display: 'stars', enabled: true, nameKey: 'builtinCsat',
    texts: {
      vi: { question: 'Bạn đánh giá thế nào về sự hỗ trợ của {shop}?', invitation: 'Cảm ơn bạn đã liên hệ {shop}! Bạn có thể dành 1 phút đánh giá cuộc trò chuyện vừa rồi không? {link}', thanks: thanks.vi },
      en: { question: 'How would you rate the support you received from {shop}?', invitation: 'Thank you for contacting {shop}! Could you take a minute to rate this conversation? {link}', thanks: thanks.en },
    },
    followUps: [better, neutral, favourite],
  },
  {
    builtin: 'nps', kind: 'nps', display: 'numbers', enabled: true, nameKey: 'builtinNps',
    texts: {
      vi: { question: 'Bạn có sẵn lòng giới thiệu {shop} cho bạn bè hoặc người thân không?', invitation: '{shop} rất muốn nghe ý kiến của bạn: bạn có sẵn lòng giới thiệu shop cho bạn bè không? Trả lời chỉ mất 1 phút: {link}', thanks: thanks.vi },
      en: { question: 'How likely are you to recommend {shop} to a friend or colleague?', invitation: '{shop} would love your opinion: how likely are you to recommend us to a friend? It takes one minute: {link}', thanks: thanks.en },
    },
    followUps: [better, favourite],
  },
  {
    builtin: 'ces', kind: 'ces', display: 'numbers', enabled: false, nameKey: 'builtinCes',
    texts: {
      vi: { question: '{shop} đã giúp bạn giải quyết vấn đề dễ dàng đến mức nào?', invitation: 'Cảm ơn bạn đã liên hệ {shop}! Việc được hỗ trợ lần này có dễ dàng không? {link}', thanks: thanks.vi },
      en: { question: 'How easy did {shop} make it to get your issue resolved?', invitation: 'Thank you for contacting {shop}! How easy was it to get help this time? {link}', thanks: thanks.en },
    },
    followUps: [{ ...better, vi: 'Điều gì khiến việc này khó khăn?', en: 'What made it difficult?' }],
  },
];

export const builtinName = (b: BuiltinSurvey, locale: SurveyLocale) => say(locale, b.nameKey);

/** `{shop}` → the shop's name (texts are shown escaped; the name is data, not markup). */
export const withShop = (text: string, shop: string) => text.replace(/\{shop\}/g, shop);
