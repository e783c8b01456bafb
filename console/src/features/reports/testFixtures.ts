import type {
  AgentPerformanceRow, DurationStats, ReportBacklogDto, ReportHeatmapDto, ReportMeta, ReportRepeatsDto, ReportSummaryDto, ReportVolumeDto,
} from '@careloop/contracts';

/** Report DTOs for the console's tests, shaped as the server sends them (server/src/reports). Not imported by the app. */
export function meta(over: Partial<ReportMeta> = {}): ReportMeta {
  return {
    from: '2025-03-10', to: '2025-03-16', timeZone: 'Asia/Ho_Chi_Minh', channel: null, teamId: null, agentId: null,
    asOf: '2025-03-16T03:04:00.000Z', rebuilding: false, ...over,
  };
}

export function stats(over: Partial<DurationStats> = {}): DurationStats {
  return { count: 5, median: 300, p90: 23_040, mean: 7896, businessMedian: 120, businessP90: 840, businessMean: 336, exact: true, ...over };
}

const days = ['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13', '2025-03-14', '2025-03-15', '2025-03-16'];

export function summary(over: Partial<ReportSummaryDto> = {}): ReportSummaryDto {
  return {
    meta: meta(),
    totals: { conversations: 1234, incomingMessages: 5678, replies: 4321, resolutions: 1100, reopened: 12, repeats: 30 },
    firstResponse: stats(),
    nextResponse: stats({ count: 3, median: 480, p90: 1056, mean: 580, businessMedian: 252, businessP90: 1056, businessMean: 580 }),
    resolution: stats({ count: 3, median: 10_800, p90: 36_720, mean: 18_600, businessMedian: 7200, businessP90: 10_080, businessMean: 6600 }),
    sla: { firstResponse: { met: 9, missed: 1, rate: 0.9 }, resolution: { met: 0, missed: 0, rate: null } },
    days: days.map((day, i) => ({ day, conversations: i === 0 ? 5 : 0, resolutions: i === 0 ? 2 : 0, firstResponseMedian: i === 0 ? 210 : null, firstResponseBusinessMedian: i === 0 ? 90 : null, nextResponseMedian: null, nextResponseBusinessMedian: null, resolutionMedian: null, resolutionBusinessMedian: null, slaFirstResponse: { met: 0, missed: 0, rate: null } })),
    ...over,
  };
}

export function volume(): ReportVolumeDto {
  return {
    meta: meta(),
    channels: ['web_chat', 'zalo'],
    days: days.map((day, i) => ({
      day,
      byChannel: i === 0 ? { web_chat: { conversations: 3, incomingMessages: 6 }, zalo: { conversations: 1, incomingMessages: 1 } } : {},
      conversations: i === 0 ? 4 : 0,
      incomingMessages: i === 0 ? 7 : 0,
    })),
  };
}

export function heatmap(): ReportHeatmapDto {
  const grid = () => Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const conversations = grid();
  const incomingMessages = grid();
  conversations[0]![23] = 1;
  conversations[6]![0] = 3;
  incomingMessages[0]![23] = 2;
  incomingMessages[6]![0] = 1;
  return { meta: meta(), conversations, incomingMessages };
}

export function backlog(): ReportBacklogDto {
  return {
    meta: meta(),
    now: {
      open: 2, pending: 1, snoozed: 1, total: 4,
      byAge: [
        { bucket: 'lt1h', open: 1, pending: 0, snoozed: 0 }, { bucket: '1to4h', open: 0, pending: 1, snoozed: 0 }, { bucket: '4to24h', open: 0, pending: 0, snoozed: 0 },
        { bucket: '1to3d', open: 0, pending: 0, snoozed: 1 }, { bucket: '3to7d', open: 0, pending: 0, snoozed: 0 }, { bucket: 'gt7d', open: 1, pending: 0, snoozed: 0 },
      ],
    },
    days: days.map((day, i) => ({
      day, opened: i === 0 ? 5 : 0, resolved: i === 1 ? 1 : 0, unresolved: i === 0 ? 5 : 4,
      byAge: i === 0 ? { lt1d: 5, '1to3d': 0, '3to7d': 0, gt7d: 0 } : i < 3 ? { lt1d: 0, '1to3d': 4, '3to7d': 0, gt7d: 0 } : { lt1d: 0, '1to3d': 0, '3to7d': 4, gt7d: 0 },
    })),
  };
}

export function agentRow(over: Partial<AgentPerformanceRow> = {}): AgentPerformanceRow {
  return {
    agentId: 'agent_lan', name: 'Nguyễn Thị Lan', handled: 10, replies: 25,
    firstResponse: stats({ count: 10, median: 252, businessMedian: 60 }), nextResponse: stats({ count: 8, median: 90, businessMedian: 90 }),
    resolutions: 7, sla: { firstResponse: { met: 9, missed: 1, rate: 0.9 }, resolution: { met: 7, missed: 0, rate: 1 } },
    csat: { responses: 4, satisfied: 3, score: 75 }, onlineSeconds: 3 * 3600 + 5 * 60, busySeconds: 600, ...over,
  };
}

export function repeats(over: Partial<ReportRepeatsDto> = {}): ReportRepeatsDto {
  return {
    meta: meta(), conversations: 40, repeats: 3, rate: 0.075,
    byIntent: [{ intent: 'late_delivery', repeats: 2 }, { intent: null, repeats: 1 }],
    recent: [{
      conversationId: 'cv_02', number: 42, contactId: 'contact_ha', contactName: 'Phạm Thu Hà', intent: 'late_delivery',
      createdAt: '2025-03-12T02:30:00.000Z', previousConversationId: 'cv_01', previousNumber: 17, hoursAfterResolution: 20.5,
    }],
    ...over,
  };
}
