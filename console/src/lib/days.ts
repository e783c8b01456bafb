const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** A whole, plausible day (YYYY-MM-DD): a date input passes through values like 0002-06-30 while a year is typed. */
export const isUsableDay = (value: string | null | undefined): value is string =>
  !!value && isoDay.test(value) && value >= '1970-01-01' && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
