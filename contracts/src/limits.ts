/** Size limits shared by server validation and client-side checks. */
export const limits = {
  /** Request bodies of JSON endpoints. */
  jsonBodyBytes: 256 * 1024,
  messageChars: 10_000,
  nameChars: 200,
  emailChars: 254,
  noteChars: 10_000,
  cannedBodyChars: 5_000,
  attachmentBytes: 10 * 1024 * 1024,
  attachmentsPerMessage: 5,
  labelChars: 50,
  labelsPerConversation: 20,
  tagsPerContact: 50,
  attributesBytes: 16 * 1024,
  pageSizeMax: 100,
  pageSizeDefault: 25,
  searchQueryChars: 200,
} as const;

export const imageTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export const attachmentTypes = [...imageTypes, 'application/pdf', 'text/plain'] as const;
