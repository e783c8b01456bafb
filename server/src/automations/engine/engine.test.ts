import { describe, expect, it } from 'vitest';
import {
  automationAction, automationActionTypes, automationCondition, automationConditionOps, automationRule, automationRuleInput, automationRulePatch,
  type AutomationCondition, type AutomationRule,
} from '@careloop/contracts';
import { buildFacts, matchKey, type FactsInput } from './facts.ts';
import { compileCondition, compileRules } from './compile.ts';
import { childGuard, evaluate, FiringLog, rootGuard, type LoopGuard } from './evaluate.ts';
import { renderVariables } from './variables.ts';
import { describeAction, describeCondition, describeRule } from './describe.ts';

const holds = (condition: unknown, facts: Omit<FactsInput, 'event'> & { event?: FactsInput['event'] }) =>
  compileCondition(automationCondition.parse(condition))(buildFacts({ event: 'message.received', ...facts }));

let seq = 0;
const rule = (over: Partial<Omit<AutomationRule, 'conditions'>> & { conditions?: unknown }): AutomationRule =>
  automationRule.parse({ id: `aut_${++seq}`, name: 'rule', trigger: 'message.received', actions: [{ type: 'add_label', label: 'x' }], ...over });

/** [condition, facts that satisfy it, facts that do not] — one row per field and operator at least. */
type Case = [condition: Record<string, unknown>, yes: Omit<FactsInput, 'event'>, no: Omit<FactsInput, 'event'>];
const cases: Case[] = [
  [{ field: 'channel', op: 'in', value: ['zalo', 'messenger'] }, { channel: 'zalo' }, { channel: 'email' }],
  [{ field: 'channel', op: 'not_in', value: ['zalo'] }, { channel: 'email' }, { channel: 'zalo' }],
  [{ field: 'message.text', op: 'contains', value: 'hoàn tiền' }, { text: 'Shop ơi cho mình HOAN TIEN nhé' }, { text: 'Shop ơi giao chậm quá' }],
  [{ field: 'message.text', op: 'not_contains', value: 'hủy đơn' }, { text: 'Mình muốn đổi size' }, { text: 'Mình muốn HUỶ ĐƠN' }],
  [{ field: 'message.text', op: 'contains_any', value: ['đổi trả', 'hoàn tiền'] }, { text: 'cho em đổi trả được không' }, { text: 'cảm ơn shop' }],
  [{ field: 'message.text', op: 'matches_word', value: 'ship' }, { text: 'Ship nhanh không shop?' }, { text: 'shipper tới chưa, relationship' }],
  [{ field: 'message.text', op: 'starts_with', value: 'chào shop' }, { text: '  Chào shop, cho mình hỏi' }, { text: 'Mình chào shop' }],
  [{ field: 'language', op: 'is', value: 'en' }, { language: 'en' }, { language: 'vi' }],
  [{ field: 'language', op: 'in', value: ['vi', 'other'] }, { language: 'other' }, { language: 'en' }],
  [{ field: 'sentiment', op: 'is', value: 'negative' }, { sentiment: 'negative' }, { sentiment: 'neutral' }],
  [{ field: 'sentiment', op: 'in', value: ['neutral', 'positive'] }, { sentiment: 'positive' }, {}],
  [{ field: 'intent', op: 'in', value: ['late_delivery', 'complaint'] }, { intent: 'late_delivery' }, { intent: 'order_status' }],
  [{ field: 'urgency', op: 'is', value: 'high' }, { urgency: 'high' }, { urgency: 'normal' }],
  [{ field: 'urgency', op: 'in', value: ['low', 'normal'] }, { urgency: 'low' }, { urgency: 'high' }],
  [{ field: 'urgency', op: 'at_least', value: 'normal' }, { urgency: 'high' }, { urgency: 'low' }],
  [{ field: 'priority', op: 'is', value: 'urgent' }, { priority: 'urgent' }, { priority: 'high' }],
  [{ field: 'priority', op: 'in', value: ['low', 'normal'] }, { priority: 'normal' }, {}],
  [{ field: 'priority', op: 'at_least', value: 'high' }, { priority: 'urgent' }, { priority: 'normal' }],
  [{ field: 'labels', op: 'has', value: 'VIP' }, { labels: ['vip'] }, { labels: ['refund'] }],
  [{ field: 'labels', op: 'has_any', value: ['refund', 'đổi trả'] }, { labels: ['Đổi Trả'] }, { labels: ['khác'] }],
  [{ field: 'labels', op: 'has_none', value: ['spam'] }, { labels: ['x'] }, { labels: ['Spam'] }],
  [{ field: 'segment', op: 'in', value: ['vip'] }, { vip: true, segment: 'loyal' }, { vip: false, segment: 'loyal' }],
  [{ field: 'segment', op: 'in', value: ['at_risk', 'cant_lose'] }, { segment: 'at_risk' }, { segment: null }],
  [{ field: 'business_hours', op: 'is', value: false }, { businessHours: false }, { businessHours: true }],
  [{ field: 'order.status', op: 'in', value: ['delivered', 'refunded'] }, { orderStatuses: ['paid', 'fulfilled', 'delivered'] }, { orderStatuses: ['pending', 'unfulfilled', 'processing'] }],
  [{ field: 'contact.attribute', key: 'city', op: 'eq', value: 'Hà Nội' }, { attributes: { city: 'ha noi' } }, { attributes: { city: 'HCM' } }],
  [{ field: 'contact.attribute', key: 'tier', op: 'eq', value: 3 }, { attributes: { tier: '3' } }, { attributes: { tier: 4 } }],
  [{ field: 'contact.attribute', key: 'b2b', op: 'eq', value: true }, { attributes: { b2b: 'TRUE' } }, { attributes: { b2b: false } }],
  [{ field: 'contact.attribute', key: 'city', op: 'neq', value: 'Hà Nội' }, { attributes: {} }, { attributes: { city: 'HÀ NỘI' } }],
  [{ field: 'contact.attribute', key: 'note', op: 'contains', value: 'khó tính' }, { attributes: { note: 'Khách KHÓ TÍNH lắm' } }, { attributes: { note: 12 } }],
  [{ field: 'contact.attribute', key: 'zalo', op: 'exists', value: true }, { attributes: { zalo: '0901' } }, { attributes: { zalo: '' } }],
  [{ field: 'contact.attribute', key: 'constructor', op: 'exists', value: false }, { attributes: {} }, { attributes: { constructor: 'x' } }],
  [{ field: 'contact.attribute', key: 'age', op: 'gt', value: 30 }, { attributes: { age: ' 41 ' } }, { attributes: { age: 'abc' } }],
  [{ field: 'contact.attribute', key: 'age', op: 'lt', value: 30 }, { attributes: { age: 20 } }, { attributes: { age: null } }],
  [{ field: 'contact.lifetime_spend', op: 'gt', value: 5_000_000 }, { lifetimeSpend: 5_000_001 }, { lifetimeSpend: 5_000_000 }],
  [{ field: 'contact.lifetime_spend', op: 'gte', value: 5_000_000 }, { lifetimeSpend: 5_000_000 }, { lifetimeSpend: null }],
  [{ field: 'contact.lifetime_spend', op: 'lt', value: 100_000 }, { lifetimeSpend: 0 }, { lifetimeSpend: 100_000 }],
  [{ field: 'contact.lifetime_spend', op: 'lte', value: 100_000 }, { lifetimeSpend: 100_000 }, { lifetimeSpend: 100_001 }],
  [{ field: 'conversation.status', op: 'in', value: ['open', 'pending'] }, { conversationStatus: 'open' }, { conversationStatus: 'resolved' }],
  [{ field: 'assignee', op: 'is_none' }, { teamId: 'tm_1' }, { assigneeId: 'ag_1' }],
  [{ field: 'assignee', op: 'is', value: 'ag_1' }, { assigneeId: 'ag_1' }, { assigneeId: 'ag_2' }],
  [{ field: 'assignee', op: 'team_is', value: 'tm_1' }, { teamId: 'tm_1' }, { teamId: null }],
  [{ field: 'survey.score', op: 'lte', value: 2 }, { surveyScore: 1 }, { surveyScore: 4 }],
  [{ field: 'survey.score', op: 'gte', value: 4 }, { surveyScore: 5 }, { surveyScore: null }],
];

