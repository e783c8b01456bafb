import { describe, expect, it } from 'vitest';
import { cleanMapping, guessMapping, mappingProblem, parseCsvHeader, readCsvHeader } from './csvHeader.ts';

describe('parseCsvHeader', () => {
  it('reads the first record, dropping a BOM and blank or repeated names', () => {
    expect(parseCsvHeader('\uFEFFName,Email,Total\r\n#1001,lan@gmail.com,150000\r\n')).toEqual(['Name', 'Email', 'Total']);
    expect(parseCsvHeader('a, b ,,a,c')).toEqual(['a', 'b', 'c']);
  });

  it('keeps delimiters, doubled quotes and line breaks inside quoted names', () => {
    expect(parseCsvHeader('"Mã đơn","Tổng, VND","Ghi chú ""khách""","Địa\nchỉ"\n1,2,3,4')).toEqual(['Mã đơn', 'Tổng, VND', 'Ghi chú "khách"', 'Địa\nchỉ']);
  });

  it('detects semicolon and tab delimited exports (Excel in Vietnamese locale)', () => {
    expect(parseCsvHeader('Mã đơn;Ngày đặt;Tổng tiền\n1;2;3')).toEqual(['Mã đơn', 'Ngày đặt', 'Tổng tiền']);
    expect(parseCsvHeader('order\tdate\ttotal')).toEqual(['order', 'date', 'total']);
    expect(parseCsvHeader('')).toEqual([]);
  });

  it('reads only the start of a large file', async () => {
    const big = new Blob(['Order,Date,Total\n', '1,2025-01-01,100000\n'.repeat(20_000)]);
    expect(await readCsvHeader(big)).toEqual(['Order', 'Date', 'Total']);
  });
});

describe('guessMapping', () => {
  it('matches English and Vietnamese names once each, case-insensitively', () => {
    const headers = ['Mã đơn hàng', 'Ngày đặt', 'TỔNG TIỀN', 'Số điện thoại', 'Khách hàng', 'Sản phẩm', 'SL', 'Ghi chú'];
    expect(guessMapping(headers)).toEqual({
      orderRef: 'Mã đơn hàng', createdAt: 'Ngày đặt', total: 'TỔNG TIỀN', phone: 'Số điện thoại', name: 'Khách hàng', lineName: 'Sản phẩm', lineQuantity: 'SL',
    });
    expect(guessMapping(['Order', 'Date', 'Total', 'Email'])).toEqual({ orderRef: 'Order', createdAt: 'Date', total: 'Total', email: 'Email' });
  });
});

describe('cleanMapping and mappingProblem', () => {
  it('drops headers the file does not have and names what is missing', () => {
    const headers = ['Order', 'Date', 'Price'];
    expect(cleanMapping({ orderRef: 'Order', createdAt: 'Gone', linePrice: 'Price' }, headers)).toEqual({ orderRef: 'Order', linePrice: 'Price' });
    expect(mappingProblem({})).toBe('needsRef');
    expect(mappingProblem({ orderRef: 'Order' })).toBe('needsDate');
    expect(mappingProblem({ orderRef: 'Order', createdAt: 'Date' })).toBe('needsTotal');
    expect(mappingProblem({ orderRef: 'Order', createdAt: 'Date', linePrice: 'Price' })).toBeNull();
  });
});
