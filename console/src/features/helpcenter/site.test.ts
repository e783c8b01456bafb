import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import type { HelpSiteDto } from '@careloop/contracts';
import i18n from '../../i18n/index.ts';
import { ApiError } from '../../lib/api.ts';
import { me, queryClient } from '../../testing/fixtures.ts';
import { renderHtml } from '../../testing/render.ts';
import { applyHelpEvent } from './events.ts';
import HelpCenterPage from './HelpCenterPage.tsx';
import { helpKeys, useSaveHelpSite } from './queries.ts';
import { formOfSite, siteErrors, siteInputOf, sitePreview } from './siteForm.ts';
import { SiteSettings } from './SiteSettings.tsx';

afterEach(() => vi.unstubAllGlobals());

const logoPath = '/help/shop-hoa-k3x9qz/img/hci_01JABCDEFGHJKMNPQRSTVWXYZ0';

function site(over: Partial<HelpSiteDto> = {}): HelpSiteDto {
  return {
    publicKey: 'shop-hoa-k3x9qz', url: 'https://cskh.shop.vn/help/shop-hoa-k3x9qz', shopName: 'Shop Hoa',
    logo: { imageId: 'hci_01JABCDEFGHJKMNPQRSTVWXYZ0', path: logoPath, url: `https://cskh.shop.vn${logoPath}` },
    color: '#aa3300', webChatColor: '#1c7ed6', effectiveColor: '#aa3300', titleVi: 'Hỗ trợ Hoa', titleEn: 'Hoa Support',
    abilities: { update: true }, ...over,
  };
}

const unbranded = site({ logo: null, color: null, effectiveColor: '#1c7ed6', titleVi: null, titleEn: null, abilities: { update: false } });

function render(dto: HelpSiteDto, role: 'agent' | 'admin' = 'admin', lang: 'vi' | 'en' = 'vi') {
  const qc = queryClient();
  qc.setQueryData(helpKeys.site, dto);
  return renderHtml(createElement(SiteSettings), { qc, me: me({ role }), lang });
}

describe('the help site tab', () => {
  it('shows an admin the logo, colour and titles to change, with a preview of the header in both languages', () => {
    const html = render(site());
    expect(html.one('help-site-logo').attrs).toMatchObject({ src: logoPath, alt: 'Shop Hoa' });
    expect(html.one('help-site-logo-upload').text).toBe('Đổi logo');
    expect(html.has('help-site-logo-remove')).toBe(true);
    expect(html.one('help-site-color').attrs.value).toBe('#aa3300');
    expect(html.one('help-site-color').attrs.disabled).toBeUndefined();
    expect(html.one('help-site-title-vi').attrs).toMatchObject({ value: 'Hỗ trợ Hoa', placeholder: 'Shop Hoa', maxlength: '80' });
    expect(html.one('help-site-title-en').attrs.value).toBe('Hoa Support');
    expect(html.one('help-site-save').text).toBe('Lưu');
    expect(html.has('help-site-readonly')).toBe(false);
    expect(html.text).toContain('Để trống để dùng màu của khung chat (#1c7ed6).');

    const vi = html.one('help-site-preview-vi');
    expect(vi.text).toBe('Tiếng ViệtHỗ trợ HoaLiên kết trong bài viết trông như thế này');
    expect(html.one('help-site-preview-en').text).toContain('Hoa Support');
    const header = html.all('help-site-preview-header')[0]!;
    expect(header.attrs.style).toBe('background:#aa3300;color:#ffffff');
    expect(html.html).toContain(`<img class="help-site-preview-logo" src="${logoPath}" alt="Shop Hoa"/>`);
  });

  it('is read-only for those who may not change it, and shows the defaults: letter badge, web chat colour, shop name', () => {
    const html = render(unbranded, 'agent', 'en');
    expect(html.one('help-site-readonly').text).toBe("Read-only: only admins and owners can change the site's look.");
    for (const id of ['help-site-save', 'help-site-logo-upload', 'help-site-logo-remove', 'help-site-logo']) expect(html.has(id)).toBe(false);
    expect(html.one('help-site-no-logo').text).toBe("No logo: the site shows the first letter of the shop's name.");
    for (const id of ['help-site-color', 'help-site-title-vi', 'help-site-title-en']) expect(html.one(id).attrs.disabled).toBeDefined();
    expect(html.one('help-site-color').attrs.placeholder).toBe('#1c7ed6');
    expect(html.one('help-site-preview-vi').text).toBe('VietnameseSShop Hoa · Trung tâm trợ giúpLinks in articles look like this');
    expect(html.one('help-site-preview-en').text).toContain('Shop Hoa · Help center');
    expect(html.all('help-site-preview-header')[0]!.attrs.style).toBe('background:#1c7ed6;color:#ffffff');
  });

  it('is a tab of the help center page', () => {
    const qc = queryClient();
    qc.setQueryData(helpKeys.site, site());
    expect(renderHtml(createElement(HelpCenterPage), { qc, lang: 'vi' }).one('help-tab-site').text).toBe('Giao diện trang');
    expect(renderHtml(createElement(HelpCenterPage), { qc, lang: 'en' }).one('help-tab-site').text).toBe('Site');
  });
});

