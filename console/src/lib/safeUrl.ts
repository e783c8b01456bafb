/**
 * Only same-origin paths and http(s) URLs become links or image sources; anything else (javascript:, data:) does not.
 * `relative: false` refuses same-origin paths too, for links that point off-site (a carrier's tracking page).
 */
export function safeUrl(url: string | null | undefined, { relative = true }: { relative?: boolean } = {}): string | null {
  if (!url) return null;
  if (url.startsWith('/') && !url.startsWith('//')) return relative ? url : null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