describe('conditions', () => {
  it.each(cases)('%j holds for the first facts and not the second', (condition, yes, no) => {
    expect(holds(condition, yes)).toBe(true);
    expect(holds(condition, no)).toBe(false);
  });

  it('cover every field and operator the contract offers', () => {
    const covered = new Set(cases.map(([c]) => `${String(c.field)} ${String(c.op)}`));
    const offered = Object.entries(automationConditionOps).flatMap(([field, ops]) => ops.map((op) => `${field} ${op}`));
    expect([...covered].sort()).toEqual(offered.sort());
  });

  it('match text without regard to diacritics, case, punctuation or spacing', () => {
    const refund = { field: 'message.text', op: 'contains', value: 'hoàn tiền' };
    for (const text of ['HOAN TIEN', 'Hoàn Tiền!!', 'hoàn\n  tiền', 'HOÀN TIỀN giúp em', 'em muốn hoan-tien']) expect(holds(refund, { text })).toBe(true);
    expect(holds(refund, { text: 'hoàn lại tiền' })).toBe(false);
    expect(holds({ field: 'message.text', op: 'contains', value: 'ĐƠN' }, { text: 'don hang cua minh' })).toBe(true);
    expect(matchKey('Đơn  #1042, giao chưa?')).toBe(' don 1042 giao chua ');
  });

  it('match whole words only for matches_word, phrases included', () => {
    const word = (value: string, text: string) => holds({ field: 'message.text', op: 'matches_word', value }, { text });
    expect(word('ship', 'ship')).toBe(true);
    expect(word('ship', 'free-ship?')).toBe(true);
    expect(word('ship', 'shipper')).toBe(false);
    expect(word('ship', 'relationship')).toBe(false);
    expect(word('giao hàng', 'Giao hàng.')).toBe(true);
    expect(word('giao hàng', 'giao hàngg')).toBe(false);
    expect(word('lỗi', 'bị LOI rồi')).toBe(true);
    expect(word('loi', 'loin')).toBe(false);
  });

  it('treat missing text as empty', () => {
    expect(holds({ field: 'message.text', op: 'contains', value: 'a' }, {})).toBe(false);
    expect(holds({ field: 'message.text', op: 'not_contains', value: 'a' }, {})).toBe(true);
  });

  it('nest all, any and not', () => {
    const c = {
      all: [
        { field: 'channel', op: 'in', value: ['zalo'] },
        { any: [{ field: 'intent', op: 'in', value: ['return_refund'] }, { field: 'message.text', op: 'contains_any', value: ['hoàn tiền', 'trả hàng'] }] },
        { not: { any: [{ field: 'labels', op: 'has', value: 'spam' }, { field: 'segment', op: 'in', value: ['vip'] }] } },
      ],
    };
    expect(holds(c, { channel: 'zalo', intent: 'return_refund' })).toBe(true);
    expect(holds(c, { channel: 'zalo', text: 'em muốn TRẢ HÀNG' })).toBe(true);
    expect(holds(c, { channel: 'zalo', text: 'trả hàng', vip: true })).toBe(false);
    expect(holds(c, { channel: 'zalo', text: 'trả hàng', labels: ['Spam'] })).toBe(false);
    expect(holds(c, { channel: 'email', intent: 'return_refund' })).toBe(false);
    expect(holds(c, { channel: 'zalo' })).toBe(false);
    expect(holds({ all: [] }, {})).toBe(true);
    expect(holds({ not: { all: [] } }, {})).toBe(false);
  });
});

