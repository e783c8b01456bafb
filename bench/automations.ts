/**
 * Automation rules per incoming customer message, in process (no database): 100 enabled rules of a
 * realistic shop (text tests, channel, intent, labels, segment, business hours, nested any/all/not)
 * over generated Vietnamese and English messages of 20–400 characters. Each message costs
 * `buildFacts` (folding its text) + `evaluate`. Baselines in the same run:
 *  - fold only: `matchKey` of each message, the floor any evaluator pays;
 *  - naive: an interpreter that walks the rule JSON and folds rule literals and labels while it
 *    evaluates (the message text folded once), over the first BENCH_NAIVE messages; its answers
 *    are compared with the engine's.
 *
 *   npx tsx bench/automations.ts        BENCH_MESSAGES=200000 BENCH_ROUNDS=3 BENCH_NAIVE=50000
 */
import { fold } from '@careloop/contracts';
import { automationRule, type AutomationCondition, type AutomationRule } from '../contracts/src/automations.ts';
import { buildFacts, matchKey, type FactsInput } from '../server/src/automations/engine/facts.ts';
import { compileRules } from '../server/src/automations/engine/compile.ts';
import { evaluate, rootGuard } from '../server/src/automations/engine/evaluate.ts';
import { noteLoad, printTargets, round, runBench, table, target, writeResults } from './lib.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const NAIVE = Math.min(MESSAGES, Number(process.env.BENCH_NAIVE ?? 50_000));

/** Deterministic, so runs compare. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (s * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32);
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, chance: (p: number) => next() < p };
}

const vi = [
  'Shop ơi, đơn hàng #{n} của mình giao tới đâu rồi ạ?', 'Mình đặt từ tuần trước mà vẫn chưa nhận được hàng.', 'Cho mình hỏi áo này còn size M không shop?',
  'Sản phẩm bị lỗi đường may, mình muốn đổi trả.', 'Shop hoàn tiền giúp mình với, mình không muốn nhận nữa.', 'Giao hàng chậm quá, thật sự thất vọng!!',
  'Mình đã chuyển khoản rồi, shop kiểm tra giúp nhé.', 'Cảm ơn shop, hàng đẹp lắm, sẽ ủng hộ tiếp ạ 😍', 'Phí ship về Đà Nẵng bao nhiêu vậy shop?',
  'Shipper gọi mà mình không nghe máy kịp.', 'Mã giảm giá SALE50 không dùng được.', 'Hủy đơn giúp mình nhé, mình đặt nhầm màu.',
  'Khi nào có hàng lại ạ?', 'Mình muốn khiếu nại về thái độ của nhân viên giao hàng.', 'Thanh toán COD được không shop?',
  'Chào shop, cho mình hỏi chút.', 'Hàng giao thiếu một món, shop xem lại giúp.', 'Đổi size giúp mình từ M sang L được không?',
];
const en = [
  'Hi, where is my order #{n}? It has been a week.', 'I still have not received my package.', 'Do you have this dress in size S?',
  'The item arrived damaged, I want a refund.', 'Can I return this and get my money back?', 'Delivery is way too slow, very disappointed!',
  'I paid by bank transfer, please check.', 'Thanks, the shoes are great!', 'How much is shipping to Hanoi?',
  'Your courier never called me.', 'The discount code does not work.', 'Please cancel my order, I ordered the wrong colour.',
  'Hello shop, quick question.', 'One item is missing from the parcel.', 'I want to file a complaint about the driver.',
];

/** Around the one thing a customer writes about: where they live, when they ordered, a phone number. */
const viFiller = ['Mình ở Quận 7, TP HCM.', 'Số điện thoại 0901 234 567 nhé.', 'Nhờ shop kiểm tra giúp mình.', 'Mình đợi phản hồi của shop ạ.',
  'Đơn đặt hôm thứ hai tuần trước.', 'Mình mua lần thứ ba rồi đó.', 'Tên người nhận là Nguyễn Thị Lan.', 'Địa chỉ 12 Lê Lợi, phường Bến Nghé.'];
const enFiller = ['I live in District 1, HCMC.', 'My phone number is 0901 234 567.', 'Please check for me.', 'I am waiting for your answer.',
  'I ordered it last Monday.', 'This is my third order with you.', 'The receiver is Lan Nguyen.', 'Address: 12 Le Loi street.'];

