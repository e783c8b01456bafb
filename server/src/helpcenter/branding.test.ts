import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpPalette, type HelpArticleDto, type HelpImageDto, type HelpSiteDto } from '@careloop/contracts';
import { restoreBackup, writeBackup } from '../backup/service.ts';
import { freshDatabase } from '../test/database.ts';
import type { AgentClient, TestApp } from '../test/harness.ts';
import { startHelpTestApp } from './test-kit.ts';

let t: TestApp;
beforeAll(async () => { t = await startHelpTestApp(); });
afterAll(async () => { await t.close(); });

const api = '/api/v1/helpcenter';
/** A real 1×1 PNG. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

interface ErrorBody { error: { code: string; message: string; details?: { field?: string; issues?: { path: string }[] } } }

function upload(who: AgentClient, bytes: Uint8Array = png) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'image/png' }), 'logo.png');
  return t.request<HelpImageDto>('POST', `${api}/images`, { body: form, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf } });
}

const page = (path: string, lang = 'vi') => t.request<string>('GET', `${path}?lang=${lang}`);
const branding = { logoImageId: null, color: null, titleVi: null, titleEn: null };
/** The site as read back before any branding. */
const unbranded = { logo: null, color: null, titleVi: null, titleEn: null };

/** A shop with one published article, so every kind of page can be looked at. */
async function shop(name = 'Shop <Hoa> Mai') {
  const ws = await t.workspace({ name });
  const site = (await ws.owner.get<HelpSiteDto>(`${api}/site`)).body;
  const article = (await ws.owner.post<HelpArticleDto>(`${api}/articles`, { vi: { title: 'Đổi trả hàng', bodyHtml: '<p>Trong 7 ngày.</p>' } })).body;
  await ws.owner.post(`${api}/articles/${article.id}/publish`);
  return { ...ws, site, base: `/help/${site.publicKey}`, article };
}

