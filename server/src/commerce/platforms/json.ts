/**
 * JSON.parse that keeps integers beyond 2^53 exact (§0.1 item 5). Shopify ids are int64
 * (`5123456789012345678`), and `JSON.parse` would silently round them to a different order. Node 20 has no
 * `JSON.parse` source access, and a regex pre-pass cannot tell a number from digits inside a string, so this is a
 * small strict RFC 8259 parser. Integer literals that are not safe integers come back as their exact decimal
 * string; every other value is exactly what `JSON.parse` gives. No dependency (lossless-json and json-bigint exist
 * on npm, but neither is installed and this is all we need).
 */

const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parseJsonLossless(source: string): unknown {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`JSON: ${what} at position ${i}`);
  };
  const ws = (): void => {
    for (;;) {
      const c = source.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };

  const string = (): string => {
    i++; // opening quote
    let out = '';
    let start = i;
    for (;;) {
      if (i >= source.length) fail('unterminated string');
      const c = source.charCodeAt(i);
      if (c === 0x22) {
        out += source.slice(start, i++);
        return out;
      }
      if (c === 0x5c) {
        out += source.slice(start, i);
        const e = source[i + 1] ?? '';
        if (e === 'u') {
          const hex = source.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const ch = ESCAPES[e];
          if (ch === undefined) fail('bad escape');
          out += ch;
          i += 2;
        }
        start = i;
        continue;
      }
      if (c < 0x20) fail('control character in string');
      i++;
    }
  };

  const number = (): number | string => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(source);
    if (!m) return fail('unexpected token');
    const literal = m[0];
    i += literal.length;
    const n = Number(literal);
    const isInteger = m[1] === undefined && m[2] === undefined;
    return isInteger && !Number.isSafeInteger(n) ? literal : n;
  };

  const value = (depth: number): unknown => {
    ws();
    switch (source[i]) {
      case '{': return object(depth + 1);
      case '[': return array(depth + 1);
      case '"': return string();
      case 't': return word('true', true);
      case 'f': return word('false', false);
      case 'n': return word('null', null);
      default: return number();
    }
  };

  const word = <T>(w: string, v: T): T => {
    if (!source.startsWith(w, i)) fail('unexpected token');
    i += w.length;
    return v;
  };

  const object = (depth: number): Record<string, unknown> => {
    if (depth > MAX_DEPTH) fail('nested too deeply');
    i++;
    const out: Record<string, unknown> = {};
    ws();
    if (source[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      ws();
      if (source[i] !== '"') fail('expected a key');
      const key = string();
      ws();
      if (source[i] !== ':') fail("expected ':'");
      i++;
      const v = value(depth);
      // Plain assignment of "__proto__" would replace the prototype; JSON.parse makes an own property.
      if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      else out[key] = v;
      ws();
      const c = source[i++];
      if (c === '}') return out;
      if (c !== ',') fail("expected ',' or '}'");
    }
  };

  const array = (depth: number): unknown[] => {
    if (depth > MAX_DEPTH) fail('nested too deeply');
    i++;
    const out: unknown[] = [];
    ws();
    if (source[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      out.push(value(depth));
      ws();
      const c = source[i++];
      if (c === ']') return out;
      if (c !== ',') fail("expected ',' or ']'");
    }
  };

  const result = value(0);
  ws();
  if (i !== source.length) fail('unexpected data after the value');
  return result;
}
