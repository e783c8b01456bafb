import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import type { AutomationAction, AutomationDryRunDto, AutomationRunDto } from '@careloop/contracts';
import i18n from '../../../i18n/index.ts';
import { ApiError } from '../../../lib/api.ts';
import { at, automationRule, queryClient } from '../../../testing/fixtures.ts';
import { renderHtml } from '../../../testing/render.ts';
import { serverIssues } from '../serverIssues.ts';
import { canEditAutomations, visibleAutomationSections } from './access.ts';
import { addableTypes, cleanAction, moveAction, newAction } from './actions.ts';
import { ActionsEditor } from './ActionsEditor.tsx';
import { ConditionEditor } from './ConditionEditor.tsx';
import { DryRunResult } from './DryRunResult.tsx';
import { applyAutomationEvent } from './events.ts';
import {
  automationKeys, dryRunRule, listRuns, movedWithin, nextOrder, reorderRules, rulesByTrigger, saveRule, setRuleEnabled,
} from './queries.ts';
import { RuleEditor } from './RuleEditor.tsx';
import { RuleList } from './RuleList.tsx';
import { checkDraft, draftOfRule, inputOfDraft, issueText, newRuleDraft } from './ruleForm.ts';
import { RunsTable } from './RunsLog.tsx';

afterEach(() => vi.unstubAllGlobals());
const tVi = i18n.getFixedT('vi');

function stubFetch(answer: unknown = { ok: true }) {
  const requests: { method: string | undefined; url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    requests.push({ method: init.method, url, body: init.body ? JSON.parse(String(init.body)) : null });
    return Response.json(answer);
  });
  return requests;
}

const refused = (...issues: { path: string; message: string; code: string }[]) => serverIssues(new ApiError(400, 'validation_failed', 'Some fields are not valid', { issues }));

describe('the rules API', () => {
  it('creates with POST, replaces with PUT, switches with PATCH and orders with PUT /order', async () => {
    const requests = stubFetch(automationRule());
    const input = inputOfDraft(draftOfRule(automationRule()));
    await saveRule(null, input);
    await saveRule('auto_complaint', input);
    await setRuleEnabled('auto_complaint', false);
    await reorderRules(['auto_b', 'auto_complaint']);
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['POST', '/api/v1/automations/rules'], ['PUT', '/api/v1/automations/rules/auto_complaint'],
      ['PATCH', '/api/v1/automations/rules/auto_complaint'], ['PUT', '/api/v1/automations/rules/order'],
    ]);
    expect(requests[0]!.body).toEqual({
      name: 'Khiếu nại Zalo', enabled: true, trigger: 'message.received', order: 0,
      conditions: { all: [{ field: 'channel', op: 'in', value: ['zalo'] }, { field: 'intent', op: 'in', value: ['complaint'] }] },
      actions: [{ type: 'add_label', label: 'khieu-nai' }, { type: 'set_priority', priority: 'high' }],
    });
    expect(requests[2]!.body).toEqual({ enabled: false });
    expect(requests[3]!.body).toEqual({ ids: ['auto_b', 'auto_complaint'] });
  });

  it('dry-runs a rule on the last 100 conversations and reads the log by rule', async () => {
    const requests = stubFetch({ checked: 100, matched: [] });
    const input = inputOfDraft(newRuleDraft('Thử'));
    await dryRunRule(input);
    await listRuns('auto_complaint', 100);
    await listRuns(null, 50);
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['POST', '/api/v1/automations/dry-run'], ['GET', '/api/v1/automations/runs?ruleId=auto_complaint&limit=100'], ['GET', '/api/v1/automations/runs?limit=50'],
    ]);
    expect(requests[0]!.body).toEqual({ rule: input, limit: 100 });
  });

  it('groups rules by trigger in run order, moves within a trigger and puts new rules last', () => {
    const rules = [
      automationRule({ id: 'auto_c', trigger: 'sla.breached', order: 0 }),
      automationRule({ id: 'auto_b', order: 2 }),
      automationRule({ id: 'auto_a', order: 1 }),
      automationRule({ id: 'auto_d', trigger: 'conversation.created', order: 5 }),
    ];
    expect(rulesByTrigger(rules).map((g) => [g.trigger, g.rules.map((r) => r.id)])).toEqual([
      ['conversation.created', ['auto_d']], ['message.received', ['auto_a', 'auto_b']], ['sla.breached', ['auto_c']],
    ]);
    expect(movedWithin(rulesByTrigger(rules)[1]!.rules, 'auto_b', -1)).toEqual(['auto_b', 'auto_a']);
    expect(nextOrder(rules, 'message.received')).toBe(3);
    expect(nextOrder(rules, 'survey.answered')).toBe(0);
  });

  it('refetches the log and run counts when a rule ran', () => {
    const qc = queryClient();
    const invalidate = vi.spyOn(qc, 'invalidateQueries');
    expect(applyAutomationEvent({ type: 'automation.ran', ruleId: 'auto_a', conversationId: 'conv_1', outcome: 'applied' }, qc)).toBe(true);
    expect(invalidate.mock.calls).toEqual([[{ queryKey: automationKeys.runsAll }], [{ queryKey: automationKeys.rules }]]);
    expect(applyAutomationEvent({ type: 'conversation.status', status: 'open' }, qc)).toBe(false);
  });
});

