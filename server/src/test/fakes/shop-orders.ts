/**
 * Deterministic fake orders in each platform's own REST shape (channels.md §7.3, §9 "Shops"), for the fake
 * shop APIs and for normalizer/webhook tests. Same (i, seed) → same order.
 *
 * Realism that matters to the code under test: Vietnamese names (every 4th one in NFD, as some shops send
 * decomposed text), VND amounts (Shopify/Sapo/Woo as decimal strings, Haravan as JSON numbers),
 * `+07:00` timestamps, COD orders left `pending`, fulfillments with Vietnamese carriers and tracking
 * numbers, and int64 ids. Int64 fields are `bigint` here (every 5th order's ids are above 2^53) so the
 * exact value is known; serialize with `toWireJson`, which writes them as bare JSON numbers.
 */

/** mulberry32: tiny, seedable, good enough for fixtures. */
function rng(i: number, seed: number) {
  let a = (Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Thu', 'Quốc', 'Thanh', 'Đức', 'Hồng'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Hà', 'Hương', 'Khánh', 'Linh', 'Mai', 'Nam', 'Phương', 'Quân', 'Thảo', 'Trang', 'Tuấn', 'Vy', 'Yến', 'Đạt'];
const PLACES = [
  { province: 'Hồ Chí Minh', province_code: 'HC', district: 'Quận 1', district_code: 'HC464', ward: 'Phường Bến Nghé', ward_code: '26740', street: '12 Lê Lợi' },
  { province: 'Hồ Chí Minh', province_code: 'HC', district: 'Quận 11', district_code: 'HC476', ward: 'Phường 15', ward_code: '27208', street: '182 Lê Đại Hành' },
  { province: 'Hà Nội', province_code: 'HI', district: 'Quận Ba Đình', district_code: 'HI1', ward: 'Phường Điện Biên', ward_code: '00040', street: '25 Điện Biên Phủ' },
  { province: 'Đà Nẵng', province_code: 'DN', district: 'Quận Hải Châu', district_code: 'DN490', ward: 'Phường Thạch Thang', ward_code: '20194', street: '8 Bạch Đằng' },
  { province: 'Cần Thơ', province_code: 'CT', district: 'Quận Ninh Kiều', district_code: 'CT916', ward: 'Phường Tân An', ward_code: '31153', street: '40 Hai Bà Trưng' },
] as const;
const PRODUCTS = [
  { title: 'Áo thun cotton', variant: 'Trắng / L', sku: 'AT-001', price: 150_000 },
  { title: 'Quần jean nữ', variant: 'Xanh / 28', sku: 'QJ-014', price: 259_000 },
  { title: 'Nón lá Huế', variant: 'Mặc định', sku: 'NL-002', price: 85_000 },
  { title: 'Cà phê Buôn Ma Thuột 500g', variant: 'Rang xay', sku: 'CF-500', price: 180_000 },
  { title: 'Nước mắm Phú Quốc 500ml', variant: 'Chai thủy tinh', sku: 'NM-500', price: 95_000 },
  { title: 'Túi vải canvas', variant: 'Be', sku: 'TV-003', price: 120_000 },
] as const;
const CARRIERS = [
  { name: 'Giao Hàng Nhanh', prefix: 'GHN', url: 'https://donhang.ghn.vn/?order_code=' },
  { name: 'Giao Hàng Tiết Kiệm', prefix: 'S1234567.SG01.', url: 'https://i.ghtk.vn/' },
  { name: 'Viettel Post', prefix: 'VTP', url: 'https://viettelpost.com.vn/tra-cuu-hanh-trinh-don/?code=' },
  { name: 'J&T Express', prefix: '8', url: 'https://jtexpress.vn/vi/tracking?type=track&billcode=' },
] as const;
const COD = 'Thanh toán khi giao hàng (COD)';
const SHIPPING_FEE = 30_000;
const TWO_53 = 2n ** 53n;
const HOUR = 3_600_000;
/** Order i is placed i hours after this instant (2024-03-01 08:00 in Vietnam). */
const EPOCH = Date.UTC(2024, 2, 1, 1, 0, 0);

/** `2024-03-01T08:00:00+07:00` for an instant, as Shopify/Haravan/Sapo write times for a Vietnamese shop. */
export function vnTime(ms: number): string {
  return `${new Date(ms + 7 * HOUR).toISOString().slice(0, 19)}+07:00`;
}
/** The instant fake order `i` was placed. */
export const fakeOrderCreatedAt = (i: number) => new Date(EPOCH + i * HOUR);

/** JSON.stringify that writes bigint values as bare integer literals, the way the platforms send int64 ids. */
export function toWireJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `\u0000bigint:${v}` : v)).replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}

