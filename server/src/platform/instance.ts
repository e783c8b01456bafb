import type { Database } from './db/index.ts';
import { hmacHex } from './crypto.ts';
import { newSecret } from './ids.ts';

/** The server's own secret, made once on first start and kept in the database (so every node shares it). */
export async function loadInstanceSecret(db: Database): Promise<string> {
  await db.insertInto('instance_settings').values({ key: 'secret', value: newSecret(48) }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('instance_settings').select('value').where('key', '=', 'secret').executeTakeFirstOrThrow();
  return row.value;
}

/** The one-time setup link token: only someone who can read the server's output can claim it. */
export const setupToken = (secret: string) => hmacHex(secret, 'first-run-setup').slice(0, 32);
