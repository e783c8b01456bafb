import { describe, expect, it } from 'vitest';
import { visibleSections } from './access.ts';

describe('visibleSections', () => {
  const paths = (role: Parameters<typeof visibleSections>[0]) => visibleSections(role).map((s) => s.path);

  it('owners and admins see every section', () => {
    expect(paths('owner')).toEqual(['inboxes', 'agents', 'invitations', 'teams', 'canned', 'api-tokens', 'audit-log', 'assist']);
    expect(paths('admin')).toEqual(paths('owner'));
  });

  it('supervisors manage teams and canned responses; agents only canned responses', () => {
    expect(paths('supervisor')).toEqual(['teams', 'canned']);
    expect(paths('agent')).toEqual(['canned']);
  });
});