describe('help center branding', () => {
  it('starts with the shop name, the letter badge and the web chat colour', async () => {
    const s = await shop();
    expect(s.site).toMatchObject({
      shopName: 'Shop <Hoa> Mai', logo: null, color: null, titleVi: null, titleEn: null,
      effectiveColor: s.inbox.settings!.color, abilities: { update: true },
    });
    const home = await page(s.base);
    expect(home.body).toContain('<span class="badge" aria-hidden="true">S</span><span>Shop &lt;Hoa&gt; Mai · Trung tâm trợ giúp</span>');
    expect(home.body).not.toContain('class="logo"');
    expect(home.body).not.toContain('og:image');
    expect(home.body).toContain(`header{background:${s.inbox.settings!.color}`);

    // Without a colour of its own the site follows the web chat's.
    await s.owner.patch(`/api/v1/inboxes/${s.inbox.id}`, { settings: { color: '#2f9e44' } });
    expect((await s.owner.get<HelpSiteDto>(`${api}/site`)).body).toMatchObject({ color: null, webChatColor: '#2f9e44', effectiveColor: '#2f9e44' });
  });

  it('saves a logo, colour and titles, audits it, and shows them on the public pages at once', async () => {
    const s = await shop();
    // Read once, so this node holds the site in its cache: the save must replace it.
    expect((await page(s.base)).body).toContain('class="badge"');
    const logo = (await upload(s.owner)).body;

    const saved = await s.owner.put<HelpSiteDto>(`${api}/site`, { logoImageId: logo.id, color: '#AA3300', titleVi: '  Hỗ trợ <Hoa> "Mai"  ', titleEn: 'Hoa Mai Support' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      logo: { imageId: logo.id, path: logo.path, url: logo.url }, color: '#aa3300', webChatColor: s.inbox.settings!.color, effectiveColor: '#aa3300',
      titleVi: 'Hỗ trợ <Hoa> "Mai"', titleEn: 'Hoa Mai Support', abilities: { update: true },
    });
    expect((await s.owner.get<HelpSiteDto>(`${api}/site`)).body).toEqual(saved.body);

    const home = await page(s.base);
    expect(home.status).toBe(200);
    expect(home.body).toContain(`<img class="logo" src="${logo.url}" alt="Shop &lt;Hoa&gt; Mai"><span>Hỗ trợ &lt;Hoa&gt; &quot;Mai&quot;</span>`);
    expect(home.body).not.toContain('class="badge"');
    expect(home.body).toContain(`<meta property="og:image" content="${logo.url}">`);
    expect(home.body).toContain('<meta property="og:site_name" content="Hỗ trợ &lt;Hoa&gt; &quot;Mai&quot;">');
    expect(home.body).toContain('<title>Hỗ trợ &lt;Hoa&gt; &quot;Mai&quot;</title>');
    expect(home.body).toContain('header{background:#aa3300;color:#ffffff');
    expect(home.body).toContain('.logo{display:block;height:40px');
    expect(home.body).not.toMatch(/<script|Hỗ trợ <Hoa>/);
    expect(home.headers.get('content-security-policy')).toMatch(/img-src 'self'/);

    const article = await page(`${s.base}/a/${s.article.slug}`);
    expect(article.body).toContain('<title>Đổi trả hàng · Hỗ trợ &lt;Hoa&gt; &quot;Mai&quot;</title>');
    expect(article.body).toContain(`<img class="logo" src="${logo.url}"`);
    const english = await page(`${s.base}/search`, 'en');
    expect(english.body).toContain('<span>Hoa Mai Support</span>');
    expect(english.body).toContain('· Hoa Mai Support</title>');

    // The logo's address serves the picture.
    const served = await t.careloop.app.request(logo.path);
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'image/png']);

    const audit = ((await s.owner.get('/api/v1/audit-log')).body.items as { action: string; targetId: string; details: Record<string, unknown> }[])
      .filter((e) => e.action === 'help_site.updated');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetId: s.site.publicKey, details: { changed: ['logoImageId', 'color', 'titleVi', 'titleEn'], logoImageId: logo.id, color: '#aa3300' } });

    // Back to the defaults: the badge, the web chat colour and the shop name return.
    const reset = await s.owner.put<HelpSiteDto>(`${api}/site`, { titleVi: '' });
    expect(reset.body).toMatchObject({ ...unbranded, effectiveColor: s.inbox.settings!.color });
    const plain = await page(s.base);
    expect(plain.body).toContain('<span class="badge" aria-hidden="true">S</span>');
    expect(plain.body).not.toContain('og:image');
    expect(plain.body).toContain(`header{background:${s.inbox.settings!.color}`);
  });

  it('keeps text readable on a light colour', async () => {
    const s = await shop('Tiệm Vàng');
    await s.owner.put(`${api}/site`, { ...branding, color: '#ffe066' });
    const { ink, link } = helpPalette('#ffe066');
    expect(ink).toBe('#212529');
    const home = await page(s.base);
    expect(home.body).toContain(`header{background:#ffe066;color:${ink}`);
    expect(home.body).toContain(`a{color:${link}}`);
    expect(home.body).toContain('<span class="badge" aria-hidden="true">T</span>');
  });

  it('refuses colours that are not #rrggbb, titles too long and logos that are not its own images', async () => {
    const s = await shop();
    const other = await t.workspace({ name: 'Shop Khác' });
    const foreign = (await upload(other.owner)).body;
    const put = (body: object) => s.owner.put<ErrorBody>(`${api}/site`, { ...branding, ...body });

    for (const color of ['red', '#12345', '#1234567', 'url(javascript:alert(1))', '#12345g;}body{x:y']) {
      const refused = await put({ color });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
      expect(refused.body.error.details!.issues!.map((i) => i.path)).toEqual(['color']);
    }
    const long = await put({ titleVi: 'a'.repeat(81) });
    expect([long.status, long.body.error.details!.issues![0]!.path]).toEqual([400, 'titleVi']);

    for (const logoImageId of [foreign.id, 'hci_01JZZZZZZZZZZZZZZZZZZZZZZZ', 'not-an-id', '../files/x']) {
      const refused = await put({ logoImageId });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'validation_failed', details: { field: 'logoImageId' } });
    }
    // Nothing was changed by the refusals, and the other shop's image never shows here.
    expect((await s.owner.get<HelpSiteDto>(`${api}/site`)).body).toMatchObject(unbranded);
    expect((await page(s.base)).body).not.toContain(foreign.id);
    const audit = (await s.owner.get('/api/v1/audit-log')).body.items as { action: string }[];
    expect(audit.some((e) => e.action === 'help_site.updated')).toBe(false);
  });

  it('is changed by admins and owners only; agents and supervisors read it', async () => {
    const s = await shop();
    const admin = await t.addAgent(s.owner, 'admin');
    const supervisor = await t.addAgent(s.owner, 'supervisor');
    const agent = await t.addAgent(s.owner, 'agent');

    for (const who of [agent, supervisor]) {
      const read = await who.get<HelpSiteDto>(`${api}/site`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ publicKey: s.site.publicKey, abilities: { update: false } });
      const refused = await who.put<ErrorBody>(`${api}/site`, { ...branding, color: '#000000' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    expect((await t.request('PUT', `${api}/site`, { json: { ...branding, color: '#000000' } })).status).toBe(401);
    expect((await s.owner.get<HelpSiteDto>(`${api}/site`)).body.color).toBeNull();

    // A supervisor may upload the picture; an admin makes it the logo.
    const logo = (await upload(supervisor)).body;
    const saved = await admin.put<HelpSiteDto>(`${api}/site`, { ...branding, logoImageId: logo.id });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ logo: { imageId: logo.id }, abilities: { update: true } });
  });

  it('travels in a backup: the logo image is restored before the site that points at it', { timeout: 120_000 }, async () => {
    const s = await shop('Tiệm Sao Băng');
    const logo = (await upload(s.owner)).body;
    await s.owner.put(`${api}/site`, { ...branding, logoImageId: logo.id, color: '#7048e8', titleEn: 'Shooting Star' });
    const dir = mkdtempSync(join(tmpdir(), 'careloop-branding-'));
    const target = await freshDatabase();
    try {
      const file = join(dir, 'backup.jsonl.gz');
      await writeBackup(t.deps.db, { out: file, filesDir: join(t.deps.config.dataDir, 'files') });
      await restoreBackup(target.opened.db, { file, filesDir: join(dir, 'files'), force: false });
      const row = await target.opened.db.selectFrom('help_centers').select(['logo_image_id', 'color', 'title_vi', 'title_en'])
        .where('workspace_id', '=', s.workspaceId).executeTakeFirst();
      expect(row).toEqual({ logo_image_id: logo.id, color: '#7048e8', title_vi: null, title_en: 'Shooting Star' });
    } finally {
      await target.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('documents PUT /site in the OpenAPI document', async () => {
    const paths = (await t.request('GET', '/api/docs')).body.paths;
    const put = paths['/api/v1/helpcenter/site'].put;
    expect(put.summary).toMatch(/admins/);
    expect(Object.keys(put.requestBody.content['application/json'].schema.properties)).toEqual(['logoImageId', 'color', 'titleVi', 'titleEn']);
  });
});

describe('the help site palette', () => {
  it('keeps the colour, picks the text that reads on it and darkens links until they read on white', () => {
    expect(helpPalette('#1C7ED6')).toMatchObject({ brand: '#1c7ed6', ink: '#ffffff' });
    const light = helpPalette('#ffe066');
    expect(light.ink).toBe('#212529');
    expect(light.link).not.toBe('#ffe066');
    expect(light.link).toMatch(/^#[0-9a-f]{6}$/);
    expect(helpPalette('#000000')).toEqual({ brand: '#000000', ink: '#ffffff', link: '#000000' });
    expect(helpPalette('red;}body{display:none')).toEqual(helpPalette('#1c7ed6'));
  });
});
