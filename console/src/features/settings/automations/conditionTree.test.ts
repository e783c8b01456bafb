import { describe, expect, it } from 'vitest';
import { automationRuleInput, type AutomationCondition, type AutomationConditionLeaf } from '@careloop/contracts';
import {
  addChild, defaultLeaf, depthOf, editableRoot, fieldsFor, fits, jsonPath, misfits, nodeAt, removeAt, setGroupKind, toggleNot, updateAt, valueKind,
  withKey, withOp, withValue, type RootGroup,
} from './conditionTree.ts';

const setValue = (root: AutomationCondition, path: number[], value: unknown) => updateAt(root, path, (l) => withValue(l as AutomationConditionLeaf, value));

describe('building a nested condition tree', () => {
  it('produces the JSON the contract takes, as the editor builds it step by step', () => {
    // "Zalo or Messenger, AND (a complaint or a return, OR NOT positive), AND spent at least 5,000,000 đ"
    let root: AutomationCondition = { all: [] };
    root = addChild(root, [], defaultLeaf('channel'));
    root = setValue(root, [0], ['zalo', 'messenger']);
    root = addChild(root, [], { any: [defaultLeaf('intent')] });
    root = setValue(root, [1, 0], ['complaint', 'return_refund']);
    root = addChild(root, [1], defaultLeaf('sentiment'));
    root = setValue(root, [1, 1], 'positive');
    root = toggleNot(root, [1, 1]);
    root = addChild(root, [], defaultLeaf('contact.lifetime_spend'));
    root = updateAt(root, [2], (l) => withValue(withOp(l as AutomationConditionLeaf, 'gte'), 5_000_000));

    expect(root).toEqual({
      all: [
        { field: 'channel', op: 'in', value: ['zalo', 'messenger'] },
        { any: [{ field: 'intent', op: 'in', value: ['complaint', 'return_refund'] }, { not: { field: 'sentiment', op: 'is', value: 'positive' } }] },
        { field: 'contact.lifetime_spend', op: 'gte', value: 5_000_000 },
      ],
    });
    const rule = { name: 'VIP không vui', trigger: 'message.received', conditions: root, actions: [{ type: 'assign_team', teamId: 'team_vip' }] };
    expect(automationRuleInput.safeParse(rule).success).toBe(true);
    expect(jsonPath(root, [1, 1, 0])).toBe('conditions.all.1.any.1.not');
    expect(nodeAt(root, [1, 1, 0])).toEqual({ field: 'sentiment', op: 'is', value: 'positive' });
    expect(nodeAt(root, [5, 0])).toBeUndefined();
    expect(depthOf(root)).toBe(3);
  });

  it('switches a group between ALL and ANY, unwraps NOT, and removes a negated item with its NOT', () => {
    let root: AutomationCondition = { all: [defaultLeaf('priority'), { not: defaultLeaf('business_hours') }] };
    root = setGroupKind(root, [], 'any');
    expect(root).toEqual({ any: [{ field: 'priority', op: 'is', value: 'high' }, { not: { field: 'business_hours', op: 'is', value: true } }] });
    expect(toggleNot(root, [1])).toEqual({ any: [{ field: 'priority', op: 'is', value: 'high' }, { field: 'business_hours', op: 'is', value: true }] });
    expect(removeAt(root, [1, 0])).toEqual({ any: [{ field: 'priority', op: 'is', value: 'high' }] });
    expect(removeAt(root, [])).toBe(root);
  });

  it('refuses what the contract would: a fifth level of groups (NOT counts) or a 51st condition', () => {
    let root: AutomationCondition = { all: [{ any: [{ all: [{ any: [defaultLeaf('channel')] }] }] }] };
    expect(depthOf(root)).toBe(4);
    expect(fits(root)).toBe(true);
    expect(fits(addChild(root, [0, 0, 0], { any: [defaultLeaf('channel')] }))).toBe(false);
    expect(fits(toggleNot(root, [0, 0, 0, 0]))).toBe(false);
    expect(fits(addChild(root, [0, 0, 0, 0], defaultLeaf('priority')))).toBe(true);
    root = { all: Array.from({ length: 50 }, () => defaultLeaf('priority')) };
    expect(fits(root)).toBe(true);
    expect(fits(addChild(root, [], defaultLeaf('priority')))).toBe(false);
  });

  it('opens a stored tree with an ALL/ANY root and without double negation', () => {
    const leaf: AutomationConditionLeaf = { field: 'labels', op: 'has', value: 'vip' };
    expect(editableRoot(leaf)).toEqual({ all: [leaf] });
    expect(editableRoot({ not: { not: leaf } })).toEqual({ all: [leaf] });
    expect(editableRoot({ not: leaf })).toEqual({ all: [{ not: leaf }] });
    expect(editableRoot(undefined)).toEqual({ all: [] });
    const root: RootGroup = { any: [{ all: [{ not: { not: leaf } }] }] };
    expect(editableRoot(root)).toEqual({ any: [{ all: [leaf] }] });
  });
});

