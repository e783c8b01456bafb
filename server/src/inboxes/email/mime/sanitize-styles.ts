import type sanitizeHtml from 'sanitize-html';

/**
 * CSS values allowed in mail `style` attributes, one anchored pattern per property. None admits a
 * parenthesis except rgb()/hsl() colours, a backslash or a colon, so `url(…)`, `expression(…)`,
 * escapes and `javascript:` cannot get through; `position`, `z-index`, `background-image`, negative
 * margins and the like are simply not listed (no overlays over the console's own UI). Repetitions are
 * bounded ({0,3}), so the overlapping alternatives cannot backtrack exponentially.
 */
const LENGTH = String.raw`(?:0|\d{1,4}(?:\.\d{1,4})?(?:px|pt|em|rem|ex|ch|%|cm|mm|in|vw|vh)?)`;
const COLOR = String.raw`(?:#[0-9a-f]{3,8}|rgba?\(\s*\d{1,3}%?\s*(?:,\s*\d{1,3}%?\s*){2}(?:,\s*(?:0|1|0?\.\d+)\s*)?\)|hsla?\(\s*\d{1,3}(?:deg)?\s*(?:,\s*\d{1,3}%\s*){2}(?:,\s*(?:0|1|0?\.\d+)\s*)?\)|[a-z]{3,25})`;
const BORDER_STYLE = 'none|hidden|solid|dashed|dotted|double|groove|ridge|inset|outset';

const only = (pattern: string) => [new RegExp(`^\\s*(?:${pattern})\\s*$`, 'iu')];
const upTo4 = (token: string) => only(`${token}(?:\\s+${token}){0,3}`);

const color = only(COLOR);
const box = upTo4(`(?:auto|${LENGTH})`);
const size = only(`auto|${LENGTH}`);
const border = only(`(?:${LENGTH}|thin|medium|thick|${BORDER_STYLE}|${COLOR})(?:\\s+(?:${LENGTH}|thin|medium|thick|${BORDER_STYLE}|${COLOR})){0,2}`);
/** Font names: letters (any script), digits, spaces, quotes, commas and hyphens. */
const fontFamily = only(String.raw`[\p{L}\p{N} ,'"-]{1,200}`);

const properties: Record<string, RegExp[]> = {
  color,
  'background-color': color,
  background: color,
  'font-family': fontFamily,
  'font-size': only(`${LENGTH}|xx-small|x-small|small|medium|large|x-large|xx-large|smaller|larger`),
  'font-weight': only('normal|bold|bolder|lighter|[1-9]00'),
  'font-style': only('normal|italic|oblique'),
  'font-variant': only('normal|small-caps'),
  font: only(String.raw`[\p{L}\p{N} ,'"./%-]{1,200}`),
  'line-height': only(`normal|\\d{1,3}(?:\\.\\d{1,3})?|${LENGTH}`),
  'letter-spacing': only(`normal|${LENGTH}`),
  'text-align': only('left|right|center|justify|start|end'),
  'text-decoration': only(`(?:none|underline|overline|line-through)(?:\\s+(?:solid|double|dotted|dashed|wavy|${COLOR})){0,2}`),
  'text-transform': only('none|uppercase|lowercase|capitalize'),
  'text-indent': only(LENGTH),
  'vertical-align': only(`baseline|top|middle|bottom|sub|super|text-top|text-bottom|${LENGTH}`),
  'white-space': only('normal|nowrap|pre|pre-wrap|pre-line'),
  'word-break': only('normal|break-all|keep-all|break-word'),
  'overflow-wrap': only('normal|break-word|anywhere'),
  display: only('block|inline|inline-block|none|table|table-row|table-cell|list-item'),
  float: only('left|right|none'),
  clear: only('left|right|both|none'),
  'list-style-type': only('[a-z-]{1,30}'),
  'table-layout': only('auto|fixed'),
  'border-collapse': only('collapse|separate'),
  'border-spacing': only(`${LENGTH}(?:\\s+${LENGTH})?`),
  'border-radius': upTo4(LENGTH),
  'border-color': upTo4(COLOR),
  'border-width': upTo4(`(?:${LENGTH}|thin|medium|thick)`),
  'border-style': upTo4(`(?:${BORDER_STYLE})`),
};
for (const prop of ['margin', 'padding']) {
  properties[prop] = box;
  for (const side of ['top', 'right', 'bottom', 'left']) properties[`${prop}-${side}`] = size;
}
for (const prop of ['width', 'min-width', 'max-width', 'height', 'min-height', 'max-height']) properties[prop] = size;
for (const side of ['', '-top', '-right', '-bottom', '-left']) properties[`border${side}`] = border;

export const allowedStyles: NonNullable<sanitizeHtml.IOptions['allowedStyles']> = { '*': properties };