describe('the help site form', () => {
  it('sends empty colour and titles as null, trimmed and in lower case', () => {
    expect(siteInputOf(formOfSite(site()))).toEqual({ logoImageId: 'hci_01JABCDEFGHJKMNPQRSTVWXYZ0', color: '#aa3300', titleVi: 'Hỗ trợ Hoa', titleEn: 'Hoa Support' });
    expect(siteInputOf({ logo: null, color: ' #AABBCC ', titleVi: '   ', titleEn: ' Hoa ' })).toEqual({ logoImageId: null, color: '#aabbcc', titleVi: null, titleEn: 'Hoa' });
    expect(formOfSite(unbranded)).toEqual({ logo: null, color: '', titleVi: '', titleEn: '' });
  });

  it('refuses what the contract refuses, and reads the fields a refused save names', () => {
    const form = formOfSite(site());
    expect(siteErrors(form, null)).toEqual({});
    expect(siteErrors({ ...form, color: 'red' }, null)).toEqual({ color: 'color' });
    expect(siteErrors({ ...form, color: '#12345' }, null)).toEqual({ color: 'color' });
    expect(siteErrors({ ...form, titleEn: 'x'.repeat(81) }, null)).toEqual({ titleEn: 'tooLong' });
    expect(siteErrors(form, new ApiError(400, 'validation_failed', 'x', { field: 'logoImageId' }))).toEqual({ logoImageId: 'logo' });
    expect(siteErrors(form, new ApiError(400, 'validation_failed', 'x', { issues: [{ path: 'color' }] }))).toEqual({ color: 'color' });
    expect(siteErrors(form, new ApiError(403, 'forbidden', 'x'))).toEqual({});
    for (const lang of ['vi', 'en'] as const) {
      for (const key of ['color', 'tooLong', 'logo'].map((p) => `helpcenter.site.invalid.${p}`).concat(['vi', 'en'].flatMap((l) => [`helpcenter.site.title.${l}`, `helpcenter.site.helpWord.${l}`]))) {
        expect(i18n.exists(key, { lng: lang }), `${lang}: ${key}`).toBe(true);
      }
    }
  });

  it('previews a light colour with dark text, and an unfinished colour as the web chat colour', () => {
    const light = sitePreview({ logo: null, color: '#ffe066', titleVi: '', titleEn: '' }, unbranded, 'vi', 'Trung tâm trợ giúp');
    expect(light).toMatchObject({ brand: '#ffe066', ink: '#212529', title: 'Shop Hoa · Trung tâm trợ giúp', logoSrc: null, letter: 'S' });
    expect(light.link).not.toBe('#ffe066');
    expect(sitePreview({ logo: null, color: '#ffe0', titleVi: '', titleEn: 'Hoa' }, unbranded, 'en', 'Help center')).toMatchObject({ brand: '#1c7ed6', title: 'Hoa' });
  });

  it('saves with PUT /helpcenter/site and keeps the answer as the site', async () => {
    const sent: { url: string; method: string; body: unknown }[] = [];
    const saved = site({ color: '#2f9e44', effectiveColor: '#2f9e44' });
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      sent.push({ url, method: init.method ?? 'GET', body: JSON.parse(String(init.body)) });
      return Response.json(saved);
    });
    const qc = queryClient();
    let mutation: ReturnType<typeof useSaveHelpSite> | null = null;
    const Probe = () => {
      mutation = useSaveHelpSite();
      return null;
    };
    renderHtml(createElement(Probe), { qc });
    await mutation!.mutateAsync(siteInputOf({ logo: null, color: '#2F9E44', titleVi: '', titleEn: '' }));
    expect(sent).toEqual([{ url: '/api/v1/helpcenter/site', method: 'PUT', body: { logoImageId: null, color: '#2f9e44', titleVi: null, titleEn: null } }]);
    expect(qc.getQueryData(helpKeys.site)).toEqual(saved);
  });
});

describe('help_site.updated', () => {
  it('marks the cached site stale (another admin or node changed it) and leaves other events alone', () => {
    const qc = queryClient();
    qc.setQueryData(helpKeys.site, site());
    expect(applyHelpEvent({ type: 'automation.ran', ruleId: 'r', conversationId: null, outcome: 'applied' }, qc)).toBe(false);
    expect(qc.getQueryState(helpKeys.site)?.isInvalidated).toBe(false);
    expect(applyHelpEvent({ type: 'help_site.updated', publicKey: 'shop-hoa-k3x9qz' }, qc)).toBe(true);
    expect(qc.getQueryState(helpKeys.site)?.isInvalidated).toBe(true);
  });
});
