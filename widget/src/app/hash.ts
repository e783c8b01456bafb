/** The loader passes `#token=…&origin=…&locale=…` to the frame; the hash never reaches server logs. */
export interface FrameParams {
  token: string | null;
  /** Origin of the embedding shop page; postMessage goes only there. */
  origin: string | null;
  locale: string | null;
}

export function parseFrameHash(hash: string): FrameParams {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token')?.trim() || null;
  const locale = params.get('locale')?.trim() || null;
  return { token, origin: parseOrigin(params.get('origin')), locale };
}

function parseOrigin(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin === value ? value : null;
  } catch {
    return null;
  }
}
