/**
 * Streaming RFC 4180 CSV reader for order imports (shared/specs/channels.md §8). Bytes in, rows out,
 * constant memory: only the current, unfinished row is carried between chunks.
 *
 * Speed comes from scanning decoded string chunks with indexOf and slicing whole fields, never from
 * per-character concatenation; positions of the next delimiter and newline are cached so a row is
 * scanned about once. Anything that makes the file unreadable as a whole (not UTF-8, a runaway quote,
 * absurd rows) is a `CsvError`; deciding what a bad *value* means is left to the importer.
 */
export type CsvErrorCode =
  | 'invalid_encoding' | 'too_many_columns' | 'row_too_large' | 'unterminated_quote'
  | 'empty_file' | 'missing_column' | 'bad_mapping' | 'unknown_format' | 'bad_option';

export class CsvError extends Error {
  override readonly name = 'CsvError';
  constructor(readonly code: CsvErrorCode, message: string, readonly line: number | null = null, readonly byteOffset: number | null = null) {
    super(message);
  }
}

export interface CsvRow {
  /** 1-based physical line where the row starts (a quoted newline makes a row span several lines). */
  line: number;
  cells: string[];
}

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvReadOptions {
  /** Skip detection. By default it is chosen from the header line (`,` `;` or tab, most frequent wins). */
  delimiter?: CsvDelimiter;
  /** Per-row cap in UTF-8 bytes (default 1 MB): a stray quote must not swallow the whole file. */
  maxRowBytes?: number;
  maxColumns?: number;
  /** Updated as input is consumed (bytes read, rows emitted) so a caller can report progress. */
  stats?: { bytes: number; rows: number };
  /**
   * Called with the header row (the first row) before any data row is read; returns the column
   * indices the caller will read, or null for all. Other cells of data rows come back as '' without
   * being copied out of the input: an order export has ~80 columns and the importer reads ~25, so
   * this saves most of the allocations (and garbage collection) of a large import.
   */
  columnsFor?: (header: string[]) => readonly number[] | null;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const decodeSlice = 64 * 1024;
/** Sentinel for "not found" that compares greater than any position. */
const NONE = Number.MAX_SAFE_INTEGER;

/**
 * The synchronous core: feed decoded text with `push`, finish with `end`. Each call returns the rows it
 * completed. Exposed so the importer can work a chunk's rows in one synchronous loop.
 */
export class CsvParser {
  private buf = '';
  private line = 1;
  private delim: string | null;
  private started = false;
  private readonly maxRowBytes: number;
  private readonly maxColumns: number;
  private readonly columnsFor: CsvReadOptions['columnsFor'];
  private headerRead = false;
  /** 1 where a data row's cell is read; null reads every cell. */
  private keep: Uint8Array | null = null;

  constructor(opts: CsvReadOptions = {}) {
    this.delim = opts.delimiter ?? null;
    this.columnsFor = opts.columnsFor;
    this.maxRowBytes = opts.maxRowBytes ?? 1024 * 1024;
    this.maxColumns = opts.maxColumns ?? 1000;
  }

  get delimiter(): CsvDelimiter | null {
    return this.delim as CsvDelimiter | null;
  }

  push(text: string): CsvRow[] {
    this.buf = this.buf.length === 0 ? text : this.buf + text;
    return this.drain(false);
  }

  end(): CsvRow[] {
    return this.drain(true);
  }

  private drain(final: boolean): CsvRow[] {
    const out: CsvRow[] = [];
    if (!this.started) {
      if (this.buf.charCodeAt(0) === 0xfeff) this.buf = this.buf.slice(1);
      if (!this.startFile(final)) return out;
    }
    const buf = this.buf;
    const len = buf.length;
    const d = this.delim!;
    const maxCols = this.maxColumns;
    let pos = 0;
    let line = this.line;
    let nl = -1; // first '\n' at or after some earlier position; refreshed only when it falls behind pos
    let nd = -1; // same for the delimiter
    let consumed = 0; // end of the last complete row
    const dc = d.charCodeAt(0);
    let keep = this.keep;
    rows: while (pos < len) {
      const rowStart = pos;
      const rowLine = line;
      const cells: string[] = [];
      for (;;) {
        if (cells.length > maxCols) throw tooManyColumns(rowLine, maxCols);
        if (buf.charCodeAt(pos) === QUOTE) {
          let q = pos + 1;
          let escaped = false;
          for (;;) {
            q = buf.indexOf('"', q);
            if (q === -1) {
              if (final) throw new CsvError('unterminated_quote', `A quoted field opened at line ${line} is never closed`, rowLine);
              break rows;
            }
            if (q + 1 >= len && !final) break rows; // can't tell `"` from `""` yet
            if (buf.charCodeAt(q + 1) !== QUOTE) break;
            escaped = true;
            q += 2;
          }
          const skip = keep !== null && keep[cells.length] !== 1;
          let value = skip ? '' : buf.slice(pos + 1, q);
          if (escaped && !skip) value = value.replaceAll('""', '"');
          if (nl < pos) nl = indexOr(buf, '\n', pos);
          while (nl < q) {
            line++;
            nl = indexOr(buf, '\n', nl + 1);
          }
          pos = q + 1;
          let c = buf.charCodeAt(pos);
          const fieldEnd = c === dc || c === LF || pos >= len || (c === CR && (pos + 1 >= len || buf.charCodeAt(pos + 1) === LF));
          if (!fieldEnd) {
            // Lenient: text after a closing quote (`"a"b`) is kept, up to the next delimiter or newline.
            if (nd < pos) nd = indexOr(buf, d, pos);
            if (nl < pos) nl = indexOr(buf, '\n', pos);
            const stop = Math.min(nd, nl, len);
            if (stop === len && !final) break rows;
            if (!skip) value += buf.slice(pos, stop > pos && stop === nl && buf.charCodeAt(stop - 1) === CR ? stop - 1 : stop);
            pos = stop;
            c = buf.charCodeAt(pos);
          }
          cells.push(value);
          if (c === dc) { pos++; continue; }
          if (pos >= len || (c === CR && pos + 1 >= len)) {
            if (!final) break rows;
            pos = len;
            break;
          }
          pos += c === CR ? 2 : 1;
          line++;
          break;
        }
        if (nl < pos) nl = indexOr(buf, '\n', pos);
        if (nl === NONE && !final) break rows;
        if (nd < pos) nd = indexOr(buf, d, pos);
        if (nd < nl && nd < len) {
          cells.push(keep !== null && keep[cells.length] !== 1 ? '' : buf.slice(pos, nd));
          pos = nd + 1;
          continue;
        }
        const stop = Math.min(nl, len);
        cells.push(keep !== null && keep[cells.length] !== 1 ? '' : buf.slice(pos, stop > pos && buf.charCodeAt(stop - 1) === CR ? stop - 1 : stop));
        pos = stop + 1;
        line++;
        break;
      }
      if (pos - rowStart > this.maxRowBytes / 3) this.checkRowSize(buf.slice(rowStart, pos), rowLine);
      if (cells.length > maxCols) throw tooManyColumns(rowLine, maxCols);
      this.line = line;
      consumed = pos;
      if (cells.length === 1 && cells[0] === '' && (keep === null || keep[0] === 1 || pos - rowStart <= 2)) continue; // blank line
      out.push({ line: rowLine, cells });
      if (!this.headerRead) {
        this.headerRead = true;
        keep = this.keep = maskOf(this.columnsFor?.(cells) ?? null);
      }
    }
    // Keep the unfinished row (if any) for the next chunk.
    const rest = consumed >= len ? '' : buf.slice(consumed);
    this.buf = rest;
    if (rest.length > this.maxRowBytes / 3) this.checkRowSize(rest, this.line);
    return out;
  }

  private checkRowSize(text: string, line: number): void {
    if (Buffer.byteLength(text, 'utf8') > this.maxRowBytes) {
      throw new CsvError('row_too_large', `Row at line ${line} is larger than ${Math.round(this.maxRowBytes / 1024)} KB; is a quote missing?`, line);
    }
  }

  /**
   * Before the first row: honour Excel's `sep=;` line and detect the delimiter from the header line.
   * Returns false while the header line is still incomplete.
   */
  private startFile(final: boolean): boolean {
    const buf = this.buf;
    const end = headerEnd(buf);
    if (end === -1 && !final) {
      if (buf.length > this.maxRowBytes / 3) this.checkRowSize(buf, 1);
      return false;
    }
    const first = buf.slice(0, end === -1 ? buf.length : end).replace(/\r$/, '');
    const sep = /^sep=(.)$/i.exec(first);
    if (sep) {
      this.delim ??= sep[1]!;
      this.buf = end === -1 ? '' : buf.slice(end + 1);
      this.line = 2;
    } else if (this.delim === null) {
      this.delim = detectDelimiter(first);
    }
    this.started = true;
    return true;
  }
}

function maskOf(columns: readonly number[] | null): Uint8Array | null {
  if (columns === null) return null;
  const mask = new Uint8Array(Math.max(0, ...columns) + 1);
  for (const i of columns) if (i >= 0) mask[i] = 1;
  return mask;
}

const tooManyColumns = (line: number, max: number) =>
  new CsvError('too_many_columns', `Row at line ${line} has more than ${max} columns; is the delimiter right?`, line);

function indexOr(buf: string, search: string, from: number): number {
  const i = buf.indexOf(search, from);
  return i === -1 ? NONE : i;
}

/** Index of the newline ending the first record, ignoring newlines inside quotes; -1 if not seen yet. */
function headerEnd(buf: string): number {
  let inQuotes = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (c === LF && !inQuotes) return i;
  }
  return -1;
}

