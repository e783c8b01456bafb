import type { Locale } from '@careloop/contracts';

/**
 * The words of the CSV export (the console translates its own dashboards). Column order is the
 * export's order.
 */
const dictionaries = {
  vi: {
    columns: {
      number: 'Số hội thoại', conversationId: 'Mã hội thoại', createdAt: 'Mở lúc', channel: 'Kênh', team: 'Nhóm', assignee: 'Nhân viên phụ trách',
      status: 'Trạng thái', priority: 'Mức ưu tiên', intent: 'Chủ đề', firstMessageAt: 'Tin nhắn đầu của khách', firstResponseAt: 'Phản hồi đầu lúc',
      firstResponseSeconds: 'Phản hồi đầu (giây)', firstResponseBusinessSeconds: 'Phản hồi đầu (giây trong giờ làm việc)',
      nextResponses: 'Số lần phản hồi tiếp', nextResponseMedianSeconds: 'Phản hồi tiếp, trung vị (giây)',
      resolvedAt: 'Xử lý xong lúc', resolutionSeconds: 'Thời gian xử lý (giây)', resolutionBusinessSeconds: 'Thời gian xử lý (giây trong giờ làm việc)',
      slaFirstResponse: 'SLA phản hồi đầu', slaResolution: 'SLA xử lý', reopened: 'Mở lại', repeatOf: 'Khách hỏi lại sau hội thoại số',
      incomingMessages: 'Tin nhắn của khách', replies: 'Tin trả lời của nhân viên',
    },
    status: { open: 'Đang mở', pending: 'Chờ khách', snoozed: 'Tạm hoãn', resolved: 'Đã xử lý' },
    priority: { urgent: 'Khẩn cấp', high: 'Cao', normal: 'Bình thường', low: 'Thấp' },
    sla: { met: 'Đạt', missed: 'Trễ' },
    yes: 'Có', no: 'Không', noTeam: '', unassigned: '',
    channel: {
      web_chat: 'Chat trên website', email: 'Email', messenger: 'Messenger', facebook_comments: 'Bình luận Facebook', instagram: 'Instagram',
      zalo: 'Zalo', telegram: 'Telegram', viber: 'Viber', phone: 'Điện thoại', form: 'Biểu mẫu liên hệ',
    },
    intent: {
      order_status: 'Tình trạng đơn hàng', late_delivery: 'Giao hàng trễ', return_refund: 'Đổi trả, hoàn tiền', product_question: 'Hỏi về sản phẩm',
      complaint: 'Khiếu nại', payment: 'Thanh toán', other: 'Khác',
    },
  },
  en: {
    columns: {
      number: 'Conversation number', conversationId: 'Conversation id', createdAt: 'Opened at', channel: 'Channel', team: 'Team', assignee: 'Assignee',
      status: 'Status', priority: 'Priority', intent: 'Topic', firstMessageAt: "Customer's first message", firstResponseAt: 'First response at',
      firstResponseSeconds: 'First response (seconds)', firstResponseBusinessSeconds: 'First response (business seconds)',
      nextResponses: 'Next responses', nextResponseMedianSeconds: 'Next response, median (seconds)',
      resolvedAt: 'Resolved at', resolutionSeconds: 'Resolution (seconds)', resolutionBusinessSeconds: 'Resolution (business seconds)',
      slaFirstResponse: 'First response SLA', slaResolution: 'Resolution SLA', reopened: 'Reopened', repeatOf: 'Repeat of conversation number',
      incomingMessages: 'Customer messages', replies: 'Agent replies',
    },
    status: { open: 'Open', pending: 'Pending', snoozed: 'Snoozed', resolved: 'Resolved' },
    priority: { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' },
    sla: { met: 'Met', missed: 'Missed' },
    yes: 'Yes', no: 'No', noTeam: '', unassigned: '',
    channel: {
      web_chat: 'Web chat', email: 'Email', messenger: 'Messenger', facebook_comments: 'Facebook comments', instagram: 'Instagram',
      zalo: 'Zalo', telegram: 'Telegram', viber: 'Viber', phone: 'Phone', form: 'Contact form',
    },
    intent: {
      order_status: 'Order status', late_delivery: 'Late delivery', return_refund: 'Return or refund', product_question: 'Product question',
      complaint: 'Complaint', payment: 'Payment', other: 'Other',
    },
  },
} as const;

export type ExportWords = (typeof dictionaries)['vi'] | (typeof dictionaries)['en'];
export type ExportColumn = keyof ExportWords['columns'];

export const exportWords = (locale: Locale): ExportWords => dictionaries[locale];
export const exportColumns = Object.keys(dictionaries.vi.columns) as ExportColumn[];

/** A code translated when the dictionary knows it, else the code itself. */
export const wordOf = (table: Record<string, string>, code: string | null): string => (code === null ? '' : table[code] ?? code);