describe('the actions list', () => {
  it('starts each action with its parameters, offers stop_processing once and drops empty optional fields', () => {
    expect(newAction('send_email')).toEqual({ type: 'send_email', to: 'contact', subject: '', text: '' });
    expect(newAction('notify')).toEqual({ type: 'notify', audience: 'assignee', text: '' });
    expect(addableTypes([newAction('stop_processing')])).not.toContain('stop_processing');
    expect(addableTypes([])).toContain('stop_processing');
    expect(cleanAction({ type: 'resolve', message: '  ' })).toEqual({ type: 'resolve' });
    expect(cleanAction({ type: 'call_webhook', url: 'https://hooks.shop.vn/x', secret: undefined })).toEqual({ type: 'call_webhook', url: 'https://hooks.shop.vn/x' });
    const list: AutomationAction[] = [newAction('add_label'), newAction('snooze')];
    expect(moveAction(list, 1, -1).map((a) => a.type)).toEqual(['snooze', 'add_label']);
    expect(moveAction(list, 1, 1).map((a) => a.type)).toEqual(['add_label', 'snooze']);
  });
});

describe('checking a rule before it is sent', () => {
  it('finds empty parameters, unknown variables and fields the trigger cannot test, at their paths', () => {
    const draft = newRuleDraft('Khảo sát thấp');
    expect(checkDraft(draft).map((i) => i.path)).toEqual(['actions.0.label']);
    const bad = {
      ...draft,
      conditions: { all: [{ field: 'survey.score', op: 'lte', value: 4 }] },
      actions: [{ type: 'send_message', text: 'Chào {{contact.nam}}' }, { type: 'call_webhook', url: 'ftp://x' }],
    } as typeof draft;
    const issues = checkDraft(bad);
    expect(issues.map((i) => i.path).sort()).toEqual(['actions.0.text', 'actions.1.url', 'conditions']);
    expect(issues.map((i) => issueText(i, tVi)).sort()).toEqual([
      'Không có biến {{contact.nam}}', 'Trường này không dùng được với sự kiện đã chọn.', 'Địa chỉ phải bắt đầu bằng http:// hoặc https://',
    ].sort());
    expect(checkDraft({ ...bad, trigger: 'survey.answered', actions: [newAction('resolve')] })).toEqual([]);
  });
});

