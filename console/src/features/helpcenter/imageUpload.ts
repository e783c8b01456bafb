import { helpImageTypes, helpLimits, isErrorBody, type ErrorCode, type HelpImageDto } from '@careloop/contracts';
import { API, ApiError, signalUnauthorized } from '../../lib/api.ts';

/**
 * Article images go to `POST /api/v1/helpcenter/images`, which answers with a public address that
 * never expires (`/help/<key>/img/<id>`). XMLHttpRequest rather than fetch: only it reports upload
 * progress, which a 5 MB photo on a shop's connection needs.
 */

export type ImageProblem = 'type' | 'size';

/** Checked before sending (the server checks again, sniffing the bytes). */
export function imageProblem(file: { type: string; size: number }): ImageProblem | null {
  if (!(helpImageTypes as readonly string[]).includes(file.type)) return 'type';
  if (file.size > helpLimits.imageBytes) return 'size';
  return null;
}

const genericName = /^(image|img|photo|screenshot|screen shot|clipboard|pasted|untitled|ảnh chụp màn hình)(?![\p{L}])/iu;

/** A starting description from the file name (`hop-qua_do.png` → `hop qua do`); screenshots and pastes get none. */
export function altOf(fileName: string): string {
  const stem = fileName.replace(/\.[a-z0-9]{2,5}$/i, '').replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return !/\p{L}/u.test(stem) || genericName.test(stem) ? '' : stem.slice(0, 200);
}

function statusCode(status: number): ErrorCode {
  if (status === 0) return 'unavailable';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  return status >= 500 ? 'internal' : 'bad_request';
}

function errorOf(status: number, text: string): ApiError {
  let data: unknown = null;
  try {
    data = JSON.parse(text);
  } catch {
    // not JSON (a proxy's page): the status speaks
  }
  return isErrorBody(data) ? new ApiError(status, data.error.code, data.error.message, data.error.details) : new ApiError(status, statusCode(status), 'upload failed');
}

/** Sends one image as a multipart form; `onProgress` gets 0–1 while the bytes go up. */
export function sendImage(file: File, csrfToken: string | null, onProgress: (fraction: number) => void): Promise<HelpImageDto> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API}/helpcenter/images`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(1, e.loaded / e.total));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as HelpImageDto);
        } catch {
          reject(new ApiError(xhr.status, 'internal', 'unreadable answer'));
        }
        return;
      }
      if (xhr.status === 401) signalUnauthorized();
      reject(errorOf(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'unavailable', 'network error'));
    const form = new FormData();
    form.append('file', file, file.name || 'image');
    xhr.send(form);
  });
}
