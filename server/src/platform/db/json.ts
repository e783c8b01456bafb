/**
 * A value as one JSON parameter for `jsonb_to_recordset` (bulk writes). PostgreSQL text cannot hold
 * NUL, which customer data sometimes carries; only when one is there does the slower path strip it.
 */
export function jsonParam(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\u0000') ? JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.replaceAll('\0', '') : v)) : json;
}
