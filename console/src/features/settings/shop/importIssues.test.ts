import { describe, expect, it } from 'vitest';
import { splitIssue } from './importIssues.ts';

describe('splitIssue', () => {
  it('reads the line, the code and the detail of a warning', () => {
    expect(splitIssue('12: ambiguous_date: "03/04/2026" read as day/month (vi-VN)')).toEqual({
      line: '12', code: 'ambiguous_date', detail: '"03/04/2026" read as day/month (vi-VN)',
    });
    expect(splitIssue('7: name_only_customer: the file has no email or phone')).toMatchObject({ line: '7', code: 'name_only_customer' });
  });

  it('reads the code of a rejection reason', () => {
    expect(splitIssue('bad_date: creation date "hôm qua" is not a date')).toEqual({ line: null, code: 'bad_date', detail: 'creation date "hôm qua" is not a date' });
  });

  it('keeps text without a code as it is', () => {
    expect(splitIssue('Something odd happened')).toEqual({ line: null, code: null, detail: 'Something odd happened' });
    expect(splitIssue('3: Something odd')).toEqual({ line: '3', code: null, detail: 'Something odd' });
  });
});
