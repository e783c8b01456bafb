import { fold } from '@careloop/contracts';

/**
 * Find `@Name` mentions of agents in a note. Names may have spaces and diacritics ("@Trần Lan"
 * or "@tran lan"); the longest matching name wins, so "@Lan Anh" is not read as "@Lan".
 */
export function findMentions(body: string, agents: { id: string; name: string }[]): string[] {
  const folded = fold(body);
  const byLength = [...agents].sort((a, b) => b.name.length - a.name.length);
  const found = new Set<string>();
  let at = folded.indexOf('@');
  while (at !== -1) {
    const rest = folded.slice(at + 1);
    for (const agent of byLength) {
      const name = fold(agent.name);
      if (rest.startsWith(name) && !/[\p{L}\p{N}]/u.test(rest.charAt(name.length))) {
        found.add(agent.id);
        break;
      }
    }
    at = folded.indexOf('@', at + 1);
  }
  return [...found];
}
