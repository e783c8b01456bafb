/** Query keys of follow-ups; everything lives under `['followups', …]` so one prefix refetches it all. */
export const followupKeys = {
  all: ['followups'] as const,
  rules: ['followups', 'rules'] as const,
  sends: (ruleId: string) => ['followups', 'sends', ruleId] as const,
  settings: ['followups', 'settings'] as const,
  consent: (contactId: string) => ['followups', 'consent', contactId] as const,
};
