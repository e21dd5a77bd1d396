// The associated files of an archival copy: the release file as it was read, and the layout (name, version) that made the PDF.
import { basename } from 'node:path';
import type { Attachment } from '../draw/types.js';
import type { SourceFile, SourceKind } from '../load/types.js';

/** Name of the attached JSON that says which layout and pressroom made the PDF. */
export const LAYOUT_ATTACHMENT_NAME = 'pressroom-layout.json';

/** MIME types of release files. */
const MIME_TYPES: Record<SourceKind, string> = { markdown: 'text/markdown', json: 'application/json', yaml: 'application/yaml' };
/** File name extensions for a release read from stdin. */
const EXTENSIONS: Record<SourceKind, string> = { markdown: 'md', json: 'json', yaml: 'yaml' };

/** What the layout attachment holds. */
export interface LayoutRecord {
  layout: string;
  version: string;
  pressroom: string;
}

/** The release source (AFRelationship Source) and the layout record (Data), byte for byte what made the PDF. */
export function sourceAttachments(source: SourceFile, layout: LayoutRecord): Attachment[] {
  const name = source.path === '<stdin>' || source.path === '-' ? `release.${EXTENSIONS[source.kind]}` : basename(source.path);
  return [
    { name, bytes: source.bytes, mime: MIME_TYPES[source.kind], description: 'The press release as written: the source of this PDF', relationship: 'Source' },
    { name: LAYOUT_ATTACHMENT_NAME, bytes: new TextEncoder().encode(`${JSON.stringify(layout, null, 2)}\n`), mime: 'application/json', description: 'The layout and program that rendered this PDF', relationship: 'Data' },
  ];
}
