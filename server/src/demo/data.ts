import type { ContactInput, Priority, Role } from '@careloop/contracts';

/**
 * The demo shop's content: a small Vietnamese fashion boutique and the week of customer care a
 * new owner should recognise. Plain data, so the loader stays a short list of service calls.
 */
export const demoPassword = 'careloop-demo';
export const demoShop = { name: 'Tiệm Hoa Mai', ownerName: 'Võ Thị Mai', ownerEmail: 'demo@careloop.local' };

export type AgentKey = 'mai' | 'trang' | 'bao' | 'yen';
export const demoAgents: { key: Exclude<AgentKey, 'mai'>; name: string; email: string; role: Exclude<Role, 'owner'> }[] = [
  { key: 'trang', name: 'Lê Thu Trang', email: 'trang@careloop.local', role: 'admin' },
  { key: 'bao', name: 'Phạm Quốc Bảo', email: 'bao@careloop.local', role: 'supervisor' },
  { key: 'yen', name: 'Nguyễn Hoàng Yến', email: 'yen@careloop.local', role: 'agent' },
];

export type TeamKey = 'cskh' | 'doiTra';
export const demoTeams: { key: TeamKey; name: string; members: AgentKey[] }[] = [
  { key: 'cskh', name: 'Chăm sóc khách hàng', members: ['trang', 'bao', 'yen'] },
  { key: 'doiTra', name: 'Đổi trả', members: ['bao', 'yen'] },
];

export const demoCanned = [
  { shortCode: 'chao', title: 'Lời chào', body: 'Dạ em chào {{contact.first_name | anh/chị}} ạ, em là {{agent.name}} của Tiệm Hoa Mai. Em có thể giúp gì cho mình ạ?' },
  { shortCode: 'giao-hang', title: 'Kiểm tra giao hàng', body: 'Dạ em đã kiểm tra đơn của {{contact.first_name | anh/chị}}: đơn đang được giao, dự kiến tới trong hôm nay ạ. Mã hỗ trợ của mình là #{{conversation.number}}.' },
  { shortCode: 'doi-tra', title: 'Chính sách đổi trả', body: 'Dạ shop hỗ trợ đổi size, đổi màu trong 7 ngày kể từ khi nhận hàng, sản phẩm còn tem mác ạ. {{contact.first_name | Anh/chị}} gửi giúp em ảnh sản phẩm và mã đơn, em làm phiếu đổi ngay ạ.' },
  { shortCode: 'hoan-tien', title: 'Hoàn tiền', body: 'Dạ em đã tạo yêu cầu hoàn tiền cho phiếu #{{conversation.number}}. Tiền sẽ về tài khoản của {{contact.first_name | anh/chị}} trong 3–5 ngày làm việc ạ.' },
  { shortCode: 'cam-on', title: 'Cảm ơn', body: 'Cảm ơn {{contact.first_name | anh/chị}} đã tin tưởng Tiệm Hoa Mai! Chúc mình một ngày thật vui ạ. — {{agent.name}}' },
];

