// Reads a PDF's structure tree (per page, as pdfjs-dist exposes it), its outline and its attachments, for the archive tests.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A structure element as pdfjs reports it: role, alternate text, language, children (elements, content, annotations). */
export interface StructNode {
  role?: string;
  alt?: string;
  lang?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/** What the archive tests read back. */
export interface ArchiveReadBack {
  /** The structure tree of each page (pdfjs builds one per page from the parent tree). */
  trees: StructNode[];
  /** Outline (bookmark) titles, nested. */
  outline: Array<{ title: string; items: Array<{ title: string }> }>;
  /** Attachments by file name. */
  attachments: Record<string, Uint8Array>;
  /** dc:title from the XMP, as pdfjs parses it. */
  xmpTitle: string | null;
}

/** Opens the PDF with pdfjs and reads the structure, outline, attachments and XMP title. */
export async function readArchive(bytes: Uint8Array): Promise<ArchiveReadBack> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const trees: StructNode[] = [];
    for (let n = 1; n <= doc.numPages; n++) trees.push((await (await doc.getPage(n)).getStructTree()) as StructNode);
    const outline = ((await doc.getOutline()) ?? []).map((o) => ({ title: o.title, items: o.items.map((i) => ({ title: i.title })) }));
    const raw = ((await doc.getAttachments()) ?? {}) as Record<string, { content: Uint8Array }>;
    const attachments = Object.fromEntries(Object.entries(raw).map(([name, a]) => [name, a.content]));
    const { metadata } = await doc.getMetadata();
    return { trees, outline, attachments, xmpTitle: metadata?.get('dc:title') ?? null };
  } finally {
    await doc.destroy();
  }
}

/** The roles of a tree in document (depth-first) order, each indented by its depth: a readable outline of the structure. */
export function roleLines(node: StructNode, depth = 0, out: string[] = []): string[] {
  if (node.role && node.role !== 'Root') out.push(`${'  '.repeat(depth)}${node.role}`);
  for (const child of node.children ?? []) if (child.role) roleLines(child, node.role && node.role !== 'Root' ? depth + 1 : depth, out);
  return out;
}

/** Every element with the given role, depth-first. */
export function findRole(node: StructNode, role: string, out: StructNode[] = []): StructNode[] {
  if (node.role === role) out.push(node);
  for (const child of node.children ?? []) findRole(child, role, out);
  return out;
}
