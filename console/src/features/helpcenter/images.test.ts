import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { helpLimits, type HelpImageDto } from '@careloop/contracts';
import { ApiError, setUnauthorizedHandler } from '../../lib/api.ts';
import { at, me } from '../../testing/fixtures.ts';
import { renderHtml } from '../../testing/render.ts';
import { ArticleEditor } from './ArticleEditor.tsx';
import { formOfArticle } from './articleForm.ts';
import { safeImageSrc, serialize, tidyTree } from './editorHtml.ts';
import { altOf, imageProblem, sendImage } from './imageUpload.ts';
import { ImageUploadList } from './ImageUploads.tsx';
import { article } from './testFixtures.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedHandler(() => undefined);
});

const uploaded: HelpImageDto = {
  id: 'hci_01JABCDEFGHJKMNPQRSTVWXYZ0', path: '/help/shop-hoa-k3x9qz/img/hci_01JABCDEFGHJKMNPQRSTVWXYZ0',
  url: 'https://cskh.shop.vn/help/shop-hoa-k3x9qz/img/hci_01JABCDEFGHJKMNPQRSTVWXYZ0', contentType: 'image/png', byteSize: 68, reused: false, createdAt: at(0),
};

/**
 * Node has no XMLHttpRequest: this one records what the editor sends and answers as the server
 * would, reporting upload progress on the way.
 */
class RecordingXhr {
  static last: RecordingXhr | null = null;
  static answer: { status: number; body: string } | 'network' = { status: 201, body: JSON.stringify(uploaded) };
  method = '';
  url = '';
  headers: Record<string, string> = {};
  withCredentials = false;
  sent: unknown = null;
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() { RecordingXhr.last = this; }
  open(method: string, url: string) { this.method = method; this.url = url; }
  setRequestHeader(name: string, value: string) { this.headers[name] = value; }
  send(body: unknown) {
    this.sent = body;
    const answer = RecordingXhr.answer;
    queueMicrotask(() => {
      if (answer === 'network') return this.onerror?.();
      this.upload.onprogress?.({ lengthComputable: true, loaded: 40, total: 100 });
      this.upload.onprogress?.({ lengthComputable: true, loaded: 100, total: 100 });
      this.status = answer.status;
      this.responseText = answer.body;
      this.onload?.();
    });
  }
}

const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'hop-qua_do.png', { type: 'image/png' });