export const demoContacts: ContactInput[] = [
  { name: 'Đặng Thị Hoà', phone: '+84 912 345 678', email: 'hoa.dang@example.vn', tags: ['khách quen', 'hà nội'], attributes: { city: 'Hà Nội', orders: 7, member: 'vàng' } },
  { name: 'Nguyễn Văn Khoa', phone: '+84 903 217 654', tags: ['tp hcm'], attributes: { city: 'TP. Hồ Chí Minh', orders: 1 } },
  { name: 'Trần Thị Ngọc Ánh', phone: '+84 987 654 321', email: 'anh.tran@example.vn', tags: ['đổi trả'], attributes: { city: 'Hải Phòng', orders: 2 } },
  { name: 'Lê Hoàng Phúc', phone: '+84 935 112 233', tags: ['đà nẵng'], attributes: { city: 'Đà Nẵng', orders: 0 } },
  { name: 'Phạm Thị Thuỳ Dương', phone: '+84 868 456 789', email: 'duong.pham@example.vn', tags: ['khách quen'], attributes: { city: 'Huế', orders: 5, member: 'bạc' } },
  { name: 'Hoàng Minh Đức', phone: '+84 977 889 900', tags: ['hà nội'], attributes: { city: 'Hà Nội', orders: 3 } },
  { name: 'Vũ Thị Hương', phone: '+84 914 567 123', email: 'huong.vu@example.vn', attributes: { city: 'Nam Định', orders: 4 } },
  { name: 'Bùi Quang Huy', phone: '+84 329 876 543', tags: ['doanh nghiệp'], attributes: { company: 'Công ty TNHH Ánh Dương', orders: 0 } },
  { name: 'Đỗ Thị Lệ Quyên', phone: '+84 398 765 432', attributes: { city: 'Cần Thơ', orders: 1 } },
  { name: 'Ngô Thanh Tùng', phone: '+84 707 654 987', tags: ['tp hcm'], attributes: { city: 'TP. Hồ Chí Minh', orders: 2 } },
  { name: 'Dương Thị Mỹ Hạnh', phone: '+84 888 123 456', email: 'hanh.duong@example.vn', attributes: { city: 'Đà Lạt', orders: 0 } },
  { name: 'Huỳnh Tấn Lộc', phone: '+84 945 321 678', tags: ['vũng tàu'], attributes: { city: 'Vũng Tàu', orders: 3 } },
];

/** A customer message, an agent's reply, or an agent's internal note (where @mentions live). */
export type Step = { customer: string } | { agent: AgentKey; reply: string } | { agent: AgentKey; note: string };

export interface DemoThread {
  /** Index into demoContacts. A contact's earlier thread is resolved before the next one opens. */
  contact: number;
  steps: Step[];
  assignee?: AgentKey;
  team?: TeamKey;
  priority?: Priority;
  labels: string[];
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
}

