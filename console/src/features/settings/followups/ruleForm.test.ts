import { describe, expect, it } from 'vitest';
import type { FollowupKind, FollowupRuleDto } from '@careloop/contracts';
import type { RepurchaseBasis } from '@careloop/contracts';
import { formFromRule, inputFromForm, inputOfRule, newRuleForm, switchBasis, switchKind, validateRuleForm, type KindDefaults } from './ruleForm.ts';

const defaultsOf = (kind: FollowupKind, basis: RepurchaseBasis = 'customer'): KindDefaults => {
  const key = kind === 'repurchase' && basis === 'product' ? 'repurchase by product' : kind;
  return { name: `name ${kind}`, vi: `vi ${key}`, en: `en ${key}` };
};

const rule: FollowupRuleDto = {
  id: 'fur_1', kind: 'winback', name: 'Quay lại', enabled: false, days: 45, segments: ['at_risk'], minPAlive: 0.25, basis: 'customer',
  message: { vi: 'Chào {{contact.first_name | bạn}}', en: 'Hi {{contact.first_name | there}}' },
  createdAt: '2025-01-01T00:00:00.000Z', results: { sent: 4, replied: 1, purchased: 1, skipped: 2 },
};

describe('rule form ↔ API input', () => {
  it('round-trips a saved rule, with P(alive) in percent in the form', () => {
    const form = formFromRule(rule);
    expect(form).toMatchObject({ id: 'fur_1', minPAlivePct: 25, messageVi: rule.message.vi, messageEn: rule.message.en });
    expect(inputFromForm(form)).toEqual(inputOfRule(rule));
  });

  it('sends segments only for win-back and keeps the default days for repurchase when hidden and empty', () => {
    const form = { ...newRuleForm('repurchase', defaultsOf('repurchase')), segments: ['at_risk' as const], days: '' as const, minPAlivePct: 42 };
    expect(inputFromForm(form)).toMatchObject({ kind: 'repurchase', segments: [], days: 30, minPAlive: 0.42 });
  });

  it('sends the basis of a repurchase rule, and the customer basis for the other kinds', () => {
    const product = formFromRule({ ...rule, kind: 'repurchase', basis: 'product' });
    expect(product.basis).toBe('product');
    expect(inputFromForm(product)).toMatchObject({ kind: 'repurchase', basis: 'product' });
    expect(inputFromForm({ ...product, kind: 'post_purchase' })).toMatchObject({ kind: 'post_purchase', basis: 'customer' });
    expect(newRuleForm('repurchase', defaultsOf('repurchase')).basis).toBe('customer');
  });

  it('trims the name and messages', () => {
    const form = { ...newRuleForm('post_purchase', defaultsOf('post_purchase')), name: '  Hỏi thăm ', messageVi: ' xin chào \n', messageEn: ' hi ' };
    expect(inputFromForm(form)).toMatchObject({ name: 'Hỏi thăm', message: { vi: 'xin chào', en: 'hi' }, days: 3, segments: [] });
  });

  it('changes one thing of a saved rule for the on/off switch', () => {
    const body = inputOfRule(rule, { enabled: true });
    expect(body).toEqual({ kind: 'winback', name: 'Quay lại', enabled: true, days: 45, segments: ['at_risk'], minPAlive: 0.25, basis: 'customer', message: rule.message });
    expect(body).not.toHaveProperty('results');
  });
});

describe('validateRuleForm', () => {
  it('accepts a new rule as suggested', () => {
    const checked = validateRuleForm(newRuleForm('winback', defaultsOf('winback')));
    expect(checked.errors).toBeNull();
    expect(checked.input).toMatchObject({ kind: 'winback', days: 60, segments: ['at_risk', 'cant_lose'], minPAlive: 0.3 });
  });

  it('names the fields to fix, including a win-back rule without segments', () => {
    const form = { ...newRuleForm('winback', defaultsOf('winback')), name: ' ', days: '' as const, segments: [], messageVi: '', messageEn: 'x'.repeat(2001) };
    const checked = validateRuleForm(form);
    expect(checked.input).toBeNull();
    expect([...checked.errors!].sort()).toEqual(['days', 'messageEn', 'messageVi', 'name', 'segments']);
  });

  it('checks P(alive) in percent', () => {
    const form = { ...newRuleForm('repurchase', defaultsOf('repurchase')), minPAlivePct: 150 };
    expect([...validateRuleForm(form).errors!]).toEqual(['minPAlivePct']);
  });
});

describe('switchKind', () => {
  it('swaps untouched suggestions and defaults for the new kind', () => {
    const next = switchKind(newRuleForm('post_purchase', defaultsOf('post_purchase')), 'winback', defaultsOf);
    expect(next).toMatchObject({ kind: 'winback', name: 'name winback', messageVi: 'vi winback', messageEn: 'en winback', days: 60, segments: ['at_risk', 'cant_lose'] });
  });

  it('keeps what the admin typed, and everything of a saved rule', () => {
    const typed = { ...newRuleForm('post_purchase', defaultsOf('post_purchase')), name: 'Của tôi', messageVi: 'Tự viết', days: 5 };
    expect(switchKind(typed, 'repurchase', defaultsOf)).toMatchObject({ kind: 'repurchase', name: 'Của tôi', messageVi: 'Tự viết', messageEn: 'en repurchase', days: 5 });
    const saved = { ...formFromRule(rule), name: 'name winback', messageVi: 'vi winback' };
    expect(switchKind(saved, 'post_purchase', defaultsOf)).toMatchObject({ name: 'name winback', messageVi: 'vi winback', segments: ['at_risk'], days: 45 });
  });
});

describe('switchBasis', () => {
  it('swaps the untouched suggested message for the one that names the product, and back', () => {
    const product = switchBasis(newRuleForm('repurchase', defaultsOf('repurchase')), 'product', defaultsOf);
    expect(product).toMatchObject({ basis: 'product', name: 'name repurchase', messageVi: 'vi repurchase by product', messageEn: 'en repurchase by product' });
    expect(switchBasis(product, 'customer', defaultsOf)).toMatchObject({ basis: 'customer', messageVi: 'vi repurchase', messageEn: 'en repurchase' });
  });

  it('keeps a message the admin wrote, and the messages of a saved rule', () => {
    const typed = { ...newRuleForm('repurchase', defaultsOf('repurchase')), messageVi: 'Tự viết' };
    expect(switchBasis(typed, 'product', defaultsOf)).toMatchObject({ messageVi: 'Tự viết', messageEn: 'en repurchase by product' });
    const saved = { ...formFromRule({ ...rule, kind: 'repurchase' }), messageVi: 'vi repurchase' };
    expect(switchBasis(saved, 'product', defaultsOf)).toMatchObject({ basis: 'product', messageVi: 'vi repurchase' });
  });
});
