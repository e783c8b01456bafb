/**
 * Markers CareLoop puts into its own outbound mail, so that replies and loops can be recognised.
 * The outbound composer imports these; quotes.ts and classify.ts look for them.
 */

/** Header on every mail CareLoop sends. A mail that comes back carrying it is never answered automatically. */
export const LOOP_HEADER = 'X-CareLoop-Loop';

/** The visible separator lines, Vietnamese first (spec §6.4). */
export const REPLY_MARKER_LINE_VI = '— Vui lòng trả lời phía trên dòng này —';
export const REPLY_MARKER_LINE_EN = '— Please reply above this line —';

/** Put at the top of outbound plain text, above the agent's message. */
export const REPLY_MARKER_TEXT = `${REPLY_MARKER_LINE_VI}\n${REPLY_MARKER_LINE_EN}`;

/**
 * Class and attribute of the marker element. Gmail rewrites classes of quoted mail (`m_123careloop-…`)
 * and drops data attributes, so the HTML cut also matches the class as a substring and the visible
 * line as text.
 */
export const REPLY_MARKER_CLASS = 'careloop-reply-marker';
export const REPLY_MARKER_ATTRIBUTE = 'data-careloop-reply-marker';

/**
 * Put at the top of outbound HTML: an empty hidden element (kept by most clients when quoting) plus
 * the visible lines in an element with the same class (what survives when the hidden one is dropped).
 */
export const REPLY_MARKER_HTML =
  `<div class="${REPLY_MARKER_CLASS}" ${REPLY_MARKER_ATTRIBUTE}="1" style="display:none"></div>` +
  `<div class="${REPLY_MARKER_CLASS}" style="color:#8a8a8a;font-size:12px;margin:0 0 12px 0">${REPLY_MARKER_LINE_VI}<br>${REPLY_MARKER_LINE_EN}</div>`;

/**
 * Matches either visible marker line (NFC input), tolerating the dashes clients substitute for the
 * em dash and a leading `>` quote prefix.
 */
export const REPLY_MARKER_PATTERN = /^[\s>]*[-—–]{1,3}\s*(?:vui lòng trả lời phía trên dòng này|please reply above this line)\s*[-—–]{1,3}\s*$/iu;
