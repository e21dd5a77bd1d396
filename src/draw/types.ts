// What the draw stage needs besides the pages: document metadata and, for archival copies, the PDF/A level and attachments.

/** Document information written into the PDF (info dictionary and XMP, the same text in both). */
export interface DocumentMetadata {
  title: string;
  /** The organisation. */
  author: string;
  /** The release reference. */
  subject: string;
  keywords: string;
  /** BCP 47 language of the document. */
  language: string;
  /** Creation (and modification) date: from the release date, or SOURCE_DATE_EPOCH, so the same input gives the same bytes. */
  created: Date;
  /** The program and layout that made the PDF. */
  creator: string;
}

/** PDF/A levels we write: 2b (ISO 19005-2, visual appearance) and 3b (the same, with associated files). */
export type PdfaLevel = '2b' | '3b';

/** The PDF/A levels, for option checking. */
export const PDFA_LEVELS: readonly PdfaLevel[] = ['2b', '3b'];

/** How a file attached to the PDF relates to it (PDF/A-3 AFRelationship). */
export type AttachmentRelationship = 'Source' | 'Data' | 'Alternative' | 'Supplement' | 'Unspecified';

/** A file embedded in the PDF as an associated file of the document. */
export interface Attachment {
  /** File name shown by readers and used by `pressroom extract`. */
  name: string;
  bytes: Uint8Array;
  /** MIME type, e.g. `text/markdown`. */
  mime: string;
  description: string;
  relationship: AttachmentRelationship;
}

/** What makes a PDF an archival copy. */
export interface ArchiveOptions {
  /** PDF/A level to claim and meet; absent for an ordinary PDF. */
  pdfa?: PdfaLevel;
  /** Associated files (PDF/A-3 only allows arbitrary files; PDF/A-2 none). */
  attachments: readonly Attachment[];
  /** The sRGB ICC profile of the PDF/A output intent (required with `pdfa`). */
  iccProfile?: Uint8Array;
}
