/**
 * Server-side strings (activity lines, notifications, emails later). The console and widget
 * translate their own UI; the server only writes text that is stored or sent.
 */
const dictionaries = {
  vi: {
    'activity.assigned': '{{actor}} đã giao cho {{agent}}',
    'activity.unassigned': '{{actor}} đã bỏ phân công',
    'activity.team': '{{actor}} đã chuyển cho nhóm {{team}}',
    'activity.status.open': '{{actor}} đã mở lại hội thoại',
    'activity.status.pending': '{{actor}} đã đặt trạng thái chờ',
    'activity.status.snoozed': '{{actor}} đã tạm hoãn đến {{until}}',
    'activity.status.resolved': '{{actor}} đã đánh dấu đã xử lý',
    'activity.priority': '{{actor}} đã đặt mức ưu tiên {{priority}}',
    'activity.compensation.replacement': '{{actor}} đã ghi nhận đổi hàng cho khách ({{amount}})',
    'activity.compensation.refund': '{{actor}} đã tạo yêu cầu hoàn tiền {{amount}}',
    'activity.compensation.refund_approved': '{{actor}} đã duyệt hoàn tiền {{amount}} cho khách',
    'activity.compensation.replacement_approved': '{{actor}} đã duyệt đổi hàng cho khách ({{amount}})',
    'activity.offline_form': 'Khách để lại lời nhắn khi không có nhân viên trực tuyến',
    'actor.system': 'Hệ thống',
    'mail.assigned.subject': '[#{{number}}] Bạn được giao hội thoại với {{contact}}',
    'mail.assigned.body': '{{actor}} đã giao cho bạn hội thoại #{{number}} với {{contact}}.\n\n{{excerpt}}\n\nMở hội thoại: {{link}}',
    'mail.mentioned.subject': '[#{{number}}] {{actor}} nhắc đến bạn',
    'mail.mentioned.body': '{{actor}} nhắc đến bạn trong ghi chú của hội thoại #{{number}} với {{contact}}:\n\n{{excerpt}}\n\nMở hội thoại: {{link}}',
    'mail.visitor_reply.subject': '{{shop}} đã trả lời bạn',
    'mail.visitor_reply.body': 'Chào {{name}},\n\n{{agent}} của {{shop}} đã trả lời tin nhắn của bạn:\n\n{{excerpt}}\n\nBạn có thể trả lời ngay trong khung chat trên trang web của shop.',
    'mail.footer.preferences': 'Bạn nhận thư này vì đã bật thông báo qua email trong CareLoop; tắt trong Hồ sơ → Thông báo.',
    'messaging.comment_hidden': 'Bình luận đã được ẩn trên Trang vì có số điện thoại.',
    'messaging.comment_hide_failed': 'Không ẩn được bình luận có số điện thoại: {{error}}',
    'messaging.window_closed': 'Ngoài khung trả lời của kênh: {{detail}}',
    'messaging.reauth': 'Kênh cần kết nối lại (mã truy cập hết hạn): {{detail}}',
    'messaging.unsubscribed': 'Khách đã bỏ theo dõi / hủy đăng ký; kênh không cho gửi tin.',
    'calls.missed': 'Cuộc gọi nhỡ từ {{from}} — cần gọi lại',
    'calls.answered': 'Cuộc gọi {{direction}} với {{from}}, nghe máy sau {{wait}} giây, dài {{talk}}',
    'calls.ended': 'Cuộc gọi {{direction}} với {{from}} đã kết thúc ({{talk}})',
    'calls.logged': '{{actor}} ghi nhận cuộc gọi {{direction}} với {{from}} ({{talk}})',
    'calls.inbound': 'đến', 'calls.outbound': 'đi',
    'priority.urgent': 'khẩn cấp', 'priority.high': 'cao', 'priority.normal': 'bình thường', 'priority.low': 'thấp',
  },
  en: {
    'activity.assigned': '{{actor}} assigned this to {{agent}}',
    'activity.unassigned': '{{actor}} removed the assignee',
    'activity.team': '{{actor}} moved this to team {{team}}',
    'activity.status.open': '{{actor}} reopened the conversation',
    'activity.status.pending': '{{actor}} set the conversation to pending',
    'activity.status.snoozed': '{{actor}} snoozed the conversation until {{until}}',
    'activity.status.resolved': '{{actor}} resolved the conversation',
    'activity.priority': '{{actor}} set the priority to {{priority}}',
    'activity.compensation.replacement': '{{actor}} arranged a replacement ({{amount}})',
    'activity.compensation.refund': '{{actor}} requested a refund of {{amount}}',
    'activity.compensation.refund_approved': '{{actor}} approved a refund of {{amount}}',
    'activity.compensation.replacement_approved': '{{actor}} approved a replacement ({{amount}})',
    'activity.offline_form': 'The customer left a message while no one was online',
    'actor.system': 'System',
    'mail.assigned.subject': '[#{{number}}] You were assigned the conversation with {{contact}}',
    'mail.assigned.body': '{{actor}} assigned you conversation #{{number}} with {{contact}}.\n\n{{excerpt}}\n\nOpen it: {{link}}',
    'mail.mentioned.subject': '[#{{number}}] {{actor}} mentioned you',
    'mail.mentioned.body': '{{actor}} mentioned you in a note on conversation #{{number}} with {{contact}}:\n\n{{excerpt}}\n\nOpen it: {{link}}',
    'mail.visitor_reply.subject': '{{shop}} replied to you',
    'mail.visitor_reply.body': 'Hi {{name}},\n\n{{agent}} from {{shop}} replied to your message:\n\n{{excerpt}}\n\nYou can answer in the chat on the shop\'s website.',
    'mail.footer.preferences': 'You get this because email notifications are on in CareLoop; turn them off in Profile → Notifications.',
    'messaging.comment_hidden': 'The comment was hidden on the Page because it shows a phone number.',
    'messaging.comment_hide_failed': 'Could not hide the comment that shows a phone number: {{error}}',
    'messaging.window_closed': 'Outside the channel\'s reply window: {{detail}}',
    'messaging.reauth': 'The channel needs to be reconnected (access token expired): {{detail}}',
    'messaging.unsubscribed': 'The customer unfollowed / unsubscribed; the channel does not allow sending.',
    'calls.missed': 'Missed call from {{from}} — call back',
    'calls.answered': '{{direction}} call with {{from}}, answered after {{wait}} s, lasted {{talk}}',
    'calls.ended': '{{direction}} call with {{from}} ended ({{talk}})',
    'calls.logged': '{{actor}} logged a {{direction}} call with {{from}} ({{talk}})',
    'calls.inbound': 'Inbound', 'calls.outbound': 'Outbound',
    'priority.urgent': 'urgent', 'priority.high': 'high', 'priority.normal': 'normal', 'priority.low': 'low',
  },
} as const;

export type ServerLocale = keyof typeof dictionaries;
export type MessageKey = keyof (typeof dictionaries)['vi'];

export function t(locale: string, key: MessageKey, params: Record<string, string> = {}): string {
  const dict = dictionaries[locale === 'en' ? 'en' : 'vi'];
  return dict[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? '');
}

/** Format an instant for people in the workspace's zone: dd/MM/yyyy HH:mm. */
export function formatDateTime(at: Date, timezone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: timezone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(at);
}
