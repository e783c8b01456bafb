import { describe, expect, it } from 'vitest';
import { contact, conversation, me } from '../../testing/fixtures.ts';
import { render, templateValues } from './templateValues.ts';

const lan = me({ name: 'Nguyễn Thị Lan' }, { name: 'Shop Hoa Tươi', locale: 'vi' });
const c = conversation({
  number: 1024,
  contact: { id: 'contact_1', name: 'Phạm Thu Hà', email: 'ha@example.vn', phone: '+84901234567', avatarUrl: null, blocked: false },
});

describe('templateValues', () => {
  it('takes the given name last from a Vietnamese full name, before the contact has loaded', () => {
    expect(templateValues(c, undefined, lan)).toEqual({
      'contact.name': 'Phạm Thu Hà',
      'contact.first_name': 'Hà',
      'contact.email': 'ha@example.vn',
      'contact.phone': '+84901234567',
      'agent.name': 'Nguyễn Thị Lan',
      'agent.first_name': 'Lan',
      'conversation.number': 1024,
      'workspace.name': 'Shop Hoa Tươi',
    });
  });

  it('prefers the loaded contact: its first name, display phone and current name', () => {
    const values = templateValues(c, contact({ name: 'Phạm Thu Hà', firstName: 'Thu Hà', phoneDisplay: '0901 234 567' }), lan);
    expect(values).toMatchObject({ 'contact.first_name': 'Thu Hà', 'contact.phone': '0901 234 567' });
    expect(templateValues(c, contact({ name: 'Chị Hà Phạm', firstName: null, locale: null }), lan)['contact.name']).toBe('Chị Hà Phạm');
  });

  it('puts the given name first for an English-speaking contact or workspace', () => {
    const john = conversation({ contact: { ...c.contact, name: 'John Smith' } });
    expect(templateValues(john, contact({ name: 'John Smith', firstName: null, locale: 'en' }), lan)['contact.first_name']).toBe('John');
    const english = me({ name: 'Mary Tran' }, { locale: 'en' });
    expect(templateValues(john, undefined, english)).toMatchObject({ 'contact.first_name': 'John', 'agent.first_name': 'Mary' });
  });

  it('has no first name for a contact without a name', () => {
    const anonymous = conversation({ contact: { ...c.contact, name: null } });
    expect(templateValues(anonymous, undefined, lan)).toMatchObject({ 'contact.name': null, 'contact.first_name': null });
    expect(templateValues(conversation({ contact: { ...c.contact, name: '   ' } }), undefined, lan)['contact.first_name']).toBeNull();
  });
});

describe('order variables', () => {
  it('adds the latest order\'s values, and leaves them to the fallback without one', () => {
    const order = {
      'order.number': '#1001', 'order.status': 'Đang giao', 'order.total': '450.000\u00a0₫',
      'order.tracking_number': 'GHN123', 'order.tracking_url': null, 'order.carrier': 'GHN',
    };
    const body = 'Đơn {{order.number}} {{order.status}} ({{order.total}}), mã vận đơn {{order.carrier}} {{order.tracking_number}} {{order.tracking_url | }}';
    expect(render(body, templateValues(c, undefined, lan, order))).toBe('Đơn #1001 Đang giao (450.000\u00a0₫), mã vận đơn GHN GHN123 ');
    expect(render('{{order.number | chưa có đơn}}', templateValues(c, undefined, lan))).toBe('chưa có đơn');
  });
});

describe('render', () => {
  it('fills a canned response, with fallbacks for what is missing', () => {
    const body = 'Dạ {{ contact.first_name | bạn }} ơi, em là {{agent.first_name}} của {{workspace.name}}. Đơn #{{conversation.number}} ({{contact.email|chưa có email}}) {{order.id}}';
    expect(render(body, templateValues(c, undefined, lan))).toBe(
      'Dạ Hà ơi, em là Lan của Shop Hoa Tươi. Đơn #1024 (ha@example.vn) {{order.id}}',
    );
    const anonymous = { ...c, contact: { ...c.contact, name: null, email: null } };
    expect(render(body, templateValues(anonymous, undefined, lan))).toBe(
      'Dạ bạn ơi, em là Lan của Shop Hoa Tươi. Đơn #1024 (chưa có email) {{order.id}}',
    );
  });
});
