// What the draw stage needs besides the pages: document metadata.

/** Document information written into the PDF. */
export interface DocumentMetadata {
  title: string;
  /** The organisation. */
  author: string;
  /** The release reference. */
  subject: string;
  keywords: string;
  /** BCP 47 language of the document. */
  language: string;
  /** Creation date (from the release date, so the same input gives the same bytes). */
  created: Date;
  /** The program and layout that made the PDF. */
  creator: string;
}
