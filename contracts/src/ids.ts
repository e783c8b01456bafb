/** Readable prefixed ids: `cv_01HX…`. The prefix says what the id points to. */
export const idPrefixes = {
  workspace: 'ws',
  agent: 'ag',
  team: 'tm',
  invitation: 'inv',
  session: 'ses',
  apiToken: 'tok',
  contact: 'ct',
  identity: 'cid',
  merge: 'mrg',
  inbox: 'ib',
  conversation: 'cv',
  message: 'msg',
  attachment: 'att',
  canned: 'cr',
  audit: 'aud',
  notification: 'ntf',
  visitor: 'vs',
} as const;
export type IdKind = keyof typeof idPrefixes;
