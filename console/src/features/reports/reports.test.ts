import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import i18n from '../../i18n/index.ts';
import { ApiError } from '../../lib/api.ts';
import { me, queryClient } from '../../testing/fixtures.ts';
import { renderHtml } from '../../testing/render.ts';
import { canExportReports, canSeeTeamReports } from './access.ts';
import { nextSort, sortAgents } from './agentSort.ts';
import { AgentTable } from './AgentTable.tsx';
import { isEmptySummary, shortDay, trendRows, volumeRows } from './chartData.ts';
import { conversationsCsvHref } from './csv.ts';
import { durationParts, durationText } from './duration.ts';
import { daysIn, readFilters, reportQueryOf, todayIn } from './filters.ts';
import { cellColor, gridMax, gridTotal, peakOf } from './heatmap.ts';
import { HourHeatmap } from './HourHeatmap.tsx';
import { reportKeys } from './keys.ts';
import { Loaded } from './Loaded.tsx';
import { RepeatsBody } from './RepeatsTab.tsx';
import ReportsPage from './ReportsPage.tsx';
import { ReportsMeta } from './ReportsMeta.tsx';
import { TimesGrid } from './TimesGrid.tsx';
import { agentRow, backlog, heatmap, meta, repeats, summary, volume } from './testFixtures.ts';

const vi = i18n.getFixedT('vi');
const en = i18n.getFixedT('en');

describe('durations in reports', () => {
  it('writes the two largest units: "4 phút 12 giây" / "4m 12s"', () => {
    expect(durationText(252, vi)).toBe('4 phút 12 giây');
    expect(durationText(252, en)).toBe('4m 12s');
    expect(durationText(240, vi)).toBe('4 phút');
    expect(durationText(42.4, vi)).toBe('42 giây');
    expect(durationText(3900, vi)).toBe('1 giờ 5 phút');
    expect(durationText(3 * 3600 + 59, en)).toBe('3h');
    expect(durationText(2 * 86_400 + 3 * 3600 + 120, vi)).toBe('2 ngày 3 giờ');
    expect(durationText(0, en)).toBe('0s');
    expect(durationText(null, vi)).toBe('—');
    expect(durationParts(86_400)).toEqual([{ unit: 'day', n: 1 }]);
  });
});

describe('report filters in the URL', () => {
  const params = (q: string) => new URLSearchParams(q);

  it('defaults to the last 30 days in business hours, presets end today', () => {
    const f = readFilters(params(''));
    expect(f).toEqual({ range: '30d', hours: 'business' });
    expect(reportQueryOf(f, '2025-03-16', true)).toEqual({ from: '2025-02-15', to: '2025-03-16', channel: undefined, teamId: undefined, agentId: undefined });
    expect(reportQueryOf(readFilters(params('range=7d')), '2025-03-01', true)).toMatchObject({ from: '2025-02-23', to: '2025-03-01' });
    expect(reportQueryOf(readFilters(params('range=90d')), '2025-03-16', true)).toMatchObject({ from: '2024-12-17' });
  });

  it('keeps a custom range, channel, team, agent and calendar hours; a reversed range is put right', () => {
    const f = readFilters(params('from=2025-03-16&to=2025-03-10&channel=zalo&teamId=team_01ABC&agentId=agent_01XYZ&hours=calendar&tab=agents'));
    expect(f).toEqual({ range: 'custom', from: '2025-03-10', to: '2025-03-16', channel: 'zalo', teamId: 'team_01ABC', agentId: 'agent_01XYZ', hours: 'calendar' });
    expect(reportQueryOf(f, '2025-04-01', true)).toEqual({ from: '2025-03-10', to: '2025-03-16', channel: 'zalo', teamId: 'team_01ABC', agentId: 'agent_01XYZ' });
  });

  it('drops what the server would refuse, and never sends an agent filter for an agent (the server pins it)', () => {
    const f = readFilters(params('channel=fax&teamId=<script>&agentId=agent_1&from=0002-06-30&to=2025-03-10&range=365d&hours=lunar'));
    expect(f).toEqual({ range: '30d', agentId: 'agent_1', hours: 'business' });
    expect(reportQueryOf(f, '2025-03-16', false).agentId).toBeUndefined();
    // A custom range longer than the server allows is cut to its last 731 days (2024 had 366).
    const long = reportQueryOf(readFilters(params('from=2020-01-01&to=2025-03-16')), '2025-03-16', true);
    expect(long.from).toBe('2023-03-17');
    expect(daysIn(String(long.from), String(long.to))).toBe(731);
  });

  it('"today" is the shop\'s date, not the browser\'s', () => {
    expect(todayIn('Asia/Ho_Chi_Minh', new Date('2025-03-15T18:30:00Z'))).toBe('2025-03-16');
    expect(todayIn('UTC', new Date('2025-03-15T18:30:00Z'))).toBe('2025-03-15');
  });

  it('supervisors and up see the team and export; agents see their own figures only', () => {
    expect([canSeeTeamReports('agent'), canSeeTeamReports('supervisor'), canSeeTeamReports('owner')]).toEqual([false, true, true]);
    expect([canExportReports('agent'), canExportReports('admin')]).toEqual([false, true]);
  });

  it('the CSV link carries the filters and the console language', () => {
    expect(conversationsCsvHref({ from: '2025-03-10', to: '2025-03-16', channel: 'zalo', teamId: undefined }, 'vi'))
      .toBe('/api/v1/reports/conversations.csv?from=2025-03-10&to=2025-03-16&channel=zalo&lang=vi');
    expect(conversationsCsvHref({}, 'en-GB')).toBe('/api/v1/reports/conversations.csv?lang=en');
  });
});

