/** Text colour for the inbox colour: white unless the colour is light (WCAG relative luminance > 0.45). */
export function readableInk(hex: string): string {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match?.[1]) return '#ffffff';
  const value = parseInt(match[1], 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 255) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
  return luminance > 0.45 ? '#1a1b1e' : '#ffffff';
}

export function safeColor(hex: string | undefined): string {
  return hex && /^#[0-9a-f]{6}$/i.test(hex) ? hex : '#1c7ed6';
}
