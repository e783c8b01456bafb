/** The pure email content pipeline: parse → classify → split quotes → sanitise. No database, no network. */
export { parseEmail, DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_MAX_ATTACHMENTS, DEFAULT_MAX_MESSAGE_BYTES, type ParseEmailOptions, type ParsedEmail } from './parse.ts';
export type { EmailAddress } from './addresses.ts';
export { normalizeContentId, sanitizeFilename, type DroppedAttachment, type ParsedAttachment, type ReportParts } from './attachments.ts';
export { EmailContentError, isEmailContentError, type EmailContentErrorCode } from './errors.ts';
export { normalizeInReplyTo, normalizeMessageId, normalizeReferences } from './ids.ts';
export { sniffContentType } from './sniff.ts';
export { AUTO_REPLY_SUBJECT, classifyEmail, isLoopRisk, type BounceDetails, type EmailClassification, type EmailKind } from './classify.ts';
export * from './markers.ts';
export { splitHtmlQuote, splitTextQuote, type QuoteSplit } from './quotes.ts';
export { htmlToText, REMOTE_SRC_ATTRIBUTE, sanitizeEmailHtml, type SanitizeEmailOptions, type SanitizedEmailHtml } from './sanitize.ts';
export { buildEmailContent, type EmailContent } from './content.ts';