describe('chart data', () => {
  it('stacks volume by channel per day, and reads days without a time zone shift', () => {
    expect(volumeRows(volume())[0]).toEqual({ day: '2025-03-10', total: 4, web_chat: 3, zalo: 1 });
    expect(volumeRows(volume())[1]).toEqual({ day: '2025-03-11', total: 0, web_chat: 0, zalo: 0 });
    // The trend's first-response line follows the business/calendar switch.
    expect(trendRows(summary(), 'calendar')[0]!.firstResponseMedian).toBe(210);
    expect(trendRows(summary(), 'business')[0]!.firstResponseMedian).toBe(90);
    expect([shortDay('2025-03-05', 'vi'), shortDay('2025-03-05', 'en')]).toEqual(['05/03', '5 Mar']);
    expect(isEmptySummary(summary())).toBe(false);
    expect(isEmptySummary(summary({ totals: { conversations: 0, incomingMessages: 0, replies: 0, resolutions: 0, reopened: 0, repeats: 0 } }))).toBe(true);
  });

  it('finds the busiest hour and shades the grid on one scale', () => {
    const h = heatmap();
    expect(gridMax(h.conversations)).toBe(3);
    expect(gridTotal(h.conversations)).toBe(4);
    expect(peakOf(h.conversations)).toEqual({ weekday: 6, hour: 0, value: 3 });
    expect(peakOf(h.conversations.map((row) => row.map(() => 0)))).toBeNull();
    expect(cellColor(0, 3).background).toBe('transparent');
    expect(cellColor(3, 3)).toEqual({ background: 'hsl(174, 58%, 33%)', color: '#ffffff' });
  });

  it('sorts agents by any column, nothing measured last, ties by name', () => {
    const rows = [
      agentRow({ agentId: 'agent_b', name: 'Bình', handled: 4, firstResponse: { ...agentRow().firstResponse, median: 30, businessMedian: 500 } }),
      agentRow({ agentId: 'agent_a', name: 'An', handled: 4, firstResponse: { ...agentRow().firstResponse, median: 900, businessMedian: 20 } }),
      agentRow({ agentId: 'agent_c', name: 'Chi', handled: 9, csat: null, firstResponse: { ...agentRow().firstResponse, median: null, businessMedian: null } }),
    ];
    const ids = (list: typeof rows) => list.map((r) => r.agentId);
    expect(ids(sortAgents(rows, { key: 'handled', dir: 'desc' }, 'business'))).toEqual(['agent_c', 'agent_a', 'agent_b']);
    expect(ids(sortAgents(rows, { key: 'firstResponse', dir: 'asc' }, 'business'))).toEqual(['agent_a', 'agent_b', 'agent_c']);
    expect(ids(sortAgents(rows, { key: 'firstResponse', dir: 'asc' }, 'calendar'))).toEqual(['agent_b', 'agent_a', 'agent_c']);
    expect(ids(sortAgents(rows, { key: 'firstResponse', dir: 'desc' }, 'calendar'))).toEqual(['agent_a', 'agent_b', 'agent_c']);
    expect(ids(sortAgents(rows, { key: 'csat', dir: 'desc' }, 'business'))).toEqual(['agent_a', 'agent_b', 'agent_c']);
    expect(nextSort({ key: 'handled', dir: 'desc' }, 'handled')).toEqual({ key: 'handled', dir: 'asc' });
    expect(nextSort({ key: 'handled', dir: 'desc' }, 'firstResponse')).toEqual({ key: 'firstResponse', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'asc' }, 'resolutions')).toEqual({ key: 'resolutions', dir: 'desc' });
  });
});