describe('compileRules and evaluate', () => {
  const label = (l: string) => ({ type: 'add_label', label: l }) as const;
  const zalo = { field: 'channel', op: 'in', value: ['zalo'] };

  it('skips disabled rules, keeps each trigger apart and runs in order, then id', () => {
    const compiled = compileRules([
      rule({ id: 'aut_b', order: 2, actions: [label('b')] }),
      rule({ id: 'aut_a', order: 2, actions: [label('a')] }),
      rule({ id: 'aut_c', order: 1, actions: [label('c')] }),
      rule({ id: 'aut_off', order: 0, enabled: false }),
      rule({ id: 'aut_sla', trigger: 'sla.breached' }),
    ]);
    const out = evaluate(compiled, buildFacts({ event: 'message.received', conversationId: 'cv_1' }), rootGuard());
    expect(out.fired.map((f) => f.ruleId)).toEqual(['aut_c', 'aut_a', 'aut_b']);
    expect(out.fired[0]!.actions).toEqual([label('c')]);
    expect(evaluate(compiled, buildFacts({ event: 'order.updated' }), rootGuard()).fired).toEqual([]);
  });

  it('stops at a matching rule with stop_processing, which is not returned as an action', () => {
    const compiled = compileRules([
      rule({ id: 'aut_1', order: 1, actions: [label('one')] }),
      rule({ id: 'aut_2', order: 2, conditions: zalo, actions: [label('two'), { type: 'stop_processing' }] }),
      rule({ id: 'aut_3', order: 3, actions: [label('three')] }),
    ]);
    const onZalo = evaluate(compiled, buildFacts({ event: 'message.received', channel: 'zalo' }), rootGuard());
    expect(onZalo).toEqual({ fired: [{ ruleId: 'aut_1', actions: [label('one')] }, { ruleId: 'aut_2', actions: [label('two')] }], skipped: [], stoppedBy: 'aut_2' });
    const elsewhere = evaluate(compiled, buildFacts({ event: 'message.received', channel: 'email' }), rootGuard());
    expect(elsewhere.fired.map((f) => f.ruleId)).toEqual(['aut_1', 'aut_3']);
    expect(elsewhere.stoppedBy).toBeNull();
  });

  it('fires nothing at the maximum chain depth, and says which rules it held back', () => {
    const compiled = compileRules([rule({ id: 'aut_1' })]);
    const facts = buildFacts({ event: 'message.received', conversationId: 'cv_1' });
    const at = (depth: number): LoopGuard => ({ ...rootGuard(), depth });
    expect(evaluate(compiled, facts, at(2)).fired).toHaveLength(1);
    expect(evaluate(compiled, facts, at(3))).toEqual({ fired: [], skipped: [{ ruleId: 'aut_1', reason: 'max_depth' }], stoppedBy: null });
  });

  it('fires a rule once per conversation per chain, and honours its stop_processing when held back', () => {
    const compiled = compileRules([
      rule({ id: 'aut_1', order: 1, trigger: 'conversation.statusChanged', actions: [{ type: 'set_priority', priority: 'high' }, { type: 'stop_processing' }] }),
      rule({ id: 'aut_2', order: 2, trigger: 'conversation.statusChanged', actions: [label('shadowed')] }),
    ]);
    const facts = (conversationId: string) => buildFacts({ event: 'conversation.statusChanged', conversationId });
    const first = evaluate(compiled, facts('cv_1'), rootGuard());
    const guard = childGuard(rootGuard(), first, 'cv_1', new Map([['aut_1', 1]]));
    expect(guard.depth).toBe(1);
    expect(evaluate(compiled, facts('cv_1'), guard)).toEqual({ fired: [], skipped: [{ ruleId: 'aut_1', reason: 'once_per_chain' }], stoppedBy: 'aut_1' });
    expect(evaluate(compiled, facts('cv_2'), guard).fired.map((f) => f.ruleId)).toEqual(['aut_1']);
  });

  it('caps firings per conversation per hour', () => {
    const compiled = compileRules([rule({ id: 'aut_1' }), rule({ id: 'aut_2' })]);
    const facts = buildFacts({ event: 'message.received', conversationId: 'cv_1' });
    const out = evaluate(compiled, facts, rootGuard(new Map([['aut_1', 10], ['aut_2', 9]])));
    expect(out.fired.map((f) => f.ruleId)).toEqual(['aut_2']);
    expect(out.skipped).toEqual([{ ruleId: 'aut_1', reason: 'hourly_cap' }]);
    expect(evaluate(compiled, facts, rootGuard(new Map([['aut_1', 2]])), { maxDepth: 3, perConversationPerHour: 2 }).skipped).toHaveLength(1);
  });

  it('ends a chain of rules that keep causing each other', () => {
    // A: status changed → set priority (which the service reports as another status change); B the same.
    const compiled = compileRules([
      rule({ id: 'aut_a', trigger: 'conversation.statusChanged', actions: [{ type: 'set_priority', priority: 'high' }] }),
      rule({ id: 'aut_b', trigger: 'conversation.statusChanged', conditions: { field: 'priority', op: 'is', value: 'high' }, actions: [{ type: 'set_priority', priority: 'urgent' }] }),
    ]);
    const log = new FiringLog();
    const fired: string[] = [];
    let queue: { priority: 'normal' | 'high' | 'urgent'; guard: LoopGuard }[] = [{ priority: 'normal', guard: rootGuard() }];
    for (let steps = 0; queue.length > 0; steps++) {
      expect(steps).toBeLessThan(20);
      const next: typeof queue = [];
      for (const { priority, guard } of queue) {
        const out = evaluate(compiled, buildFacts({ event: 'conversation.statusChanged', conversationId: 'cv_1', priority }), guard);
        log.record('cv_1', out.fired.map((f) => f.ruleId), 0);
        for (const f of out.fired) {
          fired.push(f.ruleId);
          const p = f.actions[0]!.type === 'set_priority' ? f.actions[0]!.priority : priority;
          next.push({ priority: p as 'high' | 'urgent', guard: childGuard(guard, out, 'cv_1', log.countsFor('cv_1', 0)) });
        }
      }
      queue = next;
    }
    expect(fired).toEqual(['aut_a', 'aut_b']);
  });

  it('FiringLog counts within the hour and forgets what aged out', () => {
    const log = new FiringLog();
    const hour = 3_600_000;
    log.record('cv_1', ['aut_1'], 0);
    log.record('cv_1', ['aut_1', 'aut_2'], hour / 2);
    expect(log.countsFor('cv_1', hour / 2)).toEqual(new Map([['aut_1', 2], ['aut_2', 1]]));
    expect(log.countsFor('cv_1', hour + 1)).toEqual(new Map([['aut_1', 1], ['aut_2', 1]]));
    expect(log.countsFor('cv_2', 0).size).toBe(0);
    log.prune(2 * hour);
    expect(log.countsFor('cv_1', 2 * hour).size).toBe(0);
  });

  it('reports stored rules that no longer compile and runs the others', () => {
    const broken = { ...rule({ id: 'aut_bad' }), conditions: { field: 'weather', op: 'is', value: 'rain' } } as unknown as AutomationRule;
    const compiled = compileRules([broken, rule({ id: 'aut_ok' })]);
    expect(compiled.invalid).toEqual([{ ruleId: 'aut_bad', error: expect.stringContaining('weather') }]);
    expect(evaluate(compiled, buildFacts({ event: 'message.received' }), rootGuard()).fired.map((f) => f.ruleId)).toEqual(['aut_ok']);
  });
});

