import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { agentRoutingInput, teamInput, type TeamDto } from '@careloop/contracts';
import i18n from '../../i18n/index.ts';
import { keys } from '../../lib/queryKeys.ts';
import { agent, me, queryClient } from '../../testing/fixtures.ts';
import { renderHtml } from '../../testing/render.ts';
import { AgentRoutingForm, routingFormOf, routingOfForm } from './AgentRoutingModal.tsx';
import AgentsSettings, { routingSummary } from './AgentsSettings.tsx';
import { defaultHours } from './hours/hours.ts';
import { TeamFormBody, teamBody, teamFormOf } from './TeamModal.tsx';
import TeamsSettings from './TeamsSettings.tsx';

const lan = agent({ id: 'agent_lan', name: 'Nguyễn Thị Lan' });
const minh = agent({ id: 'agent_minh', name: 'Trần Minh', routing: { maxOpen: 8, channelLimits: { zalo: 3 }, skills: ['hoàn tiền'], languages: ['vi', 'en'] } });
const team = (over: Partial<TeamDto> = {}): TeamDto => ({
  id: 'team_cskh', name: 'CSKH', agentIds: ['agent_lan', 'agent_minh'], routing: 'round_robin', leadId: 'agent_minh', vip: false, businessHours: null, ...over,
});

describe('team routing', () => {
  it('sends the whole team: routing, a lead among its members, VIP and its own hours', () => {
    const form = { ...teamFormOf(team()), businessHours: { ...defaultHours, holidays: { statutory: true, custom: [{ date: '2026-06-01', name: ' ' }] } } };
    const body = teamBody(form);
    expect(body).toMatchObject({ name: 'CSKH', agentIds: ['agent_lan', 'agent_minh'], routing: 'round_robin', leadId: 'agent_minh', vip: false });
    expect(body.businessHours?.holidays.custom).toEqual([{ date: '2026-06-01' }]);
    expect(teamInput.safeParse(body).success).toBe(true);
    expect(teamBody({ ...form, agentIds: ['agent_lan'] }).leadId).toBeNull();
    expect(teamBody(teamFormOf(null))).toEqual({ name: '', agentIds: [], routing: 'manual', leadId: null, vip: false, businessHours: null });
  });

  const render = (role: 'admin' | 'supervisor', teams: TeamDto[]) => {
    const qc = queryClient();
    qc.setQueryData(keys.teams, teams);
    qc.setQueryData(keys.agents, [lan, minh]);
    return renderHtml(createElement(TeamsSettings), { qc, lang: 'vi', me: me({ role }) });
  };

  it('lists each team with its routing mode, lead, VIP badge and hours; only admins edit', () => {
    const html = render('admin', [team(), team({ id: 'team_vip', name: 'VIP', routing: 'load_balanced', leadId: null, vip: true, businessHours: { ...defaultHours, timeZone: 'Asia/Bangkok' } })]);
    expect(html.all('team-routing-mode').map((x) => x.text)).toEqual(['Lần lượt', 'Theo tải']);
    expect(html.all('team-lead-name').map((x) => x.text)).toEqual(['Trần Minh', '—']);
    expect(html.all('team-vip-badge')).toHaveLength(1);
    expect(html.all('team-hours').map((x) => x.text)).toEqual(['Theo cửa hàng', 'Giờ riêng (Asia/Bangkok)']);
    expect(html.all('team-edit')).toHaveLength(2);
    const supervisor = render('supervisor', [team()]);
    expect(supervisor.all('team-routing-mode').map((x) => x.text)).toEqual(['Lần lượt']);
    expect(supervisor.has('team-edit')).toBe(false);
    expect(supervisor.has('team-create')).toBe(false);
  });

  it('edits routing, lead, VIP and own hours in the team form', () => {
    const body = (over: Partial<TeamDto> = {}) => renderHtml(createElement(TeamFormBody, { initial: teamFormOf(team(over)), agents: [lan, minh], onDone: () => undefined }), { lang: 'vi' });
    const html = body();
    expect(html.one('team-routing').attrs.value).toBe('Lần lượt');
    expect(html.one('team-lead').attrs.value).toBe('Trần Minh');
    expect(html.has('business-hours')).toBe(false);
    expect(html.text).toContain('Đội dùng giờ làm việc của cửa hàng');
    const own = body({ vip: true, businessHours: defaultHours });
    expect(own.one('team-vip').attrs.checked).toBeDefined();
    expect(own.all('hours-interval')).toHaveLength(11);
  });
});

describe('agent routing', () => {
  it('turns empty limits into "no limit" and tidies skills', () => {
    const form = { ...routingFormOf(lan.routing), maxOpen: 6 as const, channelLimits: { zalo: 3, email: '' as const, phone: 0 }, skills: ['Hoàn tiền', 'hoàn tiền ', 'Mỹ phẩm'], languages: ['vi'] };
    const routing = routingOfForm(form);
    expect(routing).toEqual({ maxOpen: 6, channelLimits: { zalo: 3, phone: 0 }, skills: ['hoàn tiền', 'mỹ phẩm'], languages: ['vi'] });
    expect(agentRoutingInput.safeParse(routing).success).toBe(true);
    expect(routingOfForm(routingFormOf(lan.routing))).toEqual({ maxOpen: null, channelLimits: {}, skills: [], languages: [] });
    expect(routingOfForm({ ...form, maxOpen: 900 })).toBeNull();
    expect(routingFormOf(minh.routing)).toEqual({ maxOpen: 8, channelLimits: { zalo: 3 }, skills: ['hoàn tiền'], languages: ['vi', 'en'] });
  });

  it('sums up an agent’s routing in one line', () => {
    const t = i18n.getFixedT('vi');
    expect(routingSummary(minh, t)).toBe('Tối đa 8 · Zalo 3 · vi, en · hoàn tiền');
    expect(routingSummary(lan, t)).toBe('');
    const qc = queryClient();
    qc.setQueryData(keys.agents, [lan, minh]);
    qc.setQueryData(keys.teams, []);
    const html = renderHtml(createElement(AgentsSettings), { qc, lang: 'vi', me: me({ id: 'agent_owner', role: 'owner' }) });
    expect(html.all('agent-routing-summary').map((x) => x.text)).toEqual(['Không giới hạn', 'Tối đa 8 · Zalo 3 · vi, en · hoàn tiền']);
    expect(html.all('agent-routing')).toHaveLength(2);
  });

  it('shows the limits, per-channel limits, skills and languages in the routing form', () => {
    const html = renderHtml(createElement(AgentRoutingForm, { agent: minh, onDone: () => undefined }), { lang: 'vi' });
    expect(html.one('agent-max-open').attrs.value).toBe('8');
    expect(html.one('agent-limit-zalo').attrs.value).toBe('3');
    expect(html.one('agent-limit-email').attrs.value).toBe('');
    expect(html.one('agent-routing-form').text).toContain('hoàn tiền');
    expect(html.one('agent-language-en').attrs.checked).toBeDefined();
    expect(html.one('agent-routing-save').attrs.disabled).toBeUndefined();
  });
});