/** The shared Shopify-family facts of order i: people, lines, statuses, ids. */
function basics(i: number, seed: number, idBase: bigint) {
  const r = rng(i, seed);
  const nfd = i % 4 === 3;
  const text = (s: string) => (nfd ? s.normalize('NFD') : s.normalize('NFC'));
  const first = text(`${r.pick(MIDDLE)} ${r.pick(GIVEN)}`);
  const last = text(r.pick(FAMILY));
  const place = r.pick(PLACES);
  const mobile = `9${String(r.int(10_000_000, 99_999_999))}`;
  // Every 5th order gets ids beyond 2^53, where a plain JSON.parse would round them.
  const big = i % 5 === 4;
  const id = (k: number) => (big ? TWO_53 + 1n : idBase) + BigInt(i) * 1_000n + BigInt(k);
  const lines = Array.from({ length: r.int(1, 3) }, (_, k) => ({ product: r.pick(PRODUCTS), qty: r.int(1, 3), k }));
  const subtotal = lines.reduce((s, l) => s + l.product.price * l.qty, 0);
  const discount = r.next() < 0.25 ? 20_000 : 0;
  const total = subtotal - discount + SHIPPING_FEE;
  const roll = r.next();
  const cod = roll < 0.45;
  // Fixed slots guarantee every small fixture set has a cancelled and a refunded order.
  const cancelled = i % 11 === 6 || roll > 0.95;
  const refunded = !cancelled && (i % 13 === 9 || roll > 0.9);
  const financial = cancelled ? 'voided' : refunded ? 'refunded' : cod ? 'pending' : 'paid';
  const fulfilled = !cancelled && (refunded || r.next() < 0.6);
  const carrier = r.pick(CARRIERS);
  const tracking = `${carrier.prefix}${String(r.int(100_000_000, 999_999_999))}`;
  const created = EPOCH + i * HOUR;
  return { r, first, last, place, mobile, id, lines, subtotal, discount, total, cod, cancelled, financial, fulfilled, carrier, tracking, created, email: `khach${i}.${seed}@gmail.com` };
}

type Money = (vnd: number) => string | number;

function shopifyFamilyOrder(i: number, seed: number, idBase: bigint, money: Money, haravan: boolean) {
  const b = basics(i, seed, idBase);
  const name = `${b.last} ${b.first}`;
  const phone = haravan ? `0${b.mobile}` : `+84${b.mobile}`;
  const address = {
    first_name: b.first, last_name: b.last, name, phone, address1: b.place.street, address2: null, city: b.place.province,
    province: b.place.province, country: 'Vietnam', country_code: 'VN', zip: null, company: null,
    ...(haravan ? { district: b.place.district, district_code: b.place.district_code, ward: b.place.ward, ward_code: b.place.ward_code, province_code: b.place.province_code } : {}),
  };
  const line_items = b.lines.map((l) => ({
    id: b.id(10 + l.k), product_id: b.id(100 + l.k), variant_id: b.id(200 + l.k), sku: l.product.sku, title: l.product.title,
    name: `${l.product.title} - ${l.product.variant}`, variant_title: l.product.variant, vendor: 'CareLoop Demo', quantity: l.qty,
    price: money(l.product.price), requires_shipping: true, fulfillment_status: b.fulfilled ? 'fulfilled' : null,
  }));
  const updated = b.created + (b.fulfilled ? 30 * HOUR : HOUR);
  return {
    id: b.id(0), name: `#${1001 + i}`, order_number: 1001 + i, number: 1 + i, email: b.email, phone,
    created_at: vnTime(b.created), updated_at: vnTime(updated), processed_at: vnTime(b.created),
    closed_at: b.fulfilled && !b.cod ? vnTime(updated) : null,
    cancelled_at: b.cancelled ? vnTime(b.created + 2 * HOUR) : null, cancel_reason: b.cancelled ? 'customer' : null,
    currency: 'VND', presentment_currency: 'VND',
    total_price: money(b.total), subtotal_price: money(b.subtotal - b.discount), total_discounts: money(b.discount),
    total_line_items_price: money(b.subtotal), total_tax: money(0), taxes_included: false,
    financial_status: b.financial, fulfillment_status: b.fulfilled ? 'fulfilled' : null,
    gateway: b.cod ? COD : 'Chuyển khoản ngân hàng', payment_gateway_names: [b.cod ? COD : 'Chuyển khoản ngân hàng'],
    note: b.r.next() < 0.3 ? 'Giao giờ hành chính, gọi trước khi giao' : null, tags: b.cod ? 'COD' : '',
    customer: { id: b.id(900), email: b.email, phone, first_name: b.first, last_name: b.last, orders_count: 1 + (i % 3) },
    billing_address: address, shipping_address: address, line_items,
    shipping_lines: [{ id: b.id(300), title: 'Giao hàng tiêu chuẩn', code: 'standard', price: money(SHIPPING_FEE) }],
    fulfillments: b.fulfilled
      ? [{ id: b.id(400), order_id: b.id(0), status: 'success', created_at: vnTime(b.created + 20 * HOUR), tracking_company: b.carrier.name,
          tracking_number: b.tracking, tracking_numbers: [b.tracking], tracking_url: `${b.carrier.url}${b.tracking}`,
          tracking_urls: [`${b.carrier.url}${b.tracking}`], line_items: line_items.map((l) => ({ ...l })) }]
      : [],
    refunds: [],
  };
}

