import { hotSpots } from '../lib.ts';
console.log(hotSpots('/tmp/prof1', 25).map((h) => `${String(h.selfPct).padStart(5)}%  ${h.fn}  ${h.where}`).join('\n'));
