import { hotSpots } from '../lib.ts';
console.log(hotSpots(process.argv[2]!, 30).map((h) => `${String(h.selfPct).padStart(5)}%  ${h.fn}  ${h.where}`).join('\n'));
