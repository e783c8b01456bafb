/**
 * One line per rule, in Vietnamese or English, for the console's rule list and the execution log:
 * "Khi có tin nhắn mới · kênh Zalo · nội dung chứa "hoàn tiền" → ưu tiên Cao, nhãn refund".
 * Ids of agents, teams and canned replies show as names when the caller passes them.
 */
import type { Locale } from '@careloop/contracts';
import type {
  AutomationAction, AutomationCondition, AutomationConditionLeaf, AutomationRule,
} from '@careloop/contracts';

/** [vi, en] */
type Words = readonly [string, string];
type Dict = Readonly<Record<string, Words>>;

export interface DescribeNames {
  agents?: Readonly<Record<string, string>>;
  teams?: Readonly<Record<string, string>>;
  canned?: Readonly<Record<string, string>>;
}

const triggers: Dict = {
  'conversation.created': ['Khi có hội thoại mới', 'When a conversation starts'],
  'message.received': ['Khi có tin nhắn mới', 'When a customer message arrives'],
  'conversation.statusChanged': ['Khi trạng thái hội thoại đổi', "When a conversation's status changes"],
  'sla.warning': ['Khi sắp trễ SLA', 'When an SLA is about to be missed'],
  'sla.breached': ['Khi trễ SLA', 'When an SLA is missed'],
  'survey.answered': ['Khi khách trả lời khảo sát', 'When a survey is answered'],
  'order.updated': ['Khi đơn hàng thay đổi', 'When an order changes'],
};

/** Value labels, shared by every field whose values they are (the console's wording where it has one). */
const values: Dict = {
  web_chat: ['Chat trên web', 'Web chat'], email: ['Email', 'Email'], messenger: ['Messenger', 'Messenger'],
  facebook_comments: ['Bình luận Facebook', 'Facebook comments'], instagram: ['Instagram', 'Instagram'], zalo: ['Zalo', 'Zalo'],
  telegram: ['Telegram', 'Telegram'], viber: ['Viber', 'Viber'], phone: ['Điện thoại', 'Phone'], form: ['Biểu mẫu', 'Form'],
  urgent: ['Khẩn cấp', 'Urgent'], high: ['Cao', 'High'], normal: ['Bình thường', 'Normal'], low: ['Thấp', 'Low'],
  vi: ['tiếng Việt', 'Vietnamese'], en: ['tiếng Anh', 'English'],
  negative: ['tiêu cực', 'negative'], neutral: ['trung lập', 'neutral'], positive: ['tích cực', 'positive'],
  order_status: ['hỏi tình trạng đơn', 'order status'], late_delivery: ['giao hàng trễ', 'late delivery'],
  return_refund: ['đổi trả, hoàn tiền', 'return or refund'], product_question: ['hỏi sản phẩm', 'product question'],
  complaint: ['khiếu nại', 'complaint'], payment: ['thanh toán', 'payment'], other: ['khác', 'other'],
  open: ['Đang mở', 'Open'], pending: ['Chờ xử lý', 'Pending'], snoozed: ['Tạm hoãn', 'Snoozed'], resolved: ['Đã giải quyết', 'Resolved'],
  champions: ['Khách hàng tốt nhất', 'Champions'], loyal: ['Trung thành', 'Loyal customers'], potential: ['Tiềm năng trung thành', 'Potential loyalists'],
  new: ['Khách mới', 'New customers'], promising: ['Triển vọng', 'Promising'], need_attention: ['Cần quan tâm', 'Need attention'],
  about_to_sleep: ['Sắp ngủ đông', 'About to sleep'], at_risk: ['Có nguy cơ rời bỏ', 'At risk'], cant_lose: ['Không thể mất', "Can't lose them"],
  hibernating: ['Ngủ đông', 'Hibernating'], vip: ['VIP', 'VIP'],
};
/** Order states: `pending` and `returned` mean something else on an order than elsewhere. */
const orderValues: Dict = {
  pending: ['Chưa thanh toán', 'Unpaid'], authorized: ['Đã uỷ quyền', 'Authorized'], paid: ['Đã thanh toán', 'Paid'],
  partially_refunded: ['Hoàn tiền một phần', 'Partially refunded'], refunded: ['Đã hoàn tiền', 'Refunded'], voided: ['Đã huỷ thanh toán', 'Voided'],
  failed: ['Thanh toán lỗi', 'Payment failed'], unfulfilled: ['Chưa gửi hàng', 'Unfulfilled'], partial: ['Gửi hàng một phần', 'Partially fulfilled'],
  fulfilled: ['Đã gửi hàng', 'Fulfilled'], returned: ['Đã hoàn trả', 'Returned'], processing: ['Đang xử lý', 'Processing'],
  shipped: ['Đang giao', 'Shipped'], delivered: ['Đã giao', 'Delivered'], cancelled: ['Đã huỷ', 'Cancelled'],
};

