/** A NumberInput's value as a draft keeps it: NaN while empty, so the contract's schema names the field. */
export const num = (v: number | string) => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);

/** A draft's number back into its NumberInput ('' shows an empty field). */
export const shown = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : '');
