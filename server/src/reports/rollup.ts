/**
 * The daily rollup as differences: a recomputed conversation adds its new contributions and takes
 * back its old ones, so `report_daily` stays the sum over all facts without ever being rebuilt.
 *
 * Each contribution lands on a local day and an agent (the replier for replies and responses, the
 * assignee otherwise), with the conversation's channel and team, and is added to six slices:
 * all (*,*,*), by channel (c,*,*), by team (*,t,*), by channel and team (c,t,*), by agent
 * (*,*,a) and the finest (c,t,a). Every filter combination then reads one slice: whole-workspace
 * views a row per day, agent views a handful.
 */
import { bucketOf, type Counts } from './histogram.ts';
import { slotDay, slotHour } from './local-time.ts';
import type { Fact, Response } from './facts.ts';

export const counterNames = [
  'conversations', 'incoming', 'replies', 'handled', 'first_n', 'first_sum', 'first_bsum', 'next_n', 'next_sum', 'next_bsum',
  'res_n', 'res_sum', 'res_bsum', 'sla_first_met', 'sla_first_missed', 'sla_res_met', 'sla_res_missed', 'repeats', 'reopened',
] as const;
export const arrayNames = ['conv_hours', 'msg_hours', 'h_first', 'h_first_b', 'h_next', 'h_next_b', 'h_res', 'h_res_b'] as const;
export type Counter = (typeof counterNames)[number];
export type ArrayName = (typeof arrayNames)[number];

/** What a fact and a response contribute with (the rebuild reads only these columns). */
export const contributingColumns = [
  'conversation_id', 'channel', 'team_id', 'assignee_id', 'created_day', 'created_hour', 'repeat_of', 'reopened', 'activity', 'resolved_day',
  'resolution_s', 'resolution_bs', 'sla_first', 'sla_first_day', 'first_responder', 'sla_resolution', 'sla_resolution_day',
] as const;
export type ContributingFact = Pick<Fact, (typeof contributingColumns)[number]>;
export type ContributingResponse = Pick<Response, 'conversation_id' | 'kind' | 'day' | 'agent_id' | 'seconds' | 'business_seconds'>;

export type DailyDelta = { day: number; channel: string; team_id: string; agent_id: string } & Record<Counter, number> & Record<ArrayName, Counts>;

export const ALL = '*';

function blank(day: number, channel: string, team: string, agent: string): DailyDelta {
  const row = { day, channel, team_id: team, agent_id: agent } as DailyDelta;
  for (const c of counterNames) row[c] = 0;
  for (const a of arrayNames) row[a] = {};
  return row;
}

const bump = (counts: Counts, key: number, by: number) => { counts[key] = (counts[key] ?? 0) + by; };

interface Group { keys: [string, string, string][]; days: Map<number, DailyDelta>[] }

export class DailyDeltas {
  /** Rows by slice ("channel|team|agent") and day. */
  private readonly slices = new Map<string, Map<number, DailyDelta>>();
  /** The six slices of each (channel, team, agent) met so far: one lookup per contribution. */
  private readonly groups = new Map<string, Group>();

  private groupOf(channel: string, team: string, agent: string): Group {
    const id = `${channel}|${team}|${agent}`;
    let group = this.groups.get(id);
    if (!group) {
      const keys: [string, string, string][] = [[ALL, ALL, ALL], [channel, ALL, ALL], [ALL, team, ALL], [channel, team, ALL], [ALL, ALL, agent], [channel, team, agent]];
      const days = keys.map(([c, t, a]) => {
        const key = `${c}|${t}|${a}`;
        let byDay = this.slices.get(key);
        if (!byDay) this.slices.set(key, (byDay = new Map()));
        return byDay;
      });
      this.groups.set(id, (group = { keys, days }));
    }
    return group;
  }

  /** Apply `change` to the six slices a contribution of (channel, team, agent) on `day` belongs to. */
  add(day: number, channel: string, team: string, agent: string, change: (row: DailyDelta) => void): void {
    const group = this.groupOf(channel, team, agent);
    for (let i = 0; i < 6; i++) {
      const byDay = group.days[i]!;
      let row = byDay.get(day);
      if (!row) {
        const [c, t, a] = group.keys[i]!;
        byDay.set(day, (row = blank(day, c, t, a)));
      }
      change(row);
    }
  }

  /** Add (sign 1) or take back (sign −1) everything a fact and its responses contribute. */
  contribute(f: ContributingFact, responses: readonly ContributingResponse[], sign: 1 | -1): void {
    const { channel, team_id: team, assignee_id: assignee } = f;
    this.add(f.created_day, channel, team, assignee, (r) => {
      r.conversations += sign;
      bump(r.conv_hours, f.created_hour, sign);
      if (f.repeat_of) r.repeats += sign;
      if (f.reopened) r.reopened += sign;
    });
    for (const [slot, n] of f.activity.in ?? []) {
      this.add(slotDay(slot), channel, team, assignee, (r) => { r.incoming += sign * n; bump(r.msg_hours, slotHour(slot), sign * n); });
    }
    for (const [day, agent, n, first] of f.activity.rp ?? []) {
      this.add(day, channel, team, agent, (r) => { r.replies += sign * n; r.handled += sign * first; });
    }
    for (const x of responses) this.addResponse(f, x, sign);
    if (f.resolved_day !== null && f.resolution_s !== null) {
      const [s, bs] = [f.resolution_s, f.resolution_bs ?? 0];
      this.add(f.resolved_day, channel, team, assignee, (r) => {
        r.res_n += sign; r.res_sum += sign * s; r.res_bsum += sign * bs;
        bump(r.h_res, bucketOf(s), sign); bump(r.h_res_b, bucketOf(bs), sign);
      });
    }
    if (f.sla_first && f.sla_first_day !== null) {
      const met = f.sla_first === 'met';
      this.add(f.sla_first_day, channel, team, f.first_responder ?? assignee, (r) => { if (met) r.sla_first_met += sign; else r.sla_first_missed += sign; });
    }
    if (f.sla_resolution && f.sla_resolution_day !== null) {
      const met = f.sla_resolution === 'met';
      this.add(f.sla_resolution_day, channel, team, assignee, (r) => { if (met) r.sla_res_met += sign; else r.sla_res_missed += sign; });
    }
  }

  private addResponse(f: ContributingFact, x: ContributingResponse, sign: 1 | -1): void {
    const first = x.kind === 'first';
    this.add(x.day, f.channel, f.team_id, x.agent_id, (r) => {
      if (first) {
        r.first_n += sign; r.first_sum += sign * x.seconds; r.first_bsum += sign * x.business_seconds;
        bump(r.h_first, bucketOf(x.seconds), sign); bump(r.h_first_b, bucketOf(x.business_seconds), sign);
      } else {
        r.next_n += sign; r.next_sum += sign * x.seconds; r.next_bsum += sign * x.business_seconds;
        bump(r.h_next, bucketOf(x.seconds), sign); bump(r.h_next_b, bucketOf(x.business_seconds), sign);
      }
    });
  }

  /** The rows that changed, without counts that came to zero; rows whose changes cancel out are left out. */
  changed(): DailyDelta[] {
    const out: DailyDelta[] = [];
    for (const byDay of this.slices.values()) {
      for (const row of byDay.values()) {
        let any = counterNames.some((c) => row[c] !== 0);
        for (const a of arrayNames) {
          const counts = row[a];
          for (const key in counts) {
            if (counts[key] === 0) delete counts[key];
            else any = true;
          }
        }
        if (any) out.push(row);
      }
    }
    return out;
  }
}