/** The most frequent of `,` `;` tab outside quotes; ties and no candidates fall back to a comma. */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  let best: CsvDelimiter = ',';
  for (const d of [';', '\t'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

/**
 * Decode UTF-8 strictly and parse, yielding the rows completed by each input chunk as one batch.
 * The importer uses batches so a chunk's rows are handled without an await per row.
 */
export async function* readCsvBatches(input: AsyncIterable<Buffer | Uint8Array | string>, opts: CsvReadOptions = {}): AsyncGenerator<CsvRow[]> {
  const parser = new CsvParser(opts);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stats = opts.stats ?? { bytes: 0, rows: 0 };
  let lastLine = 1;
  const decode = (chunk: Uint8Array | undefined, offset: number): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      const at = chunk ? offset + firstInvalidUtf8(chunk) : offset;
      const hint = offset === 0 && chunk?.[0] === 0xff && chunk[1] === 0xfe ? ' It looks like UTF-16 ("Unicode Text");'
        : offset === 0 && chunk?.[0] === 0x50 && chunk[1] === 0x4b ? ' It looks like an Excel workbook (.xlsx), not a CSV;' : '';
      throw new CsvError('invalid_encoding', `The file is not valid UTF-8 near byte ${at} (after line ${lastLine}).${hint} save it as "CSV UTF-8" and try again.`, lastLine, at);
    }
  };
  for await (const chunk of input) {
    let rows: CsvRow[];
    if (typeof chunk === 'string') {
      stats.bytes += Buffer.byteLength(chunk, 'utf8');
      rows = parser.push(chunk);
    } else {
      // Decoding in slices of at most 64 KB measured faster than decoding large chunks whole.
      rows = [];
      for (let at = 0; at < chunk.byteLength; at += decodeSlice) {
        const slice = chunk.subarray(at, at + decodeSlice);
        const offset = stats.bytes;
        stats.bytes += slice.byteLength;
        const part = parser.push(decode(slice, offset));
        rows = rows.length === 0 ? part : rows.concat(part);
      }
    }
    if (rows.length > 0) {
      stats.rows += rows.length;
      lastLine = rows[rows.length - 1]!.line;
      yield rows;
    }
  }
  const tail = decode(undefined, stats.bytes);
  const rows = tail ? [...parser.push(tail), ...parser.end()] : parser.end();
  if (rows.length > 0) {
    stats.rows += rows.length;
    yield rows;
  }
}

/** Rows one by one: `{ line, cells }`, header row included (it is just the first row). */
export async function* readCsvRows(input: AsyncIterable<Buffer | Uint8Array | string>, opts: CsvReadOptions = {}): AsyncGenerator<CsvRow> {
  for await (const batch of readCsvBatches(input, opts)) yield* batch;
}

/**
 * Offset of the first byte that can't start or continue a valid UTF-8 sequence, for the error
 * message. Leading continuation bytes may finish a sequence begun in the previous chunk.
 */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < 3 && i < b.length && (b[i]! & 0xc0) === 0x80) i++;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return b.length;
}
