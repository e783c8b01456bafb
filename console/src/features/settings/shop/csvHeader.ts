import { csvMappingFields } from '@careloop/contracts';

export type MappingField = (typeof csvMappingFields)[number];
export type Mapping = Partial<Record<MappingField, string>>;

/** Bytes read from the chosen file to find its header line; the rest never leaves the disk before upload. */
const headerProbeBytes = 64 * 1024;

function delimiterOf(line: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]! += 1;
  }
  const [best, count] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return count > 0 ? best : ',';
}

/**
 * The column names of a CSV text: its first record, with a UTF-8 BOM dropped, quoted fields (commas,
 * doubled quotes, line breaks inside), and `,` `;` or tab as the delimiter. Empty and repeated names are skipped.
 */
export function parseCsvHeader(text: string): string[] {
  const body = text.replace(/^\uFEFF/, '');
  let quoted = false;
  let end = body.length;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      end = i;
      break;
    }
  }
  const line = body.slice(0, end);
  const delimiter = delimiterOf(line);
  const fields: string[] = [];
  let field = '';
  quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (line[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field.trim());
      field = '';
    } else field += ch;
  }
  fields.push(field.trim());
  return [...new Set(fields.filter(Boolean))];
}

export async function readCsvHeader(file: Blob): Promise<string[]> {
  return parseCsvHeader(await file.slice(0, headerProbeBytes).text());
}

/** Common column names (English and Vietnamese exports) for each CareLoop field, compared lower-case. */
const aliases: Record<MappingField, string[]> = {
  orderRef: ['order', 'order id', 'order number', 'order #', 'order no', 'mã đơn', 'mã đơn hàng', 'số đơn', 'số đơn hàng'],
  createdAt: ['created at', 'created', 'date', 'order date', 'ngày', 'ngày đặt', 'ngày tạo', 'thời gian'],
  status: ['status', 'order status', 'trạng thái'],
  total: ['total', 'order total', 'grand total', 'tổng', 'tổng tiền', 'tổng cộng', 'thành tiền'],
  currency: ['currency', 'tiền tệ'],
  email: ['email', 'e-mail', 'customer email'],
  phone: ['phone', 'phone number', 'telephone', 'số điện thoại', 'điện thoại', 'sđt', 'sdt'],
  name: ['customer', 'customer name', 'name', 'full name', 'họ tên', 'họ và tên', 'khách hàng', 'tên khách hàng'],
  lineName: ['product', 'product name', 'item', 'item name', 'sản phẩm', 'tên sản phẩm'],
  lineQuantity: ['quantity', 'qty', 'số lượng', 'sl'],
  linePrice: ['price', 'item price', 'unit price', 'đơn giá', 'giá'],
  lineSku: ['sku', 'mã sp', 'mã sản phẩm'],
  trackingNumber: ['tracking', 'tracking number', 'tracking code', 'mã vận đơn'],
  carrier: ['carrier', 'shipping carrier', 'đơn vị vận chuyển', 'hãng vận chuyển'],
  province: ['province', 'state', 'tỉnh', 'tỉnh/thành', 'tỉnh/thành phố', 'tỉnh thành'],
  district: ['district', 'quận', 'huyện', 'quận/huyện'],
  ward: ['ward', 'phường', 'xã', 'phường/xã'],
  address: ['address', 'address1', 'shipping address', 'địa chỉ', 'địa chỉ giao hàng'],
};

/** A first guess at the mapping from the header names; each header is used at most once. */
export function guessMapping(headers: readonly string[]): Mapping {
  const mapping: Mapping = {};
  const used = new Set<string>();
  for (const field of csvMappingFields) {
    const header = headers.find((h) => !used.has(h) && aliases[field].includes(h.normalize('NFC').trim().toLowerCase()));
    if (header) {
      mapping[field] = header;
      used.add(header);
    }
  }
  return mapping;
}

/** The mapping to send: only fields mapped to a header that the file has. */
export function cleanMapping(mapping: Mapping, headers: readonly string[]): Mapping {
  return Object.fromEntries(Object.entries(mapping).filter(([, h]) => h && headers.includes(h))) as Mapping;
}

/** What the server will refuse in a generic mapping, as a `shop.imports.mapping.*` key; null when it is complete. */
export function mappingProblem(mapping: Mapping): 'needsRef' | 'needsDate' | 'needsTotal' | null {
  if (!mapping.orderRef) return 'needsRef';
  if (!mapping.createdAt) return 'needsDate';
  if (!mapping.total && !mapping.linePrice) return 'needsTotal';
  return null;
}