function generateMessages(count: number): FactsInput[] {
  const r = rng(42);
  const channels = ['web_chat', 'messenger', 'zalo', 'zalo', 'instagram', 'email', 'telegram'] as const;
  const intents = ['order_status', 'late_delivery', 'return_refund', 'product_question', 'complaint', 'payment', 'other'] as const;
  const segments = ['champions', 'loyal', 'new', 'at_risk', 'cant_lose', 'hibernating', null] as const;
  const labels = ['vip', 'Hoàn tiền', 'đổi trả', 'spam', 'khiếu nại', 'sỉ', 'refund', 'new'];
  return Array.from({ length: count }, (_, i) => {
    const lang = r.chance(0.72) ? 'vi' : 'en';
    const want = 20 + Math.floor(r.next() * 381);
    let text = r.pick(lang === 'vi' ? vi : en).replace('{n}', String(10_000 + i));
    while (text.length < want) text += ` ${r.pick(lang === 'vi' ? viFiller : enFiller)}`;
    if (text.length > want) text = text.slice(0, Math.max(text.lastIndexOf(' ', want), 20));
    return {
      event: 'message.received', conversationId: `cv_${i % 20_000}`, text, channel: r.pick(channels), language: lang,
      sentiment: r.pick(['negative', 'neutral', 'neutral', 'positive'] as const), intent: r.pick(intents), urgency: r.pick(['low', 'normal', 'high'] as const),
      priority: r.pick(['low', 'normal', 'normal', 'high', 'urgent'] as const), labels: labels.filter(() => r.chance(0.12)),
      segment: r.pick(segments), vip: r.chance(0.05), businessHours: r.chance(0.7), conversationStatus: r.pick(['open', 'open', 'pending', 'snoozed'] as const),
      assigneeId: r.chance(0.4) ? `ag_${Math.floor(r.next() * 8)}` : null, teamId: r.chance(0.5) ? 'tm_care' : null,
      lifetimeSpend: r.chance(0.8) ? Math.floor(r.next() * 20_000_000) : null, attributes: { city: r.pick(['Hà Nội', 'TP HCM', 'Đà Nẵng']), orders: String(Math.floor(r.next() * 30)) },
      orderStatuses: r.pick([['paid', 'fulfilled', 'shipped'], ['pending', 'unfulfilled', 'processing'], ['paid', 'fulfilled', 'delivered']] as const),
    };
  });
}

/** Ten shapes of rule a shop writes, each with varied words, channels and thresholds. */
function generateRules(count: number): AutomationRule[] {
  const r = rng(7);
  const kw = [['hoàn tiền', 'refund', 'money back'], ['đổi trả', 'return', 'đổi size'], ['chậm', 'slow', 'chưa nhận'], ['thất vọng', 'disappointed'], ['hủy đơn', 'cancel'],
    ['mã giảm giá', 'discount code'], ['thiếu', 'missing'], ['khiếu nại', 'complaint'], ['chuyển khoản', 'bank transfer'], ['lỗi', 'damaged']];
  const words = ['ship', 'COD', 'size', 'giao', 'shipper', 'order', 'SALE50'];
  const ch = () => [r.pick(['zalo', 'messenger', 'web_chat', 'instagram'] as const), r.pick(['email', 'telegram', 'zalo'] as const)];
  const shapes: ((i: number) => unknown)[] = [
    () => ({ all: [{ field: 'message.text', op: 'contains_any', value: r.pick(kw) }, { field: 'channel', op: 'in', value: ch() }] }),
    () => ({ all: [{ field: 'message.text', op: 'matches_word', value: r.pick(words) }, { field: 'business_hours', op: 'is', value: false }] }),
    () => ({ all: [{ field: 'intent', op: 'in', value: [r.pick(['late_delivery', 'complaint', 'return_refund'])] }, { field: 'segment', op: 'in', value: ['vip', r.pick(['champions', 'cant_lose'])] }] }),
    () => ({ all: [{ any: [{ field: 'sentiment', op: 'is', value: 'negative' }, { field: 'message.text', op: 'contains', value: r.pick(kw)[0] }] }, { field: 'channel', op: 'in', value: ch() }, { not: { field: 'labels', op: 'has', value: 'khiếu nại' } }] }),
    () => ({ all: [{ field: 'message.text', op: 'starts_with', value: r.pick(['chào shop', 'shop ơi', 'hi', 'hello shop']) }, { field: 'language', op: 'is', value: r.pick(['vi', 'en']) }] }),
    () => ({ all: [{ field: 'labels', op: 'has_any', value: [r.pick(['vip', 'sỉ']), 'refund'] }, { field: 'priority', op: 'at_least', value: r.pick(['high', 'normal']) }, { field: 'business_hours', op: 'is', value: false }] }),
    () => ({ all: [
      { field: 'channel', op: 'in', value: ch() },
      { any: [{ all: [{ field: 'intent', op: 'in', value: ['late_delivery', 'order_status'] }, { field: 'urgency', op: 'at_least', value: 'normal' }] }, { field: 'message.text', op: 'contains_any', value: r.pick(kw) }] },
      { not: { field: 'segment', op: 'in', value: ['hibernating'] } },
    ] }),
    () => ({ all: [{ field: 'contact.lifetime_spend', op: 'gte', value: 1_000_000 * (1 + Math.floor(r.next() * 10)) }, { field: 'message.text', op: 'contains_any', value: r.pick(kw) }, { field: 'message.text', op: 'not_contains', value: 'cảm ơn' }] }),
    () => ({ all: [{ field: 'conversation.status', op: 'in', value: ['open', 'pending'] }, { field: 'assignee', op: 'is_none' }, { field: 'business_hours', op: 'is', value: true }, { field: 'labels', op: 'has_none', value: ['spam'] }, { field: 'intent', op: 'in', value: [r.pick(['payment', 'product_question', 'other'])] }] }),
    () => ({ all: [{ field: 'contact.attribute', key: 'city', op: 'eq', value: r.pick(['Hà Nội', 'Đà Nẵng']) }, { field: 'message.text', op: 'matches_word', value: r.pick(words) }] }),
  ];
  const actions = [
    [{ type: 'add_label', label: 'refund' }, { type: 'set_priority', priority: 'high' }], [{ type: 'send_message', text: 'Chào {{contact.first_name | bạn}}, shop đã nhận tin ạ.' }],
    [{ type: 'assign_team', teamId: 'tm_care' }, { type: 'set_priority', priority: 'urgent' }], [{ type: 'escalate', to: 'supervisors' }], [{ type: 'send_canned', cannedId: 'cr_hello' }],
    [{ type: 'notify', audience: 'team', text: 'Khách cần hỗ trợ' }], [{ type: 'assign_agent', agentId: 'ag_1' }], [{ type: 'add_label', label: 'vip-care' }],
    [{ type: 'assign_team', teamId: 'tm_care' }], [{ type: 'add_label', label: 'local' }],
  ];
  const rules = Array.from({ length: count - 1 }, (_, i) => automationRule.parse({
    id: `aut_${i}`, name: `Rule ${i}`, trigger: 'message.received', order: i + 1, conditions: shapes[i % shapes.length]!(i), actions: actions[i % actions.length],
  }));
  // A spam filter first, as shops do: rare, and it ends evaluation.
  rules.unshift(automationRule.parse({ id: 'aut_spam', name: 'Spam', trigger: 'message.received', order: 0,
    conditions: { all: [{ field: 'labels', op: 'has', value: 'spam' }, { field: 'message.text', op: 'contains', value: 'mã giảm giá' }] }, actions: [{ type: 'stop_processing' }] }));
  return rules;
}

