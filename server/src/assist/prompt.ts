/**
 * What is sent to the assistant: instructions in the workspace's language and the conversation as a transcript.
 * Only what the customer saw goes out (their messages and the shop's replies); internal notes, activity lines and
 * attachments' contents stay on the server. The newest messages are kept within a budget.
 */
import type { ChatMessage } from './client.ts';

export interface TranscriptLine { from: 'customer' | 'shop'; name: string | null; text: string }
export interface PromptFacts { locale: string; shop: string; customer: string | null; lines: TranscriptLine[] }

const maxLineChars = 2_000;
const maxTranscriptChars = 12_000;

/** The newest lines that fit the budget, oldest first, each cut to a length. */
export function transcriptOf(lines: TranscriptLine[], labels: { customer: string; shop: string }): string {
  const out: string[] = [];
  let used = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    const text = line.text.length > maxLineChars ? `${line.text.slice(0, maxLineChars)}…` : line.text;
    const who = line.from === 'customer' ? labels.customer : labels.shop;
    const entry = `${who}${line.name ? ` (${line.name})` : ''}: ${text.replace(/\s+\n/g, '\n').trim()}`;
    if (used + entry.length > maxTranscriptChars && out.length > 0) break;
    out.unshift(entry);
    used += entry.length;
  }
  return out.join('\n\n');
}

const words = {
  vi: {
    customer: 'Khách', shop: 'Shop',
    draft: (shop: string) => `Bạn giúp nhân viên chăm sóc khách hàng của cửa hàng trực tuyến "${shop}". Hãy viết câu trả lời tiếp theo của shop cho khách, bằng ngôn ngữ khách đang dùng: lịch sự, ngắn gọn, ấm áp, xưng "shop" và gọi khách là "anh/chị" nếu không rõ. Không hứa hoàn tiền, đổi hàng hay tặng quà; không bịa thông tin đơn hàng, giá hay ngày giao: chỗ nào cần số liệu thì để trong [ngoặc vuông] cho nhân viên điền. Chỉ viết nội dung tin nhắn, không thêm lời dẫn.`,
    summary: (shop: string) => `Bạn giúp nhân viên chăm sóc khách hàng của cửa hàng trực tuyến "${shop}". Hãy tóm tắt cuộc hội thoại cho người nhận lại nó, bằng tiếng Việt, 3–5 gạch đầu dòng: khách cần gì, shop đã làm gì, còn việc gì đang chờ, và tâm trạng của khách. Không bịa thêm điều không có trong hội thoại.`,
    ask: (kind: 'draft' | 'summary', customer: string | null) => kind === 'draft' ? `Cuộc hội thoại với ${customer ?? 'khách'}:` : `Cuộc hội thoại cần tóm tắt${customer ? ` (khách: ${customer})` : ''}:`,
  },
  en: {
    customer: 'Customer', shop: 'Shop',
    draft: (shop: string) => `You help the customer-care agents of the online shop "${shop}". Write the shop's next reply to the customer, in the language the customer writes in: polite, short and warm. Do not promise refunds, replacements or gifts; never invent order details, prices or delivery dates: put anything the agent must fill in inside [square brackets]. Write only the message itself, with no preamble.`,
    summary: (shop: string) => `You help the customer-care agents of the online shop "${shop}". Summarize the conversation for the agent taking it over, in English, in 3–5 bullet points: what the customer needs, what the shop has done, what is still open, and how the customer feels. Add nothing that is not in the conversation.`,
    ask: (kind: 'draft' | 'summary', customer: string | null) => kind === 'draft' ? `The conversation with ${customer ?? 'the customer'}:` : `The conversation to summarize${customer ? ` (customer: ${customer})` : ''}:`,
  },
};

export function promptFor(kind: 'draft' | 'summary', facts: PromptFacts): ChatMessage[] {
  const w = facts.locale === 'vi' ? words.vi : words.en;
  const transcript = transcriptOf(facts.lines, w);
  return [
    { role: 'system', content: kind === 'draft' ? w.draft(facts.shop) : w.summary(facts.shop) },
    { role: 'user', content: `${w.ask(kind, facts.customer)}\n\n${transcript}` },
  ];
}