describe('<TimesGrid>', () => {
  it('shows medians and p90 in business hours, Vietnamese numbers and SLA compliance', () => {
    const html = renderHtml(createElement(TimesGrid, { summary: summary(), hours: 'business' }), { lang: 'vi' });
    expect(html.one('report-kpi-conversations-value').text).toBe('1.234');
    expect(html.one('report-kpi-firstResponse-value').text).toBe('2 phút');
    expect(html.one('report-kpi-firstResponse-detail').text).toBe('P90 14 phút · 5 lần đo · Giờ làm việc');
    expect(html.one('report-kpi-nextResponse-value').text).toBe('4 phút 12 giây');
    expect(html.one('report-kpi-resolution-value').text).toBe('2 giờ');
    expect(html.one('report-kpi-slaFirstResponse-value').text).toBe('90%');
    expect(html.one('report-kpi-slaFirstResponse-detail').text).toBe('9 đạt · 1 trễ hạn');
    expect(html.one('report-kpi-slaResolution-value').text).toBe('—');
  });

  it('switches to calendar hours, and marks percentiles from histograms as approximate', () => {
    const html = renderHtml(createElement(TimesGrid, { summary: summary({ resolution: { ...summary().resolution, exact: false } }), hours: 'calendar' }), { lang: 'en' });
    expect(html.one('reports-kpis').attrs['data-hours']).toBe('calendar');
    expect(html.one('report-kpi-firstResponse-value').text).toBe('5m');
    expect(html.one('report-kpi-firstResponse-detail').text).toBe('P90 6h 24m · 5 measurements · Calendar hours');
    expect(html.one('report-kpi-resolution-value').text).toBe('≈ 3h');
    expect(html.one('report-kpi-conversations-value').text).toBe('1,234');
  });
});

describe('<HourHeatmap>', () => {
  it('is a real table: seven weekday rows of 24 hours, counts readable, the peak named', () => {
    const html = renderHtml(createElement(HourHeatmap, { heatmap: heatmap() }), { lang: 'vi' });
    const rows = html.all('heatmap-row');
    expect(rows).toHaveLength(7);
    expect(rows[0]!.text.startsWith('T2')).toBe(true);
    expect(rows[6]!.text.startsWith('CN')).toBe(true);
    expect(html.all('3', 'data-value')).toHaveLength(1);
    expect(html.all('0', 'data-value')).toHaveLength(7 * 24 - 2);
    expect(html.one('heatmap-peak').text).toBe('Đông nhất: Chủ Nhật lúc 0 giờ (3)');
    expect(html.text).toContain('Giờ theo múi giờ của cửa hàng (Asia/Ho_Chi_Minh).');
    expect(html.one('heatmap-table').attrs['data-metric']).toBe('conversations');
  });
});

describe('<AgentTable>', () => {
  it('lists agents by conversations handled with durations, SLA, CSAT and online time', () => {
    const rows = [agentRow(), agentRow({ agentId: 'agent_minh', name: 'Trần Văn Minh', handled: 20, csat: null, onlineSeconds: 0 })];
    const html = renderHtml(createElement(AgentTable, { rows, hours: 'calendar' }), { lang: 'vi' });
    const found = html.all('agent-row');
    expect(found.map((r) => r.attrs['data-agent'])).toEqual(['agent_minh', 'agent_lan']);
    expect(html.all('agent-first-response').map((c) => c.text)).toEqual(['4 phút 12 giây', '4 phút 12 giây']);
    expect(html.all('agent-csat').map((c) => c.text)).toEqual(['—', '75%']);
    expect(html.all('agent-online').map((c) => c.text)).toEqual(['—', '3 giờ 5 phút']);
    expect(html.one('agents-table').attrs['data-sort']).toBe('handled:desc');
    expect(html.all('descending', 'aria-sort')).toHaveLength(1);
  });
});

