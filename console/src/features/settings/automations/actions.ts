import { automationActionTypes, type AutomationAction, type AutomationActionType } from '@careloop/contracts';

/**
 * The actions list of a rule: each type with the parameters it starts with (empty ones are the admin's to
 * fill, the contract refuses them until then). `stop_processing` is offered once.
 */
const starts: { [T in AutomationActionType]: Extract<AutomationAction, { type: T }> } = {
  assign_agent: { type: 'assign_agent', agentId: '' },
  assign_team: { type: 'assign_team', teamId: '' },
  set_priority: { type: 'set_priority', priority: 'high' },
  add_label: { type: 'add_label', label: '' },
  remove_label: { type: 'remove_label', label: '' },
  send_canned: { type: 'send_canned', cannedId: '' },
  send_message: { type: 'send_message', text: '' },
  send_email: { type: 'send_email', to: 'contact', subject: '', text: '' },
  snooze: { type: 'snooze', minutes: 60 },
  resolve: { type: 'resolve' },
  escalate: { type: 'escalate', to: 'team_lead' },
  suggest_compensation: { type: 'suggest_compensation' },
  call_webhook: { type: 'call_webhook', url: '' },
  notify: { type: 'notify', audience: 'assignee', text: '' },
  stop_processing: { type: 'stop_processing' },
};

export function newAction(type: AutomationActionType): AutomationAction {
  return structuredClone(starts[type]);
}

/** Types that may still be added (a second `stop_processing` would be refused). */
export function addableTypes(actions: readonly AutomationAction[]): AutomationActionType[] {
  const stops = actions.some((a) => a.type === 'stop_processing');
  return automationActionTypes.filter((t) => !(t === 'stop_processing' && stops));
}

export function replaceAction(actions: readonly AutomationAction[], index: number, next: AutomationAction): AutomationAction[] {
  return actions.map((a, i) => (i === index ? next : a));
}

export function moveAction(actions: readonly AutomationAction[], index: number, delta: -1 | 1): AutomationAction[] {
  const to = index + delta;
  if (to < 0 || to >= actions.length) return [...actions];
  const next = [...actions];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** Optional fields left empty are left out (a resolve without a closing message, a webhook without a secret). */
export function cleanAction(a: AutomationAction): AutomationAction {
  if (a.type === 'resolve' && !a.message?.trim()) return { type: 'resolve' };
  if (a.type === 'call_webhook' && !a.secret) return { type: 'call_webhook', url: a.url };
  return a;
}
