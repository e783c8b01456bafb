/**
 * Rejection and warning codes the server writes into an import's results, each with a label under
 * `shop.imports.codes.`. The server's text (English) stays visible after the label as the detail.
 */
export const importIssueCodes = [
  'missing_order_ref', 'missing_date', 'bad_date', 'bad_amount', 'negative_total', 'missing_total', 'negative_quantity', 'bad_quantity',
  'duplicate_order_ref', 'phone_restored_zero', 'excel_scientific', 'ambiguous_amount', 'amount_rounded', 'ambiguous_date',
  'total_computed', 'unknown_status', 'name_only_customer', 'missing_quantity', 'bad_line_price', 'line_price_rounded', 'bad_currency',
  'invalid_email',
] as const;

export interface ImportIssue {
  /** The file line a warning is about ("12: …"), when given. */
  line: string | null;
  /** The code before the first ':' ("ambiguous_date"); null when the text has none. */
  code: string | null;
  /** The rest of the text, or all of it without a code. */
  detail: string;
}

/** "12: ambiguous_date: "03/04/2026" read as day/month" → line 12, code ambiguous_date, the detail after it. */
export function splitIssue(text: string): ImportIssue {
  const match = /^(?:(\d+):\s*)?([a-z][a-z0-9_]*):\s*([\s\S]*)$/.exec(text);
  if (!match) {
    const line = /^(\d+):\s*([\s\S]*)$/.exec(text);
    return line ? { line: line[1]!, code: null, detail: line[2]! } : { line: null, code: null, detail: text };
  }
  return { line: match[1] ?? null, code: match[2]!, detail: match[3]!.trim() };
}
