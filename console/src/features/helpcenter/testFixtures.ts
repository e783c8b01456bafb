import type { HelpArticleDto } from '@careloop/contracts';
import { at } from '../../testing/fixtures.ts';

/** A draft article in Vietnamese, for the help center's unit tests (not imported by the app). */
export function article(over: Partial<HelpArticleDto> = {}): HelpArticleDto {
  return {
    id: 'hca_1', slug: 'chinh-sach-doi-tra-hang', status: 'draft', categoryId: 'hcc_returns', position: 0,
    vi: { title: 'Chính sách đổi trả hàng', bodyHtml: '<p>Bạn được đổi trả trong 7 ngày.</p>' }, en: null,
    views: 0, helpful: 0, notHelpful: 0, publicUrl: 'https://shop.example/help/shop-hoa-k3x9qz/a/chinh-sach-doi-tra-hang',
    sourceConversationId: null, createdAt: at(0), updatedAt: at(5), publishedAt: null,
    abilities: { update: true, publish: true, delete: true }, ...over,
  };
}
