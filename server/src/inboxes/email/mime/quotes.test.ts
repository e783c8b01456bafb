import { describe, expect, it } from 'vitest';
import { REPLY_MARKER_HTML, REPLY_MARKER_TEXT, splitHtmlQuote, splitTextQuote } from './quotes.ts';

const lines = (...l: string[]) => l.join('\n');

describe('splitTextQuote: Vietnamese and English patterns (spec §6.4)', () => {
  it.each([
    ['Gmail VI on one line', lines('Dạ vâng ạ', '', 'Vào Th 2, 12 thg 5, 2025 vào lúc 09:02 Shop <a@b.vn> đã viết:', '> cũ'), 'attribution'],
    ['Gmail VI wrapped over two lines', lines('Dạ vâng ạ', '', 'Vào Th 2, 12 thg 5, 2025 vào lúc 09:02 Cửa hàng Hoa Sen <', 'support@hoasen.example> đã viết:', '', '> cũ'), 'attribution'],
    ['"Vào lúc … ngày …, … đã viết:"', lines('Dạ vâng ạ', 'Vào lúc 10:00 ngày 12/05/2025, Nguyễn Văn A đã viết:', '> cũ'), 'attribution'],
    ['upper case, NFD input', lines('Dạ vâng ạ', 'VÀO LÚC 10:00 NGÀY 12/05/2025, NGUYỄN VĂN A ĐÃ VIẾT:'.normalize('NFD'), 'cũ'), 'attribution'],
    ['Gmail EN wrapped', lines('Sure', '', 'On Mon, May 12, 2025 at 9:02 AM Hoa Sen Shop <support@hoasen.example>', 'wrote:', '> old'), 'attribution'],
    ['Outlook VI with "Gửi:"', lines('Dạ vâng ạ', '', 'Từ: Shop <a@b.vn>', 'Gửi: 12/05/2025 09:02', 'Đến: Khách', 'Chủ đề: Đơn hàng', '', 'cũ'), 'outlook-header'],
    ['Outlook EN bold as asterisks', lines('Sure', '', '*From:* Shop <a@b.vn>', '*Sent:* Monday', '*To:* me', '*Subject:* Order', '', 'old'), 'outlook-header'],
    ['-----Original Message-----', lines('Sure', '-----Original Message-----', 'From: x', 'old'), 'original-message'],
    ['> lines', lines('Sure', '', '> old text', '> more'), 'quote-block'],
    ['"-- " signature', lines('Sure', '-- ', 'An, 0912 345 678'), 'signature'],
    ['"--" signature (trailing space stripped by the client)', lines('Sure', '--', 'An'), 'signature'],
    ['Sent from my iPhone', lines('Sure', '', 'Sent from my iPhone'), 'mobile-footer'],
    ['Gửi từ iPhone của tôi', lines('Dạ vâng ạ', '', 'Gửi từ iPhone của tôi'), 'mobile-footer'],
    ['Được gửi từ iPhone của tôi (iOS wording, unverified)', lines('Dạ vâng ạ', '', 'Được gửi từ iPhone của tôi'), 'mobile-footer'],
    ['our marker, dashes replaced by the client', lines('Dạ vâng ạ', '', '-- Vui lòng trả lời phía trên dòng này --', 'cũ'), 'careloop-marker'],
  ])('%s', (_name, text, rule) => {
    const split = splitTextQuote(text);
    expect(split.cutBy).toBe(rule);
    expect(['Dạ vâng ạ', 'Sure']).toContain(split.reply);
    expect(split.quoted).not.toBe('');
  });

  it('an attribution in an unknown language is taken with the > block below it', () => {
    const split = splitTextQuote(lines('Ok', '', 'Le 12/05/2025 à 09:02, Shop <a@b.fr> a écrit :', '> vieux'));
    expect(split.reply).toBe('Ok');
    expect(split.quoted.startsWith('Le 12/05/2025')).toBe(true);
  });

  it('does not cut on look-alikes inside the reply', () => {
    const text = lines(
      'Từ: Hà Nội, mình muốn giao về Đà Nẵng.',
      'On Monday my friend wrote: the parcel is late.',
      'Vào thứ Hai mình đã viết thư cho shop rồi.',
      'Gửi từ Hà Nội ngày 12/5.',
    );
    expect(splitTextQuote(text)).toEqual({ full: text, reply: text, quoted: '', cutBy: null });
  });

  it('keeps everything as the reply when nothing would be left (all quote, bottom-posting)', () => {
    const allQuote = lines('> old', '> older');
    expect(splitTextQuote(allQuote)).toMatchObject({ reply: allQuote, quoted: '', cutBy: null });
    const bottom = lines('> Shop hỏi gì đó', '', 'Mình trả lời bên dưới.');
    expect(splitTextQuote(bottom).reply).toContain('Mình trả lời bên dưới.');
  });

  it('never shortens full: NFC, LF line endings, nothing dropped', () => {
    const raw = 'Dạ vâng ạ\r\n\r\nVào lúc 10:00 ngày 12/05/2025, A đã viết:\r\n> cũ\r\n'.normalize('NFD');
    const split = splitTextQuote(raw);
    expect(split.full).toBe(raw.normalize('NFC').replace(/\r\n/g, '\n'));
    expect(split.reply).toBe('Dạ vâng ạ');
    expect(split.quoted).toBe('Vào lúc 10:00 ngày 12/05/2025, A đã viết:\n> cũ');
  });

  it('finds our own text marker (REPLY_MARKER_TEXT) below a reply', () => {
    const split = splitTextQuote(`Mình đổi địa chỉ nhé\n\n${REPLY_MARKER_TEXT}\n\nChào anh`);
    expect(split).toMatchObject({ reply: 'Mình đổi địa chỉ nhé', cutBy: 'careloop-marker' });
  });

  it('stays fast on hostile text (email-reply-parser only sees the first 64 KiB)', () => {
    const hostile = 'Op '.repeat(30_000) + '\n' + 'On x\n'.repeat(50_000) + 'schreef';
    const started = performance.now();
    splitTextQuote(hostile);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('splitHtmlQuote (spec §6.4)', () => {
  it.each([
    ['div.gmail_quote', '<div dir="ltr">Mới</div><div class="gmail_quote"><div class="gmail_attr">On … wrote:</div><blockquote>Cũ</blockquote></div>', 'gmail_quote'],
    ['blockquote[type=cite]', '<p>Mới</p><blockquote type="CITE"><p>Cũ</p></blockquote>', 'blockquote-cite'],
    ['<!-- originalMessage -->', '<div>Mới</div><!-- originalMessage --><div>Cũ</div>', 'originalMessage-comment'],
    ['#divRplyFwdMsg', '<div>Mới</div><hr><div id="divRplyFwdMsg"><b>Từ:</b> Shop</div><div>Cũ</div>', 'outlook-divRplyFwdMsg'],
    ['#appendonsend', '<div>Mới</div><div id="appendonsend"></div><hr><div>Cũ</div>', 'outlook-appendonsend'],
    ['marker attribute', '<div>Mới</div><div data-careloop-reply-marker="1"></div><div>Cũ</div>', 'careloop-marker'],
    ['marker class renamed by Gmail', '<div>Mới</div><div class="m_-881careloop-reply-marker">x</div><div>Cũ</div>', 'careloop-marker'],
    ['marker line as text only', '<div>Mới</div><p>— Please reply above this line —</p><div>Cũ</div>', 'careloop-marker-text'],
    ['Thunderbird moz-cite-prefix', '<p>Mới</p><div class="moz-cite-prefix">On 12/05 X wrote:</div><blockquote type="cite">Cũ</blockquote>', 'thunderbird-cite-prefix'],
    ['Yahoo yahoo_quoted', '<div>Mới</div><div class="yahoo_quoted"><div>Cũ</div></div>', 'yahoo_quoted'],
    ['"-----Original Message-----" line', '<div>Mới</div><div>-----Original Message-----</div><div>Cũ</div>', 'original-message'],
  ])('%s', (_name, html, rule) => {
    const split = splitHtmlQuote(html);
    expect(split.cutBy).toBe(rule);
    expect(split.full).toBe(html);
    expect(split.reply).toContain('Mới');
    expect(split.reply).not.toContain('Cũ');
    expect(split.quoted).toContain('Cũ');
  });

  it('takes an attribution sibling and the filler before the marker into the quote', () => {
    const split = splitHtmlQuote('<div>Mới</div><div>Vào 12/05/2025 10:00, Shop đã viết:</div><br><div><blockquote type="cite">Cũ</blockquote></div>');
    expect(split.reply).toBe('<div>Mới</div>');
    expect(split.quoted.startsWith('<div>Vào 12/05/2025 10:00, Shop đã viết:</div><br>')).toBe(true);
  });

  it('cuts at the first marker in document order, including what follows its ancestors', () => {
    const split = splitHtmlQuote('<div><p>Mới</p><blockquote type="cite">A</blockquote><p>B</p></div><div class="gmail_quote">C</div>');
    expect(split.cutBy).toBe('blockquote-cite');
    expect(split.reply).toBe('<div><p>Mới</p></div>');
    expect(split.quoted).toBe('<blockquote type="cite">A</blockquote><p>B</p><div class="gmail_quote">C</div>');
  });

  it('leaves HTML without a marker alone, and keeps a mail that is all quote whole', () => {
    const plain = '<p>Chỉ có nội dung mới &amp; không trích dẫn</p>';
    expect(splitHtmlQuote(plain)).toEqual({ full: plain, reply: plain, quoted: '', cutBy: null });
    const allQuote = '<div><div class="gmail_quote">Cũ</div></div>';
    expect(splitHtmlQuote(allQuote)).toEqual({ full: allQuote, reply: allQuote, quoted: '', cutBy: null });
  });

  it('keeps escaped markup escaped and Vietnamese as characters, NFC', () => {
    const split = splitHtmlQuote('<p>Giá &lt;b&gt; 299.000&#8363; Việt</p><blockquote type="cite">x</blockquote>'.normalize('NFD'));
    expect(split.reply).toBe('<p>Giá &lt;b&gt; 299.000₫ Việt</p>');
  });

  it('finds our own REPLY_MARKER_HTML when a client quotes it without other markers', () => {
    const split = splitHtmlQuote(`<div>Đổi địa chỉ giúp mình</div><div>${REPLY_MARKER_HTML}<p>Chào anh</p></div>`);
    expect(split).toMatchObject({ reply: '<div>Đổi địa chỉ giúp mình</div>', cutBy: 'careloop-marker' });
    expect(split.quoted).toContain('Chào anh');
  });
});
