import { createContext, useContext } from 'react';
import type { AutomationCondition, AutomationTrigger } from '@careloop/contracts';
import type { ServerIssue } from '../serverIssues.ts';
import { fits, type RootGroup } from './conditionTree.ts';

/** What every node of the condition editor needs: the whole tree (paths are relative to it), the trigger and the issues. */
export interface ConditionEditing {
  root: RootGroup;
  trigger: AutomationTrigger;
  readOnly: boolean;
  issues: readonly ServerIssue[];
  onChange: (root: RootGroup) => void;
}

export const ConditionContext = createContext<ConditionEditing | null>(null);

export function useConditionEditing() {
  const ctx = useContext(ConditionContext);
  if (!ctx) throw new Error('useConditionEditing() outside <ConditionEditor>');
  /** Applies an edit of the tree when the result stays within the limits; returns whether it would. */
  const edit = (fn: (root: AutomationCondition) => AutomationCondition, dryRun = false): boolean => {
    const next = fn(ctx.root);
    if (!fits(next)) return false;
    if (!dryRun) ctx.onChange(next as RootGroup);
    return true;
  };
  return { ...ctx, edit };
}
