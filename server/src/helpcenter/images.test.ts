import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpLimits, type HelpArticleDto, type HelpImageDto, type HelpSiteDto } from '@careloop/contracts';
import type { AgentClient, TestApp } from '../test/harness.ts';
import { sql } from 'kysely';
import { systemCtx } from '../platform/context.ts';
import { sweepUnusedHelpImages } from './images.ts';
import { sanitizeArticleHtml } from './sanitize.ts';
import { startHelpTestApp } from './test-kit.ts';

let t: TestApp;
beforeAll(async () => { t = await startHelpTestApp(); });
afterAll(async () => { await t.close(); });

const api = '/api/v1/helpcenter';
/** A real 1×1 PNG, and the first bytes of the other accepted formats (the type is sniffed from them). */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF jpeg body')]);
const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x10, 0, 0, 0]), Buffer.from('WEBPVP8 webp body')]);

const authHeaders = (who: AgentClient) => ({ cookie: who.cookie, 'x-csrf-token': who.csrf });

/** The console's way: a multipart form with the file under `file`. */
function uploadForm<T = HelpImageDto>(who: AgentClient, bytes: Uint8Array, name = 'anh.png', type = 'image/png') {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  return t.request<T>('POST', `${api}/images`, { body: form, headers: authHeaders(who) });
}

/** A script's way: the bytes as the body. */
const uploadRaw = <T = HelpImageDto>(who: AgentClient, bytes: Uint8Array, headers: Record<string, string> = {}) =>
  t.request<T>('POST', `${api}/images`, { body: bytes, headers: { ...authHeaders(who), 'content-type': 'application/octet-stream', ...headers } });