const symbols = { gt: '>', gte: '≥', lt: '<', lte: '≤', eq: '=', neq: '≠' } as const;

export function describeRule(rule: Pick<AutomationRule, 'trigger' | 'conditions' | 'actions'>, locale: Locale, names: DescribeNames = {}): string {
  const l = locale === 'en' ? 1 : 0;
  const parts = [triggers[rule.trigger]?.[l] ?? rule.trigger, ...topLevel(rule.conditions).map((c) => describeCondition(c, locale, names))];
  return `${parts.join(' · ')} → ${rule.actions.map((a) => describeAction(a, locale, names)).join(', ')}`;
}

/** A root `all` reads as a list of separate conditions. */
const topLevel = (c: AutomationCondition): AutomationCondition[] => ('all' in c ? c.all : [c]);

export function describeCondition(c: AutomationCondition, locale: Locale, names: DescribeNames = {}): string {
  const l = locale === 'en' ? 1 : 0;
  const sub = (x: AutomationCondition) => describeCondition(x, locale, names);
  if ('all' in c) return c.all.length === 0 ? (l ? 'always' : 'luôn luôn') : `(${c.all.map(sub).join(l ? ' and ' : ' và ')})`;
  if ('any' in c) return `(${c.any.map(sub).join(l ? ' or ' : ' hoặc ')})`;
  if ('not' in c) return `${l ? 'not' : 'không'} ${'field' in c.not ? `(${sub(c.not)})` : sub(c.not)}`;
  return describeLeaf(c, l, names);
}

function describeLeaf(c: AutomationConditionLeaf, l: 0 | 1, names: DescribeNames): string {
  const or = l ? ' or ' : ' hoặc ';
  const label = (v: string, dict: Dict = values) => dict[v]?.[l] ?? v;
  const oneOf = (v: string | readonly string[], dict: Dict = values) => (typeof v === 'string' ? [v] : v).map((x) => label(x, dict)).join(or);
  const quoted = (v: string | readonly string[]) => (typeof v === 'string' ? [v] : v).map((x) => `"${x}"`).join(or);
  const w = (vi: string, en: string) => (l ? en : vi);
  switch (c.field) {
    case 'channel':
      return c.op === 'in' ? w(`kênh ${oneOf(c.value)}`, `channel ${oneOf(c.value)}`) : w(`không phải kênh ${oneOf(c.value)}`, `channel not ${oneOf(c.value)}`);
    case 'message.text': {
      const v = quoted(c.value);
      switch (c.op) {
        case 'contains': case 'contains_any': return w(`nội dung chứa ${v}`, `text contains ${v}`);
        case 'not_contains': return w(`nội dung không chứa ${v}`, `text does not contain ${v}`);
        case 'matches_word': return w(`nội dung có từ ${v}`, `text has the word ${v}`);
        case 'starts_with': return w(`nội dung bắt đầu bằng ${v}`, `text starts with ${v}`);
      }
    }
    case 'language': return w(`ngôn ngữ ${oneOf(c.value)}`, `language ${oneOf(c.value)}`);
    case 'sentiment': return w(`cảm xúc ${oneOf(c.value)}`, `sentiment ${oneOf(c.value)}`);
    case 'intent': return w(`ý định ${oneOf(c.value)}`, `intent ${oneOf(c.value)}`);
    case 'urgency':
    case 'priority': {
      const noun = c.field === 'urgency' ? w('mức khẩn', 'urgency') : w('ưu tiên', 'priority');
      return c.op === 'at_least' ? w(`${noun} từ ${label(c.value)} trở lên`, `${noun} ${label(c.value)} or higher`) : `${noun} ${oneOf(c.value)}`;
    }
    case 'labels':
      if (c.op === 'has') return w(`có nhãn ${c.value}`, `labelled ${c.value}`);
      return c.op === 'has_any' ? w(`có nhãn ${c.value.join(or)}`, `labelled ${c.value.join(or)}`) : w(`không có nhãn ${c.value.join(', ')}`, `not labelled ${c.value.join(or)}`);
    case 'segment': return w(`khách nhóm ${oneOf(c.value)}`, `customer segment ${oneOf(c.value)}`);
    case 'business_hours': return c.value ? w('trong giờ làm việc', 'within business hours') : w('ngoài giờ làm việc', 'outside business hours');
    case 'order.status': return w(`đơn hàng ${oneOf(c.value, orderValues)}`, `order ${oneOf(c.value, orderValues)}`);
    case 'contact.attribute':
      switch (c.op) {
        case 'exists': return c.value ? w(`có thuộc tính ${c.key}`, `has attribute ${c.key}`) : w(`không có thuộc tính ${c.key}`, `no attribute ${c.key}`);
        case 'contains': return w(`thuộc tính ${c.key} chứa "${c.value}"`, `attribute ${c.key} contains "${c.value}"`);
        default: return w(`thuộc tính ${c.key} ${symbols[c.op]} ${String(c.value)}`, `attribute ${c.key} ${symbols[c.op]} ${String(c.value)}`);
      }
    case 'contact.lifetime_spend': return w(`tổng chi tiêu ${symbols[c.op]} ${money(c.value, l)}`, `lifetime spend ${symbols[c.op]} ${money(c.value, l)}`);
    case 'conversation.status': return w(`trạng thái ${oneOf(c.value)}`, `status ${oneOf(c.value)}`);
    case 'assignee':
      if (c.op === 'is_none') return w('chưa giao cho ai', 'unassigned');
      return c.op === 'is' ? w(`giao cho ${names.agents?.[c.value] ?? c.value}`, `assigned to ${names.agents?.[c.value] ?? c.value}`)
        : w(`thuộc nhóm ${names.teams?.[c.value] ?? c.value}`, `team ${names.teams?.[c.value] ?? c.value}`);
    case 'survey.score': return w(`điểm khảo sát ${symbols[c.op]} ${c.value}`, `survey score ${symbols[c.op]} ${c.value}`);
  }
}

