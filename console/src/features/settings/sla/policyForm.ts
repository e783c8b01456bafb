import { slaClocks, slaPolicyInput, type SlaClock, type SlaPolicyDto, type SlaPolicyInput } from '@careloop/contracts';
import { serverIssues } from '../serverIssues.ts';

/** Targets are typed as a number and a unit; the API takes seconds. */
export const targetUnits = ['seconds', 'minutes', 'hours'] as const;
export type TargetUnit = (typeof targetUnits)[number];
const unitSeconds: Record<TargetUnit, number> = { seconds: 1, minutes: 60, hours: 3600 };

export interface TargetDraft { value: number | ''; unit: TargetUnit }
export interface PolicyForm extends Omit<SlaPolicyInput, 'firstResponseSeconds' | 'nextResponseSeconds' | 'resolutionSeconds' | 'warnPercent'> {
  id: string | null;
  /** null: this clock has no target. */
  targets: Record<SlaClock, TargetDraft | null>;
  warnPercent: number | '';
}
export type PolicyField = 'name' | SlaClock | 'warnPercent' | 'targets';

export const secondsField = { firstResponse: 'firstResponseSeconds', nextResponse: 'nextResponseSeconds', resolution: 'resolutionSeconds' } as const;

/** The largest unit the value is a whole number of: 3600 → 1 hour, 5400 → 90 minutes, 45 → 45 seconds. */
export function toDraft(seconds: number | null): TargetDraft | null {
  if (seconds === null) return null;
  if (seconds % 3600 === 0) return { value: seconds / 3600, unit: 'hours' };
  if (seconds % 60 === 0) return { value: seconds / 60, unit: 'minutes' };
  return { value: seconds, unit: 'seconds' };
}

export function toSeconds(draft: TargetDraft | null): number | null {
  if (!draft) return null;
  return draft.value === '' ? Number.NaN : Math.round(draft.value * unitSeconds[draft.unit]);
}

export function newPolicyForm(name: string): PolicyForm {
  return {
    id: null, name, enabled: true, channels: [], priorities: [], segments: [],
    targets: { firstResponse: { value: 15, unit: 'minutes' }, nextResponse: { value: 15, unit: 'minutes' }, resolution: { value: 24, unit: 'hours' } },
    businessHours: true, warnPercent: 80, escalation: { raisePriority: true, reassignToLead: false, notifySupervisors: true },
  };
}

export function formOfPolicy(p: SlaPolicyDto): PolicyForm {
  return {
    id: p.id, name: p.name, enabled: p.enabled, channels: [...p.channels], priorities: [...p.priorities], segments: [...p.segments],
    targets: { firstResponse: toDraft(p.firstResponseSeconds), nextResponse: toDraft(p.nextResponseSeconds), resolution: toDraft(p.resolutionSeconds) },
    businessHours: p.businessHours, warnPercent: p.warnPercent, escalation: { ...p.escalation },
  };
}

export function inputOfForm(f: PolicyForm): SlaPolicyInput {
  return {
    name: f.name.trim(), enabled: f.enabled, channels: f.channels, priorities: f.priorities, segments: f.segments,
    firstResponseSeconds: toSeconds(f.targets.firstResponse), nextResponseSeconds: toSeconds(f.targets.nextResponse), resolutionSeconds: toSeconds(f.targets.resolution),
    businessHours: f.businessHours, warnPercent: f.warnPercent === '' ? Number.NaN : f.warnPercent, escalation: f.escalation,
  };
}

const fieldOfPath = (first: string): PolicyField | null => {
  const clock = slaClocks.find((c) => secondsField[c] === first);
  if (clock) return clock;
  return first === 'name' || first === 'warnPercent' ? first : null;
};

/** The checked body, or the fields to fix (no target at all is `targets`). */
export function validatePolicyForm(f: PolicyForm): { input: SlaPolicyInput; errors: null } | { input: null; errors: Set<PolicyField> } {
  const parsed = slaPolicyInput.safeParse(inputOfForm(f));
  if (parsed.success) return { input: parsed.data, errors: null };
  const errors = new Set<PolicyField>();
  const none = slaClocks.every((c) => f.targets[c] === null);
  for (const issue of parsed.error.issues) {
    const field = fieldOfPath(String(issue.path[0] ?? ''));
    if (field) errors.add(none && field === 'firstResponse' ? 'targets' : field);
  }
  if (errors.size === 0) errors.add('name');
  return { input: null, errors };
}

/** The fields a server's `validation_failed` names, as form fields. */
export function policyServerErrors(error: unknown): Set<PolicyField> {
  return new Set(serverIssues(error).map((i) => fieldOfPath(i.path.split('.')[0] ?? '')).filter((f): f is PolicyField => f !== null));
}