/** A Shopify Admin REST order (money as decimal strings like `"150000.00"`). Sapo answers in the same shape. */
export function fakeShopifyOrder(i: number, seed = 1) {
  return shopifyFamilyOrder(i, seed, 5_610_000_000_000n, (v) => `${v}.00`, false);
}

/** A Haravan order: Shopify-like, money as JSON numbers, district/ward with codes, local `0…` phones. */
export function fakeHaravanOrder(i: number, seed = 1) {
  return shopifyFamilyOrder(i, seed, 1_070_000_000n, (v) => v, true);
}

/** A WooCommerce REST v3 order (`/wc/v3/orders/<id>`): small integer ids, `_gmt` dates without offset. */
export function fakeWooOrder(i: number, seed = 1) {
  const b = basics(i, seed, 0n);
  const gmt = (ms: number) => new Date(ms).toISOString().slice(0, 19);
  const local = (ms: number) => gmt(ms + 7 * HOUR);
  const status = b.cancelled ? 'cancelled' : b.financial === 'refunded' ? 'refunded' : b.fulfilled ? 'completed' : 'processing'; // Woo's COD gateway moves new orders to processing
  const phone = `0${b.mobile}`;
  const person = { first_name: b.first, last_name: b.last, company: '', address_1: b.place.street, address_2: b.place.ward, city: b.place.district, state: b.place.province, postcode: '', country: 'VN' };
  const done = b.created + 30 * HOUR;
  return {
    id: 2000 + i, parent_id: 0, number: String(2000 + i), order_key: `wc_order_${(b.r.next() * 1e12).toFixed(0)}`, created_via: 'checkout',
    status, currency: 'VND', prices_include_tax: false,
    date_created: local(b.created), date_created_gmt: gmt(b.created), date_modified: local(done), date_modified_gmt: gmt(done),
    discount_total: String(b.discount), discount_tax: '0', shipping_total: String(SHIPPING_FEE), shipping_tax: '0', cart_tax: '0',
    total: String(b.total), total_tax: '0', customer_id: i % 3 === 0 ? 0 : 500 + i, customer_note: b.r.next() < 0.3 ? 'Giao giờ hành chính' : '',
    billing: { ...person, email: b.email, phone }, shipping: { ...person, phone },
    payment_method: b.cod ? 'cod' : 'bacs', payment_method_title: b.cod ? 'Trả tiền mặt khi nhận hàng' : 'Chuyển khoản ngân hàng',
    transaction_id: '', date_paid: b.cod && !b.fulfilled ? null : local(b.created), date_paid_gmt: b.cod && !b.fulfilled ? null : gmt(b.created),
    date_completed: b.fulfilled ? local(done) : null, date_completed_gmt: b.fulfilled ? gmt(done) : null,
    line_items: b.lines.map((l) => ({
      id: 9000 + i * 10 + l.k, name: l.product.title, product_id: 300 + PRODUCTS.indexOf(l.product), variation_id: 0, quantity: l.qty,
      tax_class: '', subtotal: String(l.product.price * l.qty), subtotal_tax: '0', total: String(l.product.price * l.qty), total_tax: '0',
      taxes: [], meta_data: [], sku: l.product.sku, price: l.product.price,
    })),
    shipping_lines: [{ id: 9500 + i, method_title: 'Giao hàng tiêu chuẩn', method_id: 'flat_rate', total: String(SHIPPING_FEE), total_tax: '0' }],
    meta_data: b.fulfilled
      ? [{ id: 7000 + i, key: '_wc_shipment_tracking_items', value: [{ tracking_provider: b.carrier.name, tracking_number: b.tracking, date_shipped: String(Math.floor(done / 1000)) }] }]
      : [],
    refunds: [],
  };
}

export type FakeShopifyOrder = ReturnType<typeof fakeShopifyOrder>;
export type FakeWooOrder = ReturnType<typeof fakeWooOrder>;