describe('server validation errors at the field', () => {
  it('shows a refused condition value under that condition, a negated one too', () => {
    const root = { all: [{ field: 'channel', op: 'in', value: ['zalo'] }, { any: [{ field: 'intent', op: 'in', value: ['complaint'] }, { not: { field: 'labels', op: 'has_any', value: [] } }] }] } as never;
    const issues = refused({ path: 'conditions.all.1.any.1.not.value', message: 'Too small: expected array to have >=1 items', code: 'too_small' });
    const html = renderHtml(createElement(ConditionEditor, { root, trigger: 'message.received', readOnly: false, issues, onChange: () => undefined }), { lang: 'vi' });
    const leaves = html.all('condition-leaf');
    expect(leaves.map((l) => [l.attrs['data-field'], l.attrs['data-negated']])).toEqual([['channel', 'false'], ['intent', 'false'], ['labels', 'true']]);
    expect(html.all('condition-error').map((e) => e.text)).toEqual(['Cần điền hoặc chọn']);
    expect(leaves[2]!.text).toContain('Cần điền hoặc chọn');
    expect(html.all('condition-group').map((g) => g.attrs['data-kind'])).toEqual(['all', 'any']);
  });

  it('shows a refused webhook address and an unknown variable at their actions', () => {
    const actions: AutomationAction[] = [{ type: 'send_message', text: 'Chào {{contact.nam}}' }, { type: 'call_webhook', url: 'ftp://shop.vn' }];
    const issues = refused(
      { path: 'actions.0.text', message: 'Unknown variable {{contact.nam}}', code: 'custom' },
      { path: 'actions.1.url', message: 'The address must start with http:// or https://', code: 'invalid_format' },
      { path: 'actions', message: 'stop_processing appears at most once', code: 'custom' },
    );
    const html = renderHtml(createElement(ActionsEditor, { actions, issues, readOnly: false, onChange: () => undefined }));
    const items = html.all('action-item');
    expect(items[0]!.text).toContain('There is no variable {{contact.nam}}');
    expect(items[1]!.text).toContain('The address must start with http:// or https://');
    expect(html.one('actions-error').text).toBe('Only one "Stop later rules" action');
    expect(html.all('variable-insert').length).toBeGreaterThan(10);
  });

  it('reads dotted and array paths, field lists and a single field the same way', () => {
    const error = new ApiError(400, 'validation_failed', 'Closing time 09:00 is not after opening time 18:00', { field: 'businessHours' });
    expect(serverIssues(error)).toEqual([{ path: 'businessHours', message: 'Closing time 09:00 is not after opening time 18:00', code: null }]);
    expect(serverIssues(new ApiError(400, 'validation_failed', 'x', { issues: [{ path: ['actions', 0, 'url'], message: 'm' }] }))[0]!.path).toBe('actions.0.url');
    expect(serverIssues(new ApiError(403, 'forbidden', 'x'))).toEqual([]);
  });
});