interface ErrorBody { error: { code: string; message: string; details?: unknown } }

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('help center images', () => {
  it('stores a supervisor’s upload once per picture, sniffing the type from the bytes', async () => {
    const { owner } = await t.workspace();
    const supervisor = await t.addAgent(owner, 'supervisor');
    const site = (await owner.get<HelpSiteDto>(`${api}/site`)).body;

    const first = await uploadForm(supervisor, png);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ contentType: 'image/png', byteSize: png.byteLength, reused: false });
    expect(first.body.id).toMatch(/^hci_[0-9A-Za-z]+$/);
    expect(first.body.path).toBe(`/help/${site.publicKey}/img/${first.body.id}`);
    expect(first.body.url).toBe(`http://localhost:3000${first.body.path}`);

    // The same bytes again, even sent raw under another name and type, reuse the stored image.
    const again = await uploadRaw(supervisor, png, { 'content-type': 'image/jpeg' });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: first.body.id, reused: true });

    const types = await Promise.all([jpeg, gif, webp].map((bytes) => uploadRaw(supervisor, bytes)));
    expect(types.map((r) => [r.status, r.body.contentType])).toEqual([[201, 'image/jpeg'], [201, 'image/gif'], [201, 'image/webp']]);
    expect(new Set(types.map((r) => r.body.id)).size).toBe(3);

    const audit = ((await owner.get('/api/v1/audit-log')).body.items as { action: string; targetId: string }[]).filter((e) => e.action === 'help_image.uploaded');
    expect(audit.map((e) => e.targetId).sort()).toEqual([first.body.id, ...types.map((r) => r.body.id)].sort());
  });

  it('refuses what is not a PNG, JPEG, GIF or WebP image, whatever it claims to be', async () => {
    const { owner } = await t.workspace();
    const html = Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>');
    const fakePng = await uploadForm<ErrorBody>(owner, html, 'anh.png', 'image/png');
    expect(fakePng.status).toBe(415);
    expect(fakePng.body.error).toMatchObject({ code: 'unsupported_media_type', details: { allowed: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] } });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect((await uploadForm(owner, svg, 'logo.svg', 'image/svg+xml')).status).toBe(415);
    expect((await uploadRaw(owner, svg, { 'content-type': 'image/svg+xml' })).status).toBe(415);
    expect((await uploadRaw(owner, Buffer.from('%PDF-1.7 not an image'))).status).toBe(415);
    expect((await uploadRaw(owner, new Uint8Array(0))).status).toBe(400);
    expect((await uploadForm(owner, new Uint8Array(0))).status).toBe(400);
  });

  it('refuses images over the size limit, however they are sent', async () => {
    const { owner } = await t.workspace();
    const big = Buffer.concat([png, Buffer.alloc(helpLimits.imageBytes)]);
    const asForm = await uploadForm<ErrorBody>(owner, big);
    expect(asForm.status).toBe(413);
    expect(asForm.body.error).toMatchObject({ code: 'payload_too_large', details: { maxBytes: helpLimits.imageBytes } });
    expect((await uploadRaw(owner, big, { 'content-length': String(big.byteLength) })).status).toBe(413);
    // Without a Content-Length the body is read only up to the limit.
    expect((await uploadRaw(owner, big)).status).toBe(413);
    const atLimit = Buffer.concat([png, Buffer.alloc(helpLimits.imageBytes - png.byteLength)]);
    expect((await uploadRaw(owner, atLimit)).status).toBe(201);
  });

  it('refuses agents below supervisor', async () => {
    const { owner } = await t.workspace();
    const agent = await t.addAgent(owner, 'agent');
    const refused = await uploadForm<ErrorBody>(agent, png);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await uploadRaw(agent, png)).status).toBe(403);
    expect((await t.request('POST', `${api}/images`, { body: png, headers: { 'content-type': 'image/png' } })).status).toBe(401);
  });

  it('serves images publicly without expiry, with their type, nosniff, long caching and an ETag', async () => {
    const { owner } = await t.workspace();
    const image = (await uploadForm(owner, png)).body;
    const served = await fetchImage(image.path);
    expect(served.status).toBe(200);
    expect(Buffer.from(served.bytes)).toEqual(png);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('content-length')).toBe(String(png.byteLength));
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('content-security-policy')).toContain('sandbox');
    expect(served.headers.get('etag')).toBe(`"${sha(png)}"`);

    const revalidated = await fetchImage(image.path, { 'if-none-match': `W/"${sha(png)}", "other"` });
    expect(revalidated.status).toBe(304);
    expect(revalidated.bytes.byteLength).toBe(0);
    expect(revalidated.headers.get('etag')).toBe(`"${sha(png)}"`);
    expect((await fetchImage(image.path, { 'if-none-match': '"stale"' })).status).toBe(200);

    const key = image.path.split('/')[2]!;
    expect((await fetchImage(`/help/${key}/img/hci_01JZZZZZZZZZZZZZZZZZZZZZZZ`)).status).toBe(404);
    expect((await fetchImage(`/help/${key}/img/not-an-id`)).status).toBe(404);
    expect((await fetchImage(`/help/no-such-site/img/${image.id}`)).status).toBe(404);
  });

  it('never serves one workspace’s image under another’s address, nor reuses it there', async () => {
    const a = await t.workspace();
    const b = await t.workspace({ name: 'Shop Khác' });
    const image = (await uploadForm(a.owner, png)).body;
    const bKey = (await b.owner.get<HelpSiteDto>(`${api}/site`)).body.publicKey;
    expect((await fetchImage(`/help/${bKey}/img/${image.id}`)).status).toBe(404);
    const own = await uploadForm(b.owner, png);
    expect(own.body).toMatchObject({ reused: false });
    expect(own.body.id).not.toBe(image.id);
    expect(own.body.path).toBe(`/help/${bKey}/img/${own.body.id}`);
  });

  it('keeps uploaded images in article HTML (relative or absolute) and still drops data: and javascript: images', async () => {
    const { owner } = await t.workspace();
    const image = (await uploadForm(owner, png)).body;
    const bodyHtml = `<p>Ảnh:</p><img src="${image.path}" alt="Hộp quà"><img src="${image.url}" alt="tuyệt đối">`
      + `<img src="data:image/png;base64,${png.toString('base64')}" alt="data"><img src="javascript:alert(1)" alt="js">`
      + `<img src="${image.path}/../../../files/x" alt="trick"><img src="//evil.example/a.png" alt="proto">`;
    const article = await owner.post<HelpArticleDto>(`${api}/articles`, { vi: { title: 'Gói quà', bodyHtml } });
    expect(article.status).toBe(201);
    const html = article.body.vi!.bodyHtml;
    expect(html).toContain(`<img src="${image.path}" alt="Hộp quà" />`);
    expect(html).toContain(`<img src="${image.path}" alt="tuyệt đối" />`);
    for (const gone of ['data:', 'javascript:', 'alt="trick"', 'evil.example']) expect(html).not.toContain(gone);

    await owner.post(`${api}/articles/${article.body.id}/publish`);
    const page = await t.request<string>('GET', article.body.publicUrl);
    expect(page.body).toContain(`<img src="${image.path}" alt="Hộp quà" />`);
    expect(page.headers.get('content-security-policy')).toMatch(/img-src 'self'/);
  });

  it('sweeps images no article or logo uses a week after their last upload, and keeps the rest serving', async () => {
    const { owner, workspaceId } = await t.workspace();
    const upload = async (bytes: Uint8Array) => (await uploadRaw(owner, bytes)).body;
    const [inDraft, inEnglish, logo, unused, again] = await Promise.all([png, jpeg, gif, webp, Buffer.from([...webp, 1])].map(upload));
    // A draft that uses one image in Vietnamese, another only in its English version; a logo.
    const draft = await owner.post<HelpArticleDto>(`${api}/articles`, {
      vi: { title: 'Gói quà', bodyHtml: `<p>Ảnh:</p><img src="${inDraft!.path}" alt="Hộp quà">` },
      en: { title: 'Gift wrap', bodyHtml: `<p>Photo:</p><img src="${inEnglish!.url}" alt="Gift box">` },
    });
    expect(draft.status).toBe(201);
    expect((await owner.put(`${api}/site`, { logoImageId: logo!.id, color: null, titleVi: null, titleEn: null })).status).toBe(200);
    const ctx = systemCtx(t.deps, workspaceId);

    // Uploaded just now: nothing is old enough.
    expect(await sweepUnusedHelpImages(ctx)).toBe(0);
    // Eight days on for all of them; one is then uploaded again (an editor put it back).
    await sql`update help_images set last_uploaded_at = now() - interval '8 days' where workspace_id = ${workspaceId}`.execute(t.deps.db);
    expect((await uploadRaw(owner, Buffer.from([...webp, 1]))).body).toMatchObject({ id: again!.id, reused: true });

    expect(await sweepUnusedHelpImages(ctx)).toBe(1);
    expect((await fetchImage(unused!.path)).status).toBe(404);
    for (const kept of [inDraft!, inEnglish!, logo!, again!]) expect((await fetchImage(kept.path)).status, kept.id).toBe(200);
    expect(await sweepUnusedHelpImages(ctx)).toBe(0);

    // The same picture uploaded after its sweep is stored anew, under a file of its own.
    const back = (await uploadRaw(owner, webp)).body;
    expect(back).toMatchObject({ reused: false });
    expect(back.id).not.toBe(unused!.id);
    expect(Buffer.from((await fetchImage(back.path)).bytes)).toEqual(webp);

    // An article that drops its image frees it; another workspace's images are never looked at.
    const other = await t.workspace({ name: 'Shop Khác' });
    const theirs = (await uploadRaw(other.owner, png)).body;
    expect((await owner.patch(`${api}/articles/${draft.body.id}`, { vi: { title: 'Gói quà', bodyHtml: '<p>Không còn ảnh.</p>' } })).status).toBe(200);
    await sql`update help_images set last_uploaded_at = now() - interval '8 days'`.execute(t.deps.db);
    expect(await sweepUnusedHelpImages(ctx)).toBe(3); // the Vietnamese image, and the two uploads no article took up
    for (const gone of [inDraft!, again!, back]) expect((await fetchImage(gone.path)).status, gone.id).toBe(404);
    expect((await fetchImage(inEnglish!.path)).status).toBe(200);
    expect((await fetchImage(theirs.path)).status).toBe(200);
  });

  it('uploads of the same new picture at once end with one image and one file', async () => {
    const { owner, workspaceId } = await t.workspace();
    const bytes = Buffer.concat([png, Buffer.from(`race-${Date.now()}`)]);
    const results = (await Promise.all(Array.from({ length: 4 }, () => uploadRaw(owner, bytes)))).map((r) => r.body);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => !r.reused)).toHaveLength(1);
    const dir = join(t.deps.config.dataDir, 'files', workspaceId, 'help-images', sha(bytes).slice(0, 2));
    expect(readdirSync(dir).filter((f) => f.startsWith(sha(bytes)))).toHaveLength(1);
    expect(Buffer.from((await fetchImage(results[0]!.path)).bytes)).toEqual(bytes);
  });

  it('documents the upload, the public image and the feedback endpoints in the OpenAPI document', async () => {
    const paths = (await t.request('GET', '/api/docs')).body.paths;
    expect(paths['/api/v1/helpcenter/images'].post.summary).toMatch(/PNG, JPEG, GIF or WebP/);
    expect(paths['/help/{key}/img/{id}'].get.security).toEqual([]);
    expect(paths['/api/v1/helpcenter/articles/{id}/feedback'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'cursor', 'limit']);
  });

  it('stores our own absolute image addresses relative, and leaves other hosts alone', () => {
    const own = 'https://cskh.shop.vn/help/shop-hoa-mai-k3x9qz/img/hci_01JABCDEFGHJKMNPQRSTVWXYZ0';
    expect(sanitizeArticleHtml(`<img src="${own}">`, { publicUrl: 'https://cskh.shop.vn/' })).toBe('<img src="/help/shop-hoa-mai-k3x9qz/img/hci_01JABCDEFGHJKMNPQRSTVWXYZ0" />');
    expect(sanitizeArticleHtml(`<img src="${own}">`, { publicUrl: 'https://other.vn' })).toBe(`<img src="${own}" />`);
    expect(sanitizeArticleHtml('<img src="/help/shop/img/hci_01JABCDEFGHJKMNPQRSTVWXYZ0?x=1">')).toBe('');
    expect(sanitizeArticleHtml('<img src="/help/Shop/img/hci_01JABCDEFGHJKMNPQRSTVWXYZ0">')).toBe('');
  });
});

async function fetchImage(path: string, headers: Record<string, string> = {}) {
  const res = await t.careloop.app.request(path, { headers });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}