describe('fields, operators and values', () => {
  it('offers only the fields a trigger provides', () => {
    expect(fieldsFor('message.received')).toContain('message.text');
    expect(fieldsFor('message.received')).not.toContain('survey.score');
    expect(fieldsFor('survey.answered')).toContain('survey.score');
    expect(fieldsFor('survey.answered')).not.toContain('message.text');
    const root = { all: [defaultLeaf('survey.score'), defaultLeaf('channel')] };
    expect(misfits(root, 'conversation.created').map((l) => l.field)).toEqual(['survey.score']);
  });

  it('starts each field with its first operator and a fitting value', () => {
    expect(['channel', 'message.text', 'business_hours', 'contact.attribute', 'contact.lifetime_spend', 'assignee', 'survey.score', 'order.status'].map((f) => defaultLeaf(f as never)))
      .toEqual([
        { field: 'channel', op: 'in', value: [] },
        { field: 'message.text', op: 'contains', value: '' },
        { field: 'business_hours', op: 'is', value: true },
        { field: 'contact.attribute', op: 'eq', key: '', value: '' },
        { field: 'contact.lifetime_spend', op: 'gt', value: 1_000_000 },
        { field: 'assignee', op: 'is_none' },
        { field: 'survey.score', op: 'lte', value: 6 },
        { field: 'order.status', op: 'in', value: [] },
      ]);
    expect(valueKind('labels', 'has')).toBe('label');
    expect(valueKind('labels', 'has_none')).toBe('labelList');
    expect(valueKind('contact.attribute', 'exists')).toBe('boolean');
    expect(valueKind('urgency', 'at_least')).toBe('enum');
  });

  it('carries the value over to another operator where it fits', () => {
    const urgency = { field: 'urgency', op: 'is', value: 'high' } as AutomationConditionLeaf;
    expect(withOp(urgency, 'in')).toEqual({ field: 'urgency', op: 'in', value: ['high'] });
    expect(withOp(urgency, 'at_least')).toEqual({ field: 'urgency', op: 'at_least', value: 'high' });
    expect(withOp({ field: 'language', op: 'in', value: ['en', 'other'] } as AutomationConditionLeaf, 'is')).toEqual({ field: 'language', op: 'is', value: 'en' });
    expect(withOp({ field: 'message.text', op: 'contains', value: 'hoàn tiền' } as AutomationConditionLeaf, 'contains_any')).toEqual({ field: 'message.text', op: 'contains_any', value: ['hoàn tiền'] });
    expect(withOp({ field: 'labels', op: 'has_any', value: [] } as AutomationConditionLeaf, 'has')).toEqual({ field: 'labels', op: 'has', value: '' });
    const attribute = withKey(defaultLeaf('contact.attribute'), 'hang_thanh_vien');
    expect(withOp(withValue(attribute, 'vang'), 'exists')).toEqual({ field: 'contact.attribute', op: 'exists', key: 'hang_thanh_vien', value: true });
    expect(withOp(defaultLeaf('assignee'), 'team_is')).toEqual({ field: 'assignee', op: 'team_is', value: '' });
    expect(withOp({ field: 'assignee', op: 'is', value: 'agent_lan' } as AutomationConditionLeaf, 'is_none')).toEqual({ field: 'assignee', op: 'is_none' });
  });

  it('gives each node the path the server names in its errors', () => {
    const root: AutomationCondition = { any: [defaultLeaf('channel'), { not: { all: [defaultLeaf('priority')] } }] };
    expect(jsonPath(root, [])).toBe('conditions');
    expect(jsonPath(root, [0])).toBe('conditions.any.0');
    expect(jsonPath(root, [1, 0, 0])).toBe('conditions.any.1.not.all.0');
  });
});