/** The baseline: the rule JSON as stored, interpreted as it is walked (only the fields this benchmark's rules use). */
function naiveHolds(c: AutomationCondition, m: FactsInput, text: string): boolean {
  if ('all' in c) return c.all.every((x) => naiveHolds(x, m, text));
  if ('any' in c) return c.any.some((x) => naiveHolds(x, m, text));
  if ('not' in c) return !naiveHolds(c.not, m, text);
  const labels = [...(m.labels ?? [])].map((l) => fold(l.trim()));
  const rank = (v: string) => ['low', 'normal', 'high', 'urgent'].indexOf(v);
  switch (c.field) {
    case 'message.text':
      if (c.op === 'contains_any') return c.value.some((v) => text.includes(matchKey(v).trim()));
      if (c.op === 'matches_word') return text.includes(matchKey(c.value));
      if (c.op === 'starts_with') return text.startsWith(` ${matchKey(c.value).trim()}`);
      return text.includes(matchKey(c.value).trim()) === (c.op === 'contains');
    case 'channel': return (c.value as string[]).includes(m.channel ?? '') === (c.op === 'in');
    case 'intent': return (c.value as string[]).includes(m.intent ?? '');
    case 'sentiment': return c.op === 'is' && m.sentiment === c.value;
    case 'language': return c.op === 'is' && m.language === c.value;
    case 'urgency': return c.op === 'at_least' && rank(m.urgency ?? '') >= rank(c.value);
    case 'priority': return c.op === 'at_least' && rank(m.priority ?? '') >= rank(c.value);
    case 'labels':
      if (c.op === 'has') return labels.includes(fold(c.value));
      return c.value.some((v) => labels.includes(fold(v))) === (c.op === 'has_any');
    case 'segment': return (c.value as string[]).includes(m.segment ?? '') || (c.value.includes('vip') && m.vip === true);
    case 'business_hours': return (m.businessHours ?? false) === c.value;
    case 'conversation.status': return (c.value as string[]).includes(m.conversationStatus ?? '');
    case 'assignee': return c.op === 'is_none' && !m.assigneeId;
    case 'contact.lifetime_spend': return c.op === 'gte' && m.lifetimeSpend != null && m.lifetimeSpend >= c.value;
    case 'contact.attribute': return c.op === 'eq' && fold(String(m.attributes?.[c.key] ?? '')) === fold(String(c.value));
    default: throw new Error(`naive interpreter: ${c.field} is not used by this benchmark`);
  }
}

