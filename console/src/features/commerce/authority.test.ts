import { describe, expect, it } from 'vitest';
import { me } from '../../testing/fixtures.ts';
import { approvalBadgeCount, atLeast, canAdjustPoints, limitFor, mayDecide, needsApproval } from './authority.ts';
import { approval, settings } from './fixtures.ts';

const lan = me({ id: 'agent_lan', role: 'agent' });
const minh = me({ id: 'agent_minh', role: 'supervisor' });
const owner = me({ id: 'agent_boss', role: 'owner' });

describe('limits', () => {
  it('reads the limit for the role; owners are unlimited; unknown without settings', () => {
    expect(limitFor(settings, 'agent')).toBe(100_000);
    expect(limitFor(settings, 'supervisor')).toBe(1_000_000);
    expect(limitFor(settings, 'owner')).toBeNull();
    expect(limitFor({ ...settings, limits: { ...settings.limits, admin: null } }, 'admin')).toBeNull();
    expect(limitFor(undefined, 'agent')).toBeUndefined();
    expect(limitFor(undefined, 'owner')).toBeNull();
  });

  it('needs approval only above a known limit', () => {
    expect(needsApproval(100_000, 100_000)).toBe(false);
    expect(needsApproval(100_001, 100_000)).toBe(true);
    expect(needsApproval(5_000_000, null)).toBe(false);
    expect(needsApproval(5_000_000, undefined)).toBe(false);
    expect(needsApproval(null, 100_000)).toBe(false);
  });

  it('ranks roles', () => {
    expect(atLeast('admin', 'supervisor')).toBe(true);
    expect(atLeast('agent', 'supervisor')).toBe(false);
    expect(canAdjustPoints('supervisor')).toBe(true);
    expect(canAdjustPoints('agent')).toBe(false);
  });
});

describe('mayDecide', () => {
  it('lets a supervisor decide within their own limit', () => {
    expect(mayDecide(minh, approval({ cost: 250_000 }), settings)).toBe(true);
    expect(mayDecide(minh, approval({ cost: 1_500_000 }), settings)).toBe(false);
    expect(mayDecide(owner, approval({ cost: 50_000_000 }), settings)).toBe(true);
  });

  it('never lets agents, the requester, or anyone on a decided request decide', () => {
    expect(mayDecide(lan, approval(), settings)).toBe(false);
    expect(mayDecide(minh, approval({ requestedBy: { id: 'agent_minh', name: 'Trần Minh' } }), settings)).toBe(false);
    expect(mayDecide(minh, approval({ status: 'approved' }), settings)).toBe(false);
  });

  it('checks the role only while settings are not loaded', () => {
    expect(mayDecide(minh, approval({ cost: 50_000_000 }))).toBe(true);
  });
});

describe('approvalBadgeCount', () => {
  const list = [
    approval({ id: 'a1', abilities: { decide: true } }),
    approval({ id: 'a2', abilities: { decide: false }, requestedBy: { id: 'agent_minh', name: 'Trần Minh' } }),
    approval({ id: 'a3', status: 'approved', abilities: { decide: false } }),
  ];
  it('counts decisions for supervisors and own open requests for agents', () => {
    expect(approvalBadgeCount(list, minh)).toBe(1);
    expect(approvalBadgeCount(list, lan)).toBe(1);
    expect(approvalBadgeCount(undefined, lan)).toBe(0);
  });
});