const sampleActions = [
  { type: 'assign_agent', agentId: 'ag_1' }, { type: 'assign_team', teamId: 'tm_1' }, { type: 'set_priority', priority: 'urgent' },
  { type: 'add_label', label: 'refund' }, { type: 'remove_label', label: 'new' }, { type: 'send_canned', cannedId: 'cr_1' },
  { type: 'send_message', text: 'Chào {{contact.first_name | bạn}}, đơn {{order.number}} đang được kiểm tra ạ.' },
  { type: 'send_email', to: 'Owner@Shop.vn', subject: 'Khiếu nại mới', text: 'Xem hội thoại #{{conversation.number}}' },
  { type: 'snooze', minutes: 120 }, { type: 'resolve' }, { type: 'escalate', to: 'supervisors' }, { type: 'suggest_compensation' },
  { type: 'call_webhook', url: 'https://hooks.shop.vn/careloop?x=1', secret: 'a-long-secret' },
  { type: 'notify', audience: 'ag_2', text: 'Khách VIP đang chờ' }, { type: 'stop_processing' },
];

describe('rule schema', () => {
  const input = (over: Record<string, unknown>) => ({ name: 'Hoàn tiền', trigger: 'message.received', actions: [{ type: 'add_label', label: 'refund' }], ...over });
  const issues = (over: Record<string, unknown>) => {
    const r = automationRuleInput.safeParse(input(over));
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  const nested = (groups: number) => {
    let c: unknown = { field: 'channel', op: 'in', value: ['zalo'] };
    for (let i = 0; i < groups; i++) c = { not: c };
    return c;
  };

  it('accepts every action type and fills defaults', () => {
    expect(sampleActions.map((a) => automationAction.parse(a).type)).toEqual(automationActionTypes);
    expect(automationRuleInput.parse(input({ actions: sampleActions }))).toMatchObject({ enabled: true, order: 0, conditions: { all: [] } });
    expect(automationAction.parse(sampleActions[7])).toMatchObject({ to: 'owner@shop.vn' });
  });

  it('refuses operators a field does not have, unknown fields and extra keys', () => {
    expect(issues({ conditions: { field: 'channel', op: 'contains', value: ['zalo'] } })).toEqual([expect.stringMatching(/^conditions\.op: /)]);
    expect(issues({ conditions: { all: [{ field: 'survey.score', op: 'in', value: [1] }] }, trigger: 'survey.answered' })[0]).toMatch(/^conditions\.all\.0\.op: /);
    expect(issues({ conditions: { field: 'weather', op: 'is', value: 'rain' } })[0]).toMatch(/^conditions\.field: /);
    expect(issues({ conditions: { field: 'channel', op: 'in', value: ['zalo'], extra: 1 } })[0]).toMatch(/Unrecognized key/);
    expect(issues({ conditions: { field: 'priority', op: 'at_least', value: 'highest' } })[0]).toMatch(/^conditions\.value: /);
    expect(issues({ conditions: { all: [], not: { all: [] } } })[0]).toMatch(/exactly one of all, any or not/);
    expect(issues({ conditions: { field: 'message.text', op: 'contains', value: '!!!' } })[0]).toMatch(/letter or digit/);
  });

  it('refuses fields that the trigger cannot provide', () => {
    expect(issues({ trigger: 'sla.warning', conditions: { field: 'message.text', op: 'contains', value: 'x' } })[0]).toMatch(/message\.text can only be tested/);
    expect(issues({ conditions: { field: 'survey.score', op: 'lte', value: 2 } })[0]).toMatch(/survey\.score can only be tested/);
  });

  it('limits depth, conditions, actions, names and texts', () => {
    expect(issues({ conditions: nested(4) })).toEqual([]);
    expect(issues({ conditions: nested(5) })[0]).toMatch(/nest at most 4 deep/);
    expect(automationCondition.safeParse(nested(30_000)).error?.issues).toHaveLength(1); // refused at level 5, no deep recursion
    const leaves = (n: number) => ({ all: Array.from({ length: n }, () => ({ field: 'channel', op: 'in', value: ['zalo'] })) });
    expect(issues({ conditions: leaves(50) })).toEqual([]);
    expect(issues({ conditions: { any: [leaves(30), leaves(21)] } })[0]).toMatch(/at most 50 conditions/);
    expect(issues({ actions: [] })[0]).toMatch(/^actions: /);
    expect(issues({ actions: Array.from({ length: 21 }, () => ({ type: 'add_label', label: 'x' })) })[0]).toMatch(/^actions: /);
    expect(issues({ actions: [{ type: 'stop_processing' }, { type: 'stop_processing' }] })[0]).toMatch(/at most once/);
    expect(issues({ name: 'x'.repeat(121) })[0]).toMatch(/^name: /);
    expect(issues({ actions: [{ type: 'send_message', text: 'x'.repeat(2001) }] })[0]).toMatch(/^actions\.0\.text: /);
    expect(issues({ actions: [{ type: 'send_message', text: 'Chào {{contact.nmae}}' }] })[0]).toMatch(/Unknown variable \{\{contact\.nmae\}\}/);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'ftp://shop.vn/x', 'https://user:pw@shop.vn/hook', 'https:///nohost', 'https://shop.vn/a b', 'data:text/html,x'])(
    'refuses the webhook address %s', (url) => {
      expect(issues({ actions: [{ type: 'call_webhook', url }] })[0]).toMatch(/^actions\.0\.url: /);
    },
  );

  it('accepts http and https webhook addresses', () => {
    for (const url of ['https://hooks.shop.vn/careloop?x=1', 'http://10.0.0.2:8080/hook', 'HTTPS://Shop.vn']) expect(issues({ actions: [{ type: 'call_webhook', url }] })).toEqual([]);
  });

  it('leaves out of a patch what it does not change', () => {
    expect(automationRulePatch.parse({ name: ' Mới ' })).toEqual({ name: 'Mới' });
  });
});

describe('variables', () => {
  const ctx = {
    contact: { name: 'Nguyễn Thị Lan', email: 'lan@example.vn', phone: '0901 234 567' },
    agent: { name: 'Trần Minh' },
    conversation: { number: 1042 },
    workspace: { name: 'Shop Xinh', locale: 'vi' },
    order: { number: '#10042', status: 'Đang giao', total: 1_250_000, trackingNumber: 'GHN123', trackingUrl: 'https://donhang.ghn.vn/?order_code=GHN123', carrier: 'GHN' },
  };

  it('renders contact, agent, conversation and order variables', () => {
    expect(renderVariables('Chào {{contact.first_name}} ({{contact.name}}, {{ contact.email }}, {{contact.phone}})', ctx)).toBe('Chào Lan (Nguyễn Thị Lan, lan@example.vn, 0901 234 567)');
    expect(renderVariables('{{agent.name}}/{{agent.first_name}} · #{{conversation.number}} · {{workspace.name}}', ctx)).toBe('Trần Minh/Minh · #1042 · Shop Xinh');
    expect(renderVariables('{{order.number}} {{order.status}} {{order.total}} {{order.carrier}} {{order.tracking_number}} {{order.tracking_url}}', ctx))
      .toBe('#10042 Đang giao 1.250.000 ₫ GHN GHN123 https://donhang.ghn.vn/?order_code=GHN123');
  });

  it('renders unknown variables as nothing and missing values as their fallback', () => {
    expect(renderVariables('A{{contact.nmae}}B{{ Foo.Bar }}C{{product.title}}D', ctx)).toBe('ABCD');
    expect(renderVariables('Chào {{contact.first_name | bạn}}, đơn {{order.number}}.', {})).toBe('Chào bạn, đơn .');
  });

  it('keeps values as plain text and drops links that are not http(s)', () => {
    expect(renderVariables('{{contact.name}}', { contact: { name: '<b>{{order.number}}</b>' }, order: { number: 'X' } })).toBe('<b>{{order.number}}</b>');
    expect(renderVariables('[{{order.tracking_url}}]', { order: { trackingUrl: 'javascript:alert(1)' } })).toBe('[]');
    expect(renderVariables('{{contact.first_name}}', { contact: { name: 'John Smith', locale: 'en' } })).toBe('John');
  });
});

describe('describe', () => {
  const refund = automationRule.parse({
    id: 'aut_1', name: 'Hoàn tiền', trigger: 'message.received',
    conditions: { all: [{ field: 'channel', op: 'in', value: ['zalo'] }, { field: 'message.text', op: 'contains', value: 'hoàn tiền' }] },
    actions: [{ type: 'set_priority', priority: 'high' }, { type: 'add_label', label: 'refund' }],
  });

  it('summarises a rule in Vietnamese and English', () => {
    expect(describeRule(refund, 'vi')).toBe('Khi có tin nhắn mới · kênh Zalo · nội dung chứa "hoàn tiền" → ưu tiên Cao, nhãn refund');
    expect(describeRule(refund, 'en')).toBe('When a customer message arrives · channel Zalo · text contains "hoàn tiền" → priority High, label refund');
  });

  it('shows groups, and names instead of ids when given', () => {
    const c = automationCondition.parse({ any: [{ field: 'assignee', op: 'is', value: 'ag_1' }, { not: { field: 'segment', op: 'in', value: ['vip', 'at_risk'] } }] });
    expect(describeCondition(c, 'vi', { agents: { ag_1: 'Lan' } })).toBe('(giao cho Lan hoặc không (khách nhóm VIP hoặc Có nguy cơ rời bỏ))');
    expect(describeCondition(c, 'en')).toBe('(assigned to ag_1 or not (customer segment VIP or At risk))');
    expect(describeAction({ type: 'snooze', minutes: 1440 }, 'vi')).toBe('tạm hoãn 1 ngày');
  });

  it('has words for every condition and action', () => {
    for (const locale of ['vi', 'en'] as const) {
      for (const [c] of cases) expect(describeCondition(automationCondition.parse(c) as AutomationCondition, locale)).not.toMatch(/undefined|\[object/);
      for (const a of sampleActions) expect(describeAction(automationAction.parse(a), locale)).not.toMatch(/undefined|\[object|^$/);
    }
  });
});