describe('uploading article images', () => {
  it('checks type and size before sending', () => {
    expect(imageProblem({ type: 'image/png', size: 1000 })).toBeNull();
    expect(imageProblem({ type: 'image/webp', size: helpLimits.imageBytes })).toBeNull();
    expect(imageProblem({ type: 'image/svg+xml', size: 10 })).toBe('type');
    expect(imageProblem({ type: 'text/html', size: 10 })).toBe('type');
    expect(imageProblem({ type: 'image/jpeg', size: helpLimits.imageBytes + 1 })).toBe('size');
  });

  it('starts the description from a meaningful file name only', () => {
    expect(altOf('hop-qua_do.png')).toBe('hop qua do');
    expect(altOf('Đổi trả hàng.jpeg')).toBe('Đổi trả hàng');
    expect(altOf('image.png')).toBe('');
    expect(altOf('Screenshot 2026-03-01 at 10.22.31.png')).toBe('');
    expect(altOf('Ảnh chụp màn hình 2026-03-01.png')).toBe('');
    expect(altOf('IMG_2041.JPG')).toBe('');
    expect(altOf('')).toBe('');
  });

  it('sends the file as a form with the session and CSRF token, reporting progress', async () => {
    vi.stubGlobal('XMLHttpRequest', RecordingXhr);
    RecordingXhr.answer = { status: 201, body: JSON.stringify(uploaded) };
    const progress: number[] = [];
    const file = png();
    const image = await sendImage(file, 'csrf-123', (p) => progress.push(p));
    expect(image).toEqual(uploaded);
    const xhr = RecordingXhr.last!;
    expect([xhr.method, xhr.url, xhr.withCredentials]).toEqual(['POST', '/api/v1/helpcenter/images', true]);
    expect(xhr.headers).toEqual({ accept: 'application/json', 'x-csrf-token': 'csrf-123' });
    expect(xhr.sent).toBeInstanceOf(FormData);
    expect(((xhr.sent as FormData).get('file') as File).name).toBe('hop-qua_do.png');
    expect(progress).toEqual([0.4, 1]);
  });

  it("turns the server's refusals and network failures into API errors", async () => {
    vi.stubGlobal('XMLHttpRequest', RecordingXhr);
    RecordingXhr.answer = { status: 415, body: JSON.stringify({ error: { code: 'unsupported_media_type', message: 'Only images', details: { allowed: ['image/png'] } } }) };
    await expect(sendImage(png(), null, () => undefined)).rejects.toMatchObject({ status: 415, code: 'unsupported_media_type', details: { allowed: ['image/png'] } });
    expect(RecordingXhr.last!.headers['x-csrf-token']).toBeUndefined();
    RecordingXhr.answer = { status: 413, body: '<html>Request Entity Too Large</html>' };
    await expect(sendImage(png(), null, () => undefined)).rejects.toMatchObject({ code: 'payload_too_large' });
    RecordingXhr.answer = 'network';
    await expect(sendImage(png(), null, () => undefined)).rejects.toBeInstanceOf(ApiError);
    const signedOut = vi.fn();
    setUnauthorizedHandler(signedOut);
    RecordingXhr.answer = { status: 401, body: JSON.stringify({ error: { code: 'unauthenticated', message: 'Sign in' } }) };
    await expect(sendImage(png(), null, () => undefined)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(signedOut).toHaveBeenCalledOnce();
  });

  it('shows each upload’s progress, and failures with the file name until dismissed', () => {
    const uploads = [
      { key: 'a', name: 'hop-qua.png', progress: 0.42, error: null },
      { key: 'b', name: 'logo.svg', progress: 0, error: 'Chỉ nhận ảnh PNG, JPEG, GIF hoặc WebP.' },
    ];
    const html = renderHtml(createElement(ImageUploadList, { uploads, onDismiss: () => undefined }), { lang: 'vi' });
    expect(html.one('help-image-upload').text).toBe('Đang tải lên hop-qua.png42%');
    expect(html.one('help-image-upload-error').text).toBe('Không tải lên được logo.svg: Chỉ nhận ảnh PNG, JPEG, GIF hoặc WebP.');
    expect(renderHtml(createElement(ImageUploadList, { uploads: [], onDismiss: () => undefined })).has('help-image-uploads')).toBe(false);
  });

  it('keeps uploaded images through the editor’s tidying, and refuses look-alikes', () => {
    expect(safeImageSrc(uploaded.path)).toBe(uploaded.path);
    expect(safeImageSrc(uploaded.url)).toBe(uploaded.url);
    for (const bad of ['/help/shop/img/../../files/x', '/help/Shop/img/hci_01JABCDEFGHJKMNPQRSTVWXYZ0', 'data:image/png;base64,AAAA', 'javascript:alert(1)', '//evil.example/a.png']) {
      expect(safeImageSrc(bad)).toBeNull();
    }
    const tree = tidyTree([{ type: 'element', tag: 'img', attrs: { src: uploaded.path, alt: 'Hộp quà', onerror: 'x()' }, children: [] }]);
    expect(serialize(tree)).toBe(`<p><img src="${uploaded.path}" alt="Hộp quà"></p>`);
  });

  it('offers the upload button in the toolbar to writers only', () => {
    const draft = article();
    const props = { article: draft, initial: formOfArticle(draft), categories: [], canWrite: true };
    expect(renderHtml(createElement(ArticleEditor, props), { me: me({ role: 'supervisor' }) }).one('editor-image-upload').attrs['aria-label']).toBe('Upload images');
    const readOnly = { ...props, article: { ...draft, abilities: { update: false, publish: false, delete: false } }, canWrite: false };
    expect(renderHtml(createElement(ArticleEditor, readOnly), { me: me({ role: 'agent' }) }).has('editor-image-upload')).toBe(false);
  });
});