/** `sorted`: the rules in run order (sorted once, as any evaluator would). */
function naiveEvaluate(sorted: readonly AutomationRule[], m: FactsInput): string[] {
  const text = matchKey(m.text ?? '');
  const fired: string[] = [];
  for (const rule of sorted) {
    if (!rule.enabled || rule.trigger !== m.event || !naiveHolds(rule.conditions, m, text)) continue;
    fired.push(rule.id);
    if (rule.actions.some((a) => a.type === 'stop_processing')) break;
  }
  return fired;
}

/** Messages per second of `fn` over all messages; `sink` keeps the work from being optimised away. */
function rate(messages: readonly FactsInput[], fn: (m: FactsInput) => number): { perSec: number; seconds: number; sink: number } {
  let sink = 0;
  const t0 = performance.now();
  for (const m of messages) sink += fn(m);
  const seconds = (performance.now() - t0) / 1000;
  return { perSec: messages.length / seconds, seconds, sink };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  console.log(`automations: 100 rules on message.received × ${MESSAGES.toLocaleString('en')} generated messages, ${ROUNDS} rounds (median); naive baseline on ${NAIVE.toLocaleString('en')}`);
  noteLoad('start');
  const messages = generateMessages(MESSAGES);
  const rules = generateRules(100);
  const sorted = [...rules].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  const avgChars = messages.reduce((s, m) => s + (m.text?.length ?? 0), 0) / messages.length;

  const c0 = performance.now();
  const compiled = compileRules(rules);
  const compileMs = performance.now() - c0;
  const guard = rootGuard();

  const engineRun = () => rate(messages, (m) => evaluate(compiled, buildFacts(m), guard).fired.length);
  const runs = { engine: [] as number[], fold: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    runs.engine.push(engineRun().perSec);
    runs.fold.push(rate(messages, (m) => matchKey(m.text ?? '').length).perSec);
  }
  // The naive interpreter is slow: it runs once, over the first BENCH_NAIVE messages, and answers as the engine must.
  const engineAnswers = messages.slice(0, NAIVE).map((m) => evaluate(compiled, buildFacts(m), guard).fired.map((f) => f.ruleId).join());
  const naiveAnswers: string[] = [];
  const naiveSample = messages.slice(0, NAIVE);
  const naive = rate(naiveSample, (m) => {
    const fired = naiveEvaluate(sorted, m);
    naiveAnswers.push(fired.join());
    return fired.length;
  }).perSec;
  const mismatches = naiveAnswers.filter((a, i) => a !== engineAnswers[i]).length;
  const firedTotal = engineAnswers.reduce((n, a) => n + (a ? a.split(',').length : 0), 0);
  const engine = median(runs.engine);
  const foldOnly = median(runs.fold);
  noteLoad('end');

  console.log(table(['', 'messages/s', 'µs/message', 'vs engine'], [
    ['engine (buildFacts + evaluate, compiled)', round(engine), round(1e6 / engine, 2), '1×'],
    ['naive interpreter of the rule JSON', round(naive), round(1e6 / naive, 2), `${round(engine / naive, 1)}× slower`],
    ['fold only (matchKey of the text)', round(foldOnly), round(1e6 / foldOnly, 2), `${round(100 * engine / foldOnly)} % of the time is folding`],
  ]));
  console.log(`rules compiled in ${round(compileMs, 2)} ms; ${round(firedTotal / NAIVE, 2)} rules fire per message; ${avgChars.toFixed(0)} characters per message; ${mismatches} of ${NAIVE.toLocaleString('en')} answers differ from the naive interpreter's`);

  const targets = [
    target('messages evaluated per second (100 rules, facts included)', engine, '/s', '>=', 5000, `naive ${round(naive)}/s, fold only ${round(foldOnly)}/s`),
    target('answers that differ from the naive interpreter', mismatches, '', '<=', 0),
  ];
  printTargets(targets);
  writeResults('automations', {
    figures: {
      messages: MESSAGES, rules: rules.length, rounds: ROUNDS, avgChars: round(avgChars), compileMs: round(compileMs, 2), firedPerMessage: round(firedTotal / NAIVE, 2),
      engine: { perSec: round(engine), runs: runs.engine.map((x) => round(x)) }, naive: { perSec: round(naive), messages: NAIVE },
      foldOnly: { perSec: round(foldOnly), runs: runs.fold.map((x) => round(x)) }, engineVsNaive: round(engine / naive, 2), mismatches,
    },
    targets,
  });
}

void runBench('automations', 600_000, main);
