/** `GET /followups/contacts/:contactId`: whether the customer refused follow-ups, and how (`reply`, `agent`). */
export interface FollowupConsentDto {
  optedOut: boolean;
  via: string | null;
}

/** Why the switch is off, when it is: the customer answered "STOP" (`byReply`) or an agent recorded it (`byAgent`). */
export function consentNote(consent: FollowupConsentDto | undefined): 'byReply' | 'byAgent' | null {
  if (!consent?.optedOut) return null;
  return consent.via === 'reply' ? 'byReply' : 'byAgent';
}