describe('<RepeatsBody>', () => {
  it('links each repeat to both conversations and names the topic', () => {
    const html = renderHtml(createElement(RepeatsBody, { repeats: repeats() }), { lang: 'vi' });
    expect(html.one('repeats-rate-value').text).toBe('7,5%');
    expect(html.one('repeats-top-intent-value').text).toBe('Giao trễ');
    expect(html.one('repeat-previous').attrs.href).toBe('/conversations/cv_01');
    expect(html.one('repeat-previous').text).toBe('#17');
    expect(html.one('repeat-current').attrs.href).toBe('/conversations/cv_02');
    expect(html.one('repeat-row').text).toContain('Phạm Thu Hà');
    expect(html.one('repeat-row').text).toContain('12/03/2025 09:30');
    expect(html.one('repeat-row').text).toContain('20,5 giờ');
    expect(html.one('repeats-by-intent').text).toContain('Chưa rõ chủ đề: 1');
  });

  it('says so when nobody had to come back', () => {
    const html = renderHtml(createElement(RepeatsBody, { repeats: repeats({ repeats: 0, rate: 0, byIntent: [], recent: [] }) }), { lang: 'en' });
    expect(html.one('repeats-empty').text).toBe('No customer had to come back in this range.');
    expect(html.one('repeats-top-intent-value').text).toBe('—');
  });
});

describe('states', () => {
  it('loading, a translated error, and a note while figures are rebuilt', () => {
    const loading = renderHtml(createElement(Loaded<number>, { query: { data: undefined, error: null, isLoading: true }, testId: 'x', children: () => 'never' }), { lang: 'vi' });
    expect(loading.has('x-loading')).toBe(true);
    expect(loading.text).not.toContain('never');
    const failed = renderHtml(createElement(Loaded<number>, { query: { data: undefined, error: new ApiError(403, 'forbidden', 'no'), isLoading: false }, testId: 'x', children: () => 'never' }), { lang: 'vi' });
    expect(failed.one('x-error').attrs['data-code']).toBe('forbidden');
    const shown = renderHtml(createElement(ReportsMeta, { meta: meta({ rebuilding: true }) }), { lang: 'en' });
    expect(shown.one('reports-range-text').text).toBe('10 Mar 2025 – 16 Mar 2025 (7 days) · time zone Asia/Ho_Chi_Minh');
    expect(shown.one('reports-as-of').text).toBe('Figures as of 16 Mar 2025, 10:04');
    expect(shown.has('reports-rebuilding')).toBe(true);
  });
});

describe('<ReportsPage>', () => {
  /** The page with the overview's reports already in the cache, as the server would answer them. */
  function page(role: 'owner' | 'agent', lang: 'vi' | 'en' = 'vi') {
    const who = me({ role });
    const qc = queryClient();
    const query = reportQueryOf(readFilters(new URLSearchParams()), todayIn(who.workspace.timezone), role !== 'agent');
    qc.setQueryData(reportKeys.report('summary', query), summary());
    qc.setQueryData(reportKeys.report('volume', query), volume());
    qc.setQueryData(reportKeys.report('heatmap', query), heatmap());
    qc.setQueryData(reportKeys.report('backlog', query), backlog());
    return { html: renderHtml(createElement(ReportsPage), { me: who, qc, lang }), query };
  }

  it('a supervisor sees the team, every filter and the CSV export for the current filters', () => {
    const { html, query } = page('owner');
    expect(html.one('reports-scope').text).toContain('hiệu suất từng nhân viên');
    expect(html.one('reports-export').attrs.href).toBe(`/api/v1/reports/conversations.csv?from=${query.from}&to=${query.to}&lang=vi`);
    expect(html.has('reports-agent')).toBe(true);
    expect(html.one('report-kpi-conversations-value').text).toBe('1.234');
    expect(html.has('chart-trend')).toBe(true);
    expect(html.one('chart-volume').attrs['data-channels']).toBe('web_chat zalo');
    expect(html.all('heatmap-row')).toHaveLength(7);
    expect(html.one('backlog-total-value').text).toBe('4');
    expect(html.has('chart-backlog-age-trend')).toBe(true);
    expect(html.has('reports-empty')).toBe(false);
  });

  it('an agent sees their own figures: no agent filter, no export', () => {
    const { html } = page('agent', 'en');
    expect(html.one('reports-scope').text).toBe('Your own figures: response and resolution times, SLA, volume and customers who had to come back.');
    expect(html.has('reports-export')).toBe(false);
    expect(html.has('reports-agent')).toBe(false);
    expect(html.one('reports-tab-agents').text).toBe('My performance');
  });
});
