import type { TFunction } from 'i18next';
import { automationRuleInput, type AutomationAction, type AutomationRuleDto, type AutomationRuleInput, type AutomationTrigger } from '@careloop/contracts';
import type { ServerIssue } from '../serverIssues.ts';
import { cleanAction, newAction } from './actions.ts';
import { editableRoot, type RootGroup } from './conditionTree.ts';

/** The rule builder's draft: the API's rule with an editable root group. */
export interface RuleDraft {
  id: string | null;
  name: string;
  enabled: boolean;
  trigger: AutomationTrigger;
  conditions: RootGroup;
  actions: AutomationAction[];
  order: number;
}

export function newRuleDraft(name: string, order = 0): RuleDraft {
  return { id: null, name, enabled: true, trigger: 'message.received', conditions: { all: [] }, actions: [newAction('add_label')], order };
}

export function draftOfRule(rule: AutomationRuleDto): RuleDraft {
  return {
    id: rule.id, name: rule.name, enabled: rule.enabled, trigger: rule.trigger, conditions: editableRoot(rule.conditions),
    actions: structuredClone(rule.actions), order: rule.order,
  };
}

/** The body of POST and PUT (and of a dry run). */
export function inputOfDraft(d: RuleDraft): AutomationRuleInput {
  return { name: d.name.trim(), enabled: d.enabled, trigger: d.trigger, conditions: d.conditions, actions: d.actions.map(cleanAction), order: d.order };
}

/** The contract's verdict on the draft, as issues shaped like the server's (dotted paths), so both show the same way. */
export function checkDraft(d: RuleDraft): ServerIssue[] {
  const parsed = automationRuleInput.safeParse(inputOfDraft(d));
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code }));
}

/** An issue in the UI language: by its zod code, with the server's words where they carry the detail (an unknown variable). */
export function issueText(issue: ServerIssue, t: TFunction): string {
  const variable = /Unknown variable (\{\{[^}]*\}\})/.exec(issue.message);
  if (variable) return t('automations.issue.unknownVariable', { variable: variable[1] });
  if (/can only be tested when/.test(issue.message)) return t('automations.issue.fieldTrigger');
  if (/nest at most/.test(issue.message)) return t('automations.issue.depth');
  if (/stop_processing/.test(issue.message)) return t('automations.issue.oneStop');
  switch (issue.code) {
    case 'too_small': return t('automations.issue.required');
    case 'too_big': return t('automations.issue.tooBig');
    case 'invalid_format': return issue.path.endsWith('url') ? t('automations.issue.url') : t('automations.issue.format');
    case 'invalid_type':
    case 'invalid_value':
    case 'invalid_union': return t('automations.issue.invalid');
    default: return issue.message;
  }
}

/** Each distinct message once, for a field's error line. */
export function issuesText(issues: readonly ServerIssue[], t: TFunction): string | undefined {
  if (issues.length === 0) return undefined;
  return [...new Set(issues.map((i) => issueText(i, t)))].join(' · ');
}