export const demoThreads: DemoThread[] = [
  {
    contact: 0, assignee: 'yen', team: 'cskh', priority: 'high', labels: ['giao hàng', 'khách quen'], status: 'open',
    steps: [
      { customer: 'Chào shop, mình đặt áo dài lụa mã HM2031 từ thứ Hai mà đến giờ vẫn chưa nhận được hàng. Thứ Bảy này mình cần mặc đi đám cưới rồi 😟' },
      { agent: 'yen', reply: 'Dạ em chào chị Hoà, em là Yến bên Tiệm Hoa Mai. Em xin lỗi vì đơn của chị giao chậm ạ. Em kiểm tra với bên vận chuyển và báo lại chị trong 15 phút nhé.' },
      { agent: 'yen', note: '@Phạm Quốc Bảo đơn HM2031 kẹt ở kho Bắc Ninh 3 ngày rồi, anh gọi giúp em bên vận chuyển được không ạ? Khách cần trước thứ Bảy.' },
      { agent: 'bao', note: 'Đã gọi, họ hứa giao trong ngày mai. Nếu trễ nữa thì gửi hoả tốc một chiếc mới, shop chịu phí.' },
      { customer: 'Shop ơi có tin gì chưa ạ?' },
      { agent: 'yen', reply: 'Dạ bên vận chuyển xác nhận giao cho chị trong ngày mai ạ. Nếu mai chưa tới, shop gửi hoả tốc một chiếc mới và chịu toàn bộ phí ạ.' },
    ],
  },
  {
    contact: 1, assignee: 'bao', team: 'doiTra', labels: ['đổi size'], status: 'pending',
    steps: [
      { customer: 'Shop ơi, áo sơ mi linen mình mua size M mặc bị chật, đổi sang L được không?' },
      { agent: 'bao', reply: 'Dạ chào anh Khoa, shop hỗ trợ đổi size trong 7 ngày ạ. Anh cho em xin mã đơn và ảnh áo còn tem giúp em nhé.' },
      { customer: 'Mã đơn HM1987, áo còn nguyên tem, mình chưa giặt.' },
      { agent: 'bao', reply: 'Dạ em đã tạo phiếu đổi cho anh. Shipper sẽ qua lấy áo size M và giao áo size L cùng lúc, anh không mất phí ạ.' },
    ],
  },
  {
    contact: 2, assignee: 'trang', team: 'doiTra', priority: 'urgent', labels: ['hoàn tiền', 'hàng lỗi'], status: 'open',
    steps: [
      { customer: 'Mình nhận váy voan bị rách một đường ở đường may. Mình muốn hoàn tiền chứ không đổi nữa.' },
      { customer: 'Mình đã gửi ảnh qua Zalo cho shop rồi nhé.' },
      { agent: 'trang', reply: 'Dạ em rất xin lỗi chị Ánh về sản phẩm lỗi ạ. Em đã nhận ảnh, shop hoàn 100% tiền hàng và phí ship cho chị. Chị cho em xin số tài khoản để kế toán chuyển khoản nhé.' },
      { agent: 'trang', note: '@Nguyễn Hoàng Yến nhờ em kiểm tra lô váy voan VH05 trong kho xem có bị lỗi đường may như này không nhé.' },
      { customer: 'Vietcombank, chủ tài khoản Trần Thị Ngọc Ánh, số tài khoản mình gửi qua tin nhắn riêng rồi ạ.' },
    ],
  },
  {
    contact: 3, labels: ['tư vấn'], status: 'open',
    steps: [{ customer: 'Cho mình hỏi áo khoác dạ màu be còn size S không shop? Mình cao 1m58, nặng 48kg thì mặc size nào vừa ạ?' }],
  },
  {
    contact: 4, assignee: 'yen', team: 'cskh', priority: 'low', labels: ['khen ngợi'], status: 'resolved',
    steps: [
      { customer: 'Mình nhận được áo rồi, gói quà đẹp lắm, mẹ mình thích lắm luôn. Cảm ơn shop nhiều nha ❤️' },
      { agent: 'yen', reply: 'Dạ Tiệm Hoa Mai cảm ơn chị Dương nhiều ạ! Chúc mẹ chị luôn vui khoẻ. Lần sau chị mua, nhắn em để em tặng mã giảm 10% nhé ạ.' },
      { customer: 'Dạ nhất định rồi ạ 😊' },
    ],
  },
  {
    contact: 5, assignee: 'bao', team: 'cskh', priority: 'urgent', labels: ['khiếu nại', 'giao hàng'], status: 'open',
    steps: [
      { customer: 'Shipper của shop gọi điện quát mình, còn đòi thêm 20 nghìn phí. Mình rất bực!' },
      { agent: 'bao', reply: 'Dạ em là Bảo, quản lý chăm sóc khách hàng. Em thành thật xin lỗi anh Đức về trải nghiệm này ạ. Shop hoàn lại 20.000đ cho anh và sẽ làm việc lại với đơn vị vận chuyển.' },
      { agent: 'bao', note: '@Lê Thu Trang chị báo giúp bên vận chuyển về shipper tuyến Cầu Giấy nhé, tuần này là lần thứ hai rồi.' },
      { customer: 'Ok, mong là không lặp lại.' },
    ],
  },
  {
    contact: 6, assignee: 'yen', team: 'cskh', labels: ['giao hàng'], status: 'resolved',
    steps: [
      { customer: 'Đơn HM2055 của mình giao chưa shop?' },
      { agent: 'yen', reply: 'Dạ đơn của chị đã giao thành công lúc 10 giờ sáng nay, người nhận là bảo vệ toà nhà ạ.' },
      { customer: 'À đúng rồi, mình nhận được rồi. Cảm ơn em!' },
    ],
  },
  {
    contact: 7, assignee: 'yen', team: 'cskh', labels: ['đơn sỉ'], status: 'snoozed',
    steps: [
      { customer: 'Shop có áo polo nam màu xanh navy không? Mình muốn đặt 25 cái làm đồng phục công ty.' },
      { agent: 'yen', reply: 'Dạ có ạ. Đơn từ 20 áo shop giảm 10% và in logo miễn phí. Anh gửi giúp em file logo và bảng size nhé.' },
      { customer: 'Để mình hỏi lại số lượng với phòng nhân sự, thứ Hai mình báo nhé.' },
      { agent: 'yen', reply: 'Dạ vâng ạ, thứ Hai em nhắn lại anh nhé.' },
    ],
  },
  {
    contact: 8, assignee: 'bao', team: 'doiTra', labels: ['đổi màu'], status: 'pending',
    steps: [
      { customer: 'Mình muốn đổi chân váy màu đen sang màu kem được không ạ?' },
      { agent: 'bao', reply: 'Dạ được ạ. Màu kem size S còn 2 chiếc, em giữ một chiếc cho chị nhé. Chị gửi lại chân váy đen qua bưu cục gần nhất giúp em ạ.' },
    ],
  },
  {
    contact: 9, assignee: 'trang', team: 'cskh', priority: 'high', labels: ['khuyến mãi'], status: 'open',
    steps: [
      { customer: 'Mã HOAMAI10 báo hết hạn, nhưng trên fanpage ghi dùng tới cuối tháng mà shop?' },
      { agent: 'trang', note: '@Phạm Quốc Bảo mã HOAMAI10 bị cài hết hạn sớm, anh sửa trong trang quản trị giúp em nhé.' },
      { agent: 'trang', reply: 'Dạ em xin lỗi anh Tùng, mã bị lỗi cấu hình ạ. Em đã trừ 10% trực tiếp vào đơn của anh rồi, anh kiểm tra lại giúp em nhé.' },
    ],
  },
  {
    contact: 10, labels: ['tư vấn', 'quà tặng'], status: 'open',
    steps: [{ customer: 'Shop có gói quà và viết thiệp sinh nhật không ạ? Mình muốn gửi quà tới Đà Lạt.' }],
  },
  {
    contact: 11, assignee: 'yen', team: 'cskh', labels: ['huỷ đơn'], status: 'resolved',
    steps: [
      { customer: 'Mình đặt nhầm hai đơn giống nhau, huỷ giúp mình một đơn được không?' },
      { agent: 'yen', reply: 'Dạ em đã huỷ đơn HM2102 cho anh, anh giữ lại đơn HM2101 ạ. Tiền cọc sẽ được hoàn trong 24 giờ.' },
      { customer: 'Cảm ơn em nhé.' },
    ],
  },
  {
    contact: 4, assignee: 'yen', team: 'cskh', labels: ['tư vấn', 'khách quen'], status: 'open',
    steps: [
      { customer: 'Em ơi, chị muốn mua thêm một bộ như lần trước để tặng dì, còn hàng không em?' },
      { agent: 'yen', reply: 'Dạ còn ạ chị Dương! Em giữ hàng và áp mã giảm 10% như đã hứa cho chị nhé.' },
    ],
  },
  {
    contact: 6, assignee: 'trang', team: 'doiTra', labels: ['hoàn tiền'], status: 'pending',
    steps: [
      { customer: 'Shop ơi mình gửi trả đôi giày hôm thứ Tư rồi, khi nào mình nhận được tiền hoàn?' },
      { agent: 'trang', reply: 'Dạ kho đã nhận giày của chị hôm qua ạ. Kế toán sẽ chuyển khoản trong 3–5 ngày làm việc, em sẽ báo chị khi chuyển xong.' },
    ],
  },
  {
    contact: 11, assignee: 'bao', team: 'doiTra', priority: 'high', labels: ['khiếu nại', 'giao nhầm'], status: 'resolved',
    steps: [
      { customer: 'Shop giao nhầm cho mình áo nữ thay vì áo nam rồi!' },
      { agent: 'bao', reply: 'Dạ em rất xin lỗi anh Lộc. Em gửi ngay áo nam đúng mẫu bằng hoả tốc, shipper sẽ lấy lại áo nữ khi giao, anh không mất phí gì ạ.' },
      { agent: 'bao', note: '@Nguyễn Hoàng Yến lần sau đóng gói em kiểm tra mã SKU với phiếu xuất kho giúp anh nhé.' },
      { customer: 'Nhận được áo đúng rồi, cảm ơn shop xử lý nhanh.' },
    ],
  },
];
