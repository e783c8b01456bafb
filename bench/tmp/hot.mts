import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// Inclusive time per function name (top 40), from the biggest profile in the folder.
const dir = process.argv[2]!;
const file = readdirSync(dir).map((f) => join(dir, f)).sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0]!;
const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[]; samples: number[] };
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map<string, number>();
for (const s of p.samples) {
  const seen = new Set<string>();
  for (let id: number | undefined = s; id !== undefined; id = parent.get(id)) {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}`;
    if (!seen.has(key)) { seen.add(key); incl.set(key, (incl.get(key) ?? 0) + 1); }
  }
}
const total = p.samples.length;
console.log([...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 45).map(([k, v]) => `${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`).join('\n'));