describe('<RuleEditor>, <DryRunResult>, <RuleList> and the log', () => {
  it('lays out WHEN, IF, THEN and the dry run button', () => {
    const html = renderHtml(createElement(RuleEditor, { initial: draftOfRule(automationRule()), readOnly: false, onDone: () => undefined }), { lang: 'vi' });
    expect(html.text).toContain('KHI');
    expect(html.all('condition-leaf').map((l) => l.attrs['data-field'])).toEqual(['channel', 'intent']);
    expect(html.all('action-item').map((a) => a.attrs['data-type'])).toEqual(['add_label', 'set_priority']);
    expect(html.one('automation-dry-run').text).toBe('Thử trên 100 cuộc trò chuyện gần nhất');
    const readOnly = renderHtml(createElement(RuleEditor, { initial: draftOfRule(automationRule()), readOnly: true, onDone: () => undefined }));
    expect(readOnly.has('automation-save')).toBe(false);
    expect(readOnly.has('condition-add')).toBe(false);
  });

  it('lists what a dry run matched, with the actions it would take', () => {
    const result: AutomationDryRunDto = {
      checked: 100,
      matched: [
        { conversationId: 'conv_7', number: 1042, contactName: 'Phạm Thu Hà', lastMessage: 'Shop ơi đơn em giao trễ 3 ngày rồi', actions: ['add_label', 'set_priority'] },
        { conversationId: 'conv_9', number: 1050, contactName: null, lastMessage: null, actions: ['add_label'] },
      ],
    };
    const html = renderHtml(createElement(DryRunResult, { result }), { lang: 'vi' });
    expect(html.one('dry-run-summary').text).toBe('Khớp 2 trên 100 cuộc trò chuyện gần nhất');
    const rows = html.all('dry-run-match');
    expect(rows.map((r) => r.attrs['data-conversation-id'])).toEqual(['conv_7', 'conv_9']);
    expect(rows[0]!.text).toContain('#1042');
    expect(rows[0]!.text).toContain('Phạm Thu Hà');
    expect(rows[0]!.text).toContain('Gắn nhãnĐặt mức ưu tiên');
    expect(rows[1]!.text).toBe('#1050Khách truy cập—Gắn nhãn');
    expect(renderHtml(createElement(DryRunResult, { result: { checked: 37, matched: [] } })).one('dry-run-empty').text).toBe('No conversation matches.');
  });

  it('groups the rules by trigger with the server’s sentence in the UI language', () => {
    const qc = queryClient();
    qc.setQueryData(automationKeys.rules, [automationRule(), automationRule({ id: 'auto_sla', name: 'Báo trưởng nhóm', trigger: 'sla.breached', lastRunAt: null, runsLastDay: 0, enabled: false })]);
    const vi = renderHtml(createElement(RuleList, { editable: true, onOpen: () => undefined }), { lang: 'vi', qc });
    expect(vi.all('automation-trigger-group').map((g) => g.attrs['data-trigger'])).toEqual(['message.received', 'sla.breached']);
    expect(vi.all('automation-rule-description')[0]!.text).toBe('Khi khách gửi tin trên Zalo và là khiếu nại: gắn nhãn khieu-nai, ưu tiên cao');
    expect(vi.all('automation-rule-runs').map((r) => r.text)).toEqual(['12', '0']);
    expect(vi.all('automation-rule-last-run')[1]!.text).toBe('Chưa chạy');
    expect(vi.all('automation-rule-delete')).toHaveLength(2);
    const en = renderHtml(createElement(RuleList, { editable: false, onOpen: () => undefined }), { lang: 'en', qc });
    expect(en.all('automation-rule-description')[0]!.text).toBe('When a Zalo customer complains: label khieu-nai, priority high');
    expect(en.has('automation-rule-delete')).toBe(false);
    expect(en.has('automation-rule-up')).toBe(false);
  });

  it('shows each run with its outcome and, when it failed, why', () => {
    const run = (over: Partial<AutomationRunDto>): AutomationRunDto => ({
      id: 'arun_1', ruleId: 'auto_complaint', ruleName: 'Khiếu nại Zalo', conversationId: 'conv_7', conversationNumber: 1042, trigger: 'message.received',
      outcome: 'applied', actions: ['label khieu-nai', 'priority → high'], error: null, depth: 0, createdAt: at(30), ...over,
    });
    const html = renderHtml(createElement(RunsTable, {
      runs: [run({}), run({ id: 'arun_2', outcome: 'failed', actions: [], error: 'Webhook answered 500' }), run({ id: 'arun_3', outcome: 'skipped_loop', depth: 3, ruleName: null })],
    }), { lang: 'vi' });
    expect(html.all('automation-run').map((r) => r.attrs['data-outcome'])).toEqual(['applied', 'failed', 'skipped_loop']);
    expect(html.all('automation-run-outcome').map((b) => b.text)).toEqual(['Đã áp dụng', 'Lỗi', 'Bỏ qua (vòng lặp)']);
    expect(html.one('automation-run-error').text).toBe('Webhook answered 500');
    expect(html.all('automation-run')[0]!.text).toContain('priority → high');
    expect(html.all('automation-run')[2]!.text).toContain('Luật đã xoá');
    expect(html.all('automation-run-conversation')[0]!.attrs.href).toBe('/conversations/conv_7');
  });

  it('is readable by everyone and editable by admins and owners', () => {
    expect((['owner', 'admin', 'supervisor', 'agent'] as const).map((r) => visibleAutomationSections(r).length)).toEqual([1, 1, 1, 1]);
    expect((['owner', 'admin', 'supervisor', 'agent'] as const).map(canEditAutomations)).toEqual([true, true, false, false]);
  });
});
