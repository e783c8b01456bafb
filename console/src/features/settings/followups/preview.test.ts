import { describe, expect, it } from 'vitest';
import { followupOnlyVariables, templateVariables } from '@careloop/contracts';
import { followupVariables, insertToken, previewMessage, previewValues, unfilledVariables } from './preview.ts';

const sample = { name: 'Nguyễn Thị Lan', orderNumber: '#1042', productTitle: 'Cà phê hạt 500g', workspaceName: 'Shop Mây' };

describe('message preview', () => {
  it('fills the variables as the server does, first name by the message language', () => {
    const vi = previewMessage('Chào {{contact.first_name | bạn}}, đơn {{order.number}} của {{ contact.name }} từ {{workspace.name}}', 'post_purchase', 'vi', sample);
    expect(vi).toBe('Chào Lan, đơn #1042 của Nguyễn Thị Lan từ Shop Mây');
    expect(previewMessage('Hi {{contact.first_name}}', 'post_purchase', 'en', { ...sample, name: 'Jane Smith' })).toBe('Hi Jane');
  });

  it('uses the fallbacks for a customer without a name, and has no order outside post-purchase rules', () => {
    expect(previewMessage('Chào {{contact.first_name | bạn}}!', 'winback', 'vi', { ...sample, name: null })).toBe('Chào bạn!');
    expect(previewValues('repurchase', 'vi', sample)['order.number']).toBeNull();
    expect(previewMessage('Đơn {{order.number | gần nhất}}', 'winback', 'vi', sample)).toBe('Đơn gần nhất');
  });

  it('names the product (and its last order) only in reminders on product cycles', () => {
    const template = 'Chào {{contact.first_name}}, {{product.title | sản phẩm}} (đơn {{order.number | trước}}) sắp hết chưa ạ?';
    expect(previewMessage(template, 'repurchase', 'vi', sample, 'product')).toBe('Chào Lan, Cà phê hạt 500g (đơn #1042) sắp hết chưa ạ?');
    expect(previewMessage(template, 'repurchase', 'vi', sample)).toBe('Chào Lan, sản phẩm (đơn trước) sắp hết chưa ạ?');
    expect(previewValues('post_purchase', 'vi', sample, 'product')['product.title']).toBeNull();
  });

  it('points out variables a follow-up never fills', () => {
    expect(unfilledVariables('{{agent.name}} {{contact.first_name | bạn}} {{contact.nmae}} {{agent.name}}')).toEqual(['agent.name', 'contact.nmae']);
    expect(unfilledVariables('{{order.number}} {{ workspace.name }} {{product.title}}')).toEqual([]);
  });

  it('only offers variables the template renderer knows', () => {
    for (const v of followupVariables) expect([...templateVariables, ...followupOnlyVariables]).toContain(v);
    expect(templateVariables).not.toContain('product.title'); // canned replies do not offer it
  });

  it('inserts a variable in place of the selection', () => {
    expect(insertToken('Chào , cảm ơn', 5, 5, '{{contact.first_name}}')).toEqual({ text: 'Chào {{contact.first_name}}, cảm ơn', cursor: 27 });
    expect(insertToken('Chào XX!', 5, 7, '{{x}}')).toEqual({ text: 'Chào {{x}}!', cursor: 10 });
  });
});
