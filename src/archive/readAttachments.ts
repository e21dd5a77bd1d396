// The files embedded in a PDF: from the catalog's associated files (/AF) and the EmbeddedFiles name tree, each with its bytes.
import { decodeStream, nameOf, PdfDict, PdfStream, resolve, textOf, type PdfObjects, type PdfValue } from './readPdfObjects.js';

/** One embedded file. */
export interface EmbeddedFile {
  /** The file name (UF, else F). */
  name: string;
  /** AFRelationship (Source, Data…), or null when the file is not an associated file. */
  relationship: string | null;
  /** The MIME type (the embedded file stream's Subtype), or null. */
  mime: string | null;
  description: string | null;
  /** Whether the stream's Params hold a ModDate (PDF/A-3 asks for one). */
  hasModDate: boolean;
  /** The decoded bytes. */
  bytes: Uint8Array;
}

/** Deepest name tree walked: real trees are two or three levels deep; this stops a loop. */
const MAX_TREE_DEPTH = 16;

/** Every embedded file of the document, associated files first, each file specification once. */
export function readAttachments(pdf: PdfObjects): EmbeddedFile[] {
  const { objects } = pdf;
  const catalog = resolve(objects, pdf.trailer.get('Root'));
  if (!(catalog instanceof PdfDict)) return [];
  const specs: PdfValue[] = [];
  const af = resolve(objects, catalog.get('AF'));
  if (Array.isArray(af)) specs.push(...af);
  const names = resolve(objects, catalog.get('Names'));
  if (names instanceof PdfDict) collectNameTree(objects, resolve(objects, names.get('EmbeddedFiles')), specs, 0);
  const seen = new Set<PdfValue>();
  const out: EmbeddedFile[] = [];
  for (const ref of specs) {
    const spec = resolve(objects, ref);
    if (!(spec instanceof PdfDict) || seen.has(spec)) continue;
    seen.add(spec);
    const file = readFileSpec(objects, spec);
    if (file) out.push(file);
  }
  return out;
}

function collectNameTree(objects: Map<number, PdfValue>, node: PdfValue | undefined, out: PdfValue[], depth: number): void {
  if (!(node instanceof PdfDict) || depth > MAX_TREE_DEPTH) return;
  const pairs = resolve(objects, node.get('Names'));
  if (Array.isArray(pairs)) for (let i = 1; i < pairs.length; i += 2) out.push(pairs[i]!);
  const kids = resolve(objects, node.get('Kids'));
  if (Array.isArray(kids)) for (const kid of kids) collectNameTree(objects, resolve(objects, kid), out, depth + 1);
}

function readFileSpec(objects: Map<number, PdfValue>, spec: PdfDict): EmbeddedFile | null {
  const ef = resolve(objects, spec.get('EF'));
  if (!(ef instanceof PdfDict)) return null;
  const stream = resolve(objects, ef.get('UF') ?? ef.get('F'));
  if (!(stream instanceof PdfStream)) return null;
  const params = resolve(objects, stream.dict.get('Params'));
  return {
    name: textOf(resolve(objects, spec.get('UF'))) ?? textOf(resolve(objects, spec.get('F'))) ?? 'attachment',
    relationship: nameOf(resolve(objects, spec.get('AFRelationship'))) ?? null,
    mime: nameOf(resolve(objects, stream.dict.get('Subtype'))) ?? null,
    description: textOf(resolve(objects, spec.get('Desc'))) ?? null,
    hasModDate: params instanceof PdfDict && params.get('ModDate') !== undefined,
    bytes: decodeStream(stream, objects),
  };
}
