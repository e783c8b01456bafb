import { describe, expect, it } from 'vitest';
import { CsvError, CsvParser, detectDelimiter, readCsvRows, type CsvReadOptions, type CsvRow } from './parse.ts';

async function* chunked(data: string | Buffer, size = Infinity): AsyncGenerator<Buffer> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const step = Math.min(size, Math.max(1, bytes.length));
  for (let i = 0; i < bytes.length; i += step) yield bytes.subarray(i, i + step);
}

async function rows(data: string | Buffer, opts: CsvReadOptions = {}, size = Infinity): Promise<CsvRow[]> {
  const out: CsvRow[] = [];
  for await (const row of readCsvRows(chunked(data, size), opts)) out.push(row);
  return out;
}

const cells = async (data: string | Buffer, opts: CsvReadOptions = {}) => (await rows(data, opts)).map((r) => r.cells);

async function csvError(data: string | Buffer, opts: CsvReadOptions = {}, size = Infinity): Promise<CsvError> {
  try {
    await rows(data, opts, size);
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error('expected a CsvError');
}

describe('readCsvRows', () => {
  it('copies out only the columns the caller reads after the header (columnsFor), whatever the chunking', async () => {
    const data = 'a,b,c,d\n1,"x,""y""",3,"q\nr"\n\n5,6,7,8\n';
    let header: string[] = [];
    for (const size of [Infinity, 1, 3, 7]) {
      const got = await rows(data, { columnsFor: (h) => { header = h; return [1, 3]; } }, size);
      expect(header).toEqual(['a', 'b', 'c', 'd']);
      expect(got.map((r) => [r.line, r.cells])).toEqual([
        [1, ['a', 'b', 'c', 'd']],
        [2, ['', 'x,"y"', '', 'q\nr']],
        [5, ['', '6', '', '8']],
      ]);
    }
    // Skipped quoted cells still count their newlines and escaped quotes.
    expect((await rows(data, { columnsFor: () => [2] }, 2)).map((r) => [r.line, r.cells])).toEqual([
      [1, ['a', 'b', 'c', 'd']], [2, ['', '', '3', '']], [5, ['', '', '7', '']],
    ]);
    expect(await cells('a,b\n1,2\n', { columnsFor: () => null })).toEqual([['a', 'b'], ['1', '2']]);
    // A row whose only cell is skipped is still a row, not a blank line.
    expect(await cells('a,b\nonly\n\n', { columnsFor: () => [1] })).toEqual([['a', 'b'], ['']]);
  });
  it('reads plain rows with 1-based line numbers, header included', async () => {
    expect(await rows('a,b\n1,2\n3,4\n')).toEqual([
      { line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1', '2'] }, { line: 3, cells: ['3', '4'] },
    ]);
  });

  it('keeps empty fields, including a trailing one, and reads a last line without a newline', async () => {
    expect(await cells('a,,b,\n,x,,')).toEqual([['a', '', 'b', ''], ['', 'x', '', '']]);
  });

  it('handles quoted delimiters, "" escapes and embedded newlines, counting physical lines', async () => {
    const text = 'name,note\n"Nguyễn, Văn An","Giao giờ hành chính\ngọi ""trước"""\nnext,row\n';
    expect(await rows(text)).toEqual([
      { line: 1, cells: ['name', 'note'] },
      { line: 2, cells: ['Nguyễn, Văn An', 'Giao giờ hành chính\ngọi "trước"'] },
      { line: 4, cells: ['next', 'row'] },
    ]);
  });

  it('accepts CRLF and LF in the same file, and CRLF inside a quoted field is kept', async () => {
    expect(await cells('a,b\r\n1,"x\r\ny"\r\n2,z\n')).toEqual([['a', 'b'], ['1', 'x\r\ny'], ['2', 'z']]);
  });

  it('skips blank lines but still counts them', async () => {
    expect(await rows('a\n\n\r\nb\n\n')).toEqual([{ line: 1, cells: ['a'] }, { line: 4, cells: ['b'] }]);
  });

  it('strips a UTF-8 BOM from bytes and from string chunks', async () => {
    expect(await cells(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Name,Total\n#1,2\n')]))).toEqual([['Name', 'Total'], ['#1', '2']]);
    const fromStrings: string[][] = [];
    for await (const r of readCsvRows((async function* () { yield '\uFEFFName;Total\n'; yield '#1;2\n'; })())) fromStrings.push(r.cells);
    expect(fromStrings).toEqual([['Name', 'Total'], ['#1', '2']]);
  });

  it('detects ; and tab from the header line, and honours an explicit delimiter', async () => {
    expect(await cells('Name;Total;Note\n#1;150.000,00;"a;b"\n')).toEqual([['Name', 'Total', 'Note'], ['#1', '150.000,00', 'a;b']]);
    expect(await cells('Name\tTotal\n#1\t2\n')).toEqual([['Name', 'Total'], ['#1', '2']]);
    expect(await cells('a;b,c\n1;2,3\n', { delimiter: ',' })).toEqual([['a;b', 'c'], ['1;2', '3']]);
  });

  it("honours Excel's sep= line", async () => {
    expect(await rows('sep=;\nName;Total\n#1;2\n')).toEqual([{ line: 2, cells: ['Name', 'Total'] }, { line: 3, cells: ['#1', '2'] }]);
  });

  it('is lenient with stray quotes: text after a closing quote is kept, a quote inside a bare field is literal', async () => {
    expect(await cells('a,b\n"x"y,z"w\n')).toEqual([['a', 'b'], ['xy', 'z"w']]);
  });

  it('gives the same rows however the bytes are split, including inside multi-byte characters, CRLF and ""', async () => {
    const text = '\uFEFFName;Ghi chú\r\n"#1";"Trần ""Thị""\r\nBích Ngọc"\r\n#2;Đà Nẵng\r\n"#3";""\r\n';
    const expected = await rows(text);
    expect(expected.map((r) => r.cells)).toEqual([['Name', 'Ghi chú'], ['#1', 'Trần "Thị"\r\nBích Ngọc'], ['#2', 'Đà Nẵng'], ['#3', '']]);
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      async function* split(): AsyncGenerator<Buffer> { yield bytes.subarray(0, cut); yield bytes.subarray(cut); }
      const got: CsvRow[] = [];
      for await (const r of readCsvRows(split())) got.push(r);
      expect(got, `cut at ${cut}`).toEqual(expected);
    }
    expect(await rows(text, {}, 1)).toEqual(expected);
  });

  it('decodes large chunks in slices without breaking characters at the slice edges', async () => {
    const text = `Name,Ghi chú\n${Array.from({ length: 6000 }, (_, i) => `#${i},"Đặng Thị Ánh, ${'ở'.repeat(i % 7)}"`).join('\n')}\n`;
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.length).toBeGreaterThan(3 * 64 * 1024);
    async function* whole(): AsyncGenerator<Buffer> { yield bytes; }
    const got: CsvRow[] = [];
    for await (const r of readCsvRows(whole())) got.push(r);
    expect(got).toEqual(await rows(text, {}, 1000));
    expect(got).toHaveLength(6001);
    const broken = Buffer.from(bytes);
    broken[150_001] = 0xff;
    async function* bad(): AsyncGenerator<Buffer> { yield broken; }
    try {
      for await (const _ of readCsvRows(bad())) void _;
      throw new Error('expected invalid_encoding');
    } catch (e) {
      expect(e).toBeInstanceOf(CsvError);
      expect((e as CsvError).byteOffset).toBe(150_001);
    }
  });

  it('counts consumed bytes and emitted rows', async () => {
    const stats = { bytes: 0, rows: 0 };
    await rows('a,b\n1,2\n3,4\n', { stats }, 3);
    expect(stats).toEqual({ bytes: 12, rows: 3 });
  });

  it('rejects invalid UTF-8 with the byte offset (Windows-1258 / Latin-1 files)', async () => {
    const bytes = Buffer.concat([Buffer.from('Name,City\n#1,'), Buffer.from([0x48, 0xe0, 0x20, 0x4e, 0xe9, 0x69]), Buffer.from('\n')]);
    const err = await csvError(bytes);
    expect(err.code).toBe('invalid_encoding');
    expect(err.byteOffset).toBe(14);
    expect(err.message).toMatch(/CSV UTF-8/);
    expect((await csvError(bytes, {}, 4)).byteOffset).toBe(14);
  });

  it('rejects a file cut inside a multi-byte character, and names UTF-16', async () => {
    expect((await csvError(Buffer.from([0x61, 0x0a, 0xe1, 0xbb]))).code).toBe('invalid_encoding');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name,Total\n', 'utf16le')]);
    expect((await csvError(utf16)).message).toMatch(/UTF-16/);
  });

  it('caps columns per row (default 1000)', async () => {
    const wide = `${Array.from({ length: 1001 }, (_, i) => `c${i}`).join(',')}\n`;
    const err = await csvError(wide);
    expect(err.code).toBe('too_many_columns');
    expect(err.line).toBe(1);
    expect(await cells(`${Array.from({ length: 1000 }, () => 'x').join(',')}\n`)).toHaveLength(1);
    expect((await csvError('a,b\n1,2,3,4\n', { maxColumns: 3 })).line).toBe(2);
  });

  it('caps row size, so an unclosed quote cannot swallow the file', async () => {
    const big = `a,b\n1,"${'x'.repeat(5000)}\n2,3\n`;
    const err = await csvError(big, { maxRowBytes: 1000 }, 512);
    expect(err.code).toBe('row_too_large');
    expect(err.line).toBe(2);
    expect((await csvError(`a\n${'é'.repeat(600)}\n`, { maxRowBytes: 1000 })).code).toBe('row_too_large');
    expect(await cells(`a\n${'x'.repeat(900)}\n`, { maxRowBytes: 1000 })).toHaveLength(2);
  });

  it('reports a quote still open at the end of the file', async () => {
    const err = await csvError('a,b\n1,"never closed\n2,3\n');
    expect(err.code).toBe('unterminated_quote');
    expect(err.line).toBe(2);
  });
});

describe('CsvParser', () => {
  it('returns the rows each push completes and keeps the rest', () => {
    const p = new CsvParser();
    expect(p.push('a,b\n1,')).toEqual([{ line: 1, cells: ['a', 'b'] }]);
    expect(p.push('2\n3')).toEqual([{ line: 2, cells: ['1', '2'] }]);
    expect(p.end()).toEqual([{ line: 3, cells: ['3'] }]);
    expect(p.delimiter).toBe(',');
  });
});

describe('detectDelimiter', () => {
  it('picks the most frequent of , ; tab outside quotes, comma on ties', () => {
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a;b;"c,d,e"')).toBe(';');
    expect(detectDelimiter('a\tb\tc,d')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
    expect(detectDelimiter('a,b;c')).toBe(',');
  });
});