const money = (n: number, l: 0 | 1) => `${new Intl.NumberFormat(l ? 'en-US' : 'vi-VN').format(n)} ₫`;
/** Long texts are cut so one rule stays one line. */
const excerpt = (text: string, max = 40) => (text.length > max ? `"${text.slice(0, max - 1).trimEnd()}…"` : `"${text}"`);
const hostOf = (url: string) => /^https?:\/\/([^/?#:]+)/i.exec(url)?.[1] ?? url;

export function describeAction(a: AutomationAction, locale: Locale, names: DescribeNames = {}): string {
  const l = locale === 'en' ? 1 : 0;
  const w = (vi: string, en: string) => (l ? en : vi);
  switch (a.type) {
    case 'assign_agent': return w(`giao cho ${names.agents?.[a.agentId] ?? a.agentId}`, `assign to ${names.agents?.[a.agentId] ?? a.agentId}`);
    case 'assign_team': return w(`giao nhóm ${names.teams?.[a.teamId] ?? a.teamId}`, `assign to team ${names.teams?.[a.teamId] ?? a.teamId}`);
    case 'set_priority': return w(`ưu tiên ${values[a.priority]![0]}`, `priority ${values[a.priority]![1]}`);
    case 'add_label': return w(`nhãn ${a.label}`, `label ${a.label}`);
    case 'remove_label': return w(`bỏ nhãn ${a.label}`, `remove label ${a.label}`);
    case 'send_canned': return w(`gửi mẫu ${names.canned?.[a.cannedId] ?? a.cannedId}`, `send canned reply ${names.canned?.[a.cannedId] ?? a.cannedId}`);
    case 'send_message': return w(`gửi tin ${excerpt(a.text)}`, `reply ${excerpt(a.text)}`);
    case 'send_email': {
      const to = a.to === 'contact' ? w('khách', 'the contact') : a.to === 'team' ? w('nhóm', 'the team') : a.to;
      return w(`gửi email cho ${to} ${excerpt(a.subject)}`, `email ${to} ${excerpt(a.subject)}`);
    }
    case 'snooze': return w(`tạm hoãn ${duration(a.minutes, 0)}`, `snooze ${duration(a.minutes, 1)}`);
    case 'resolve': return a.message ? w(`đóng hội thoại với lời nhắn ${excerpt(a.message)}`, `resolve with ${excerpt(a.message)}`) : w('đóng hội thoại', 'resolve');
    case 'escalate': return a.to === 'team_lead' ? w('chuyển lên trưởng nhóm', 'escalate to the team lead') : w('chuyển lên giám sát', 'escalate to supervisors');
    case 'suggest_compensation': return w('đề xuất bồi thường', 'suggest compensation');
    case 'call_webhook': return w(`gọi webhook ${hostOf(a.url)}`, `call webhook ${hostOf(a.url)}`);
    case 'notify': {
      const who = a.audience === 'assignee' ? w('người phụ trách', 'the assignee') : a.audience === 'team' ? w('nhóm', 'the team')
        : a.audience === 'supervisors' ? w('giám sát', 'supervisors') : (names.agents?.[a.audience] ?? a.audience);
      return w(`báo ${who}`, `notify ${who}`);
    }
    case 'stop_processing': return w('dừng các quy tắc sau', 'stop later rules');
  }
}

function duration(minutes: number, l: 0 | 1): string {
  if (minutes % (60 * 24) === 0) return l ? `${minutes / 1440} d` : `${minutes / 1440} ngày`;
  if (minutes % 60 === 0) return l ? `${minutes / 60} h` : `${minutes / 60} giờ`;
  return l ? `${minutes} min` : `${minutes} phút`;
}
