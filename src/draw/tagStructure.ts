// Tagged PDF: marks every drawn item as structure content or an artifact, then writes the structure tree in document order.
import type { FoElement } from '../fo/types.js';
import type { LinkItem } from '../typeset/types.js';
import type { PageContent } from './pageContent.js';
import { addLinkAnnotation } from './linkAnnotation.js';
import { dictionaryText, endWithText, refText, stringText } from './pdfObjectText.js';
import { internalsOf, type PdfkitInternals, type PdfRef } from './pdfkitInternals.js';
import { structureRoleOf, textOf } from './structureRoles.js';

/** Order of the Document's children by where they come from: the flow, then asides, then links found in artifacts. */
const RANK_FLOW = 0;
const RANK_ASIDE = 1;
const RANK_ARTIFACT_LINK = 2;
/** Makes an FO position one sortable number (no filled FO line is anywhere near this many columns wide). */
const COLUMNS_PER_LINE = 1_000_000;

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4): anything else needs a role map entry. */
const STANDARD_TYPES = new Set(['Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private', 'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot', 'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP', 'Figure', 'Formula', 'Form']);
/** PDF 2.0 types (and a few obvious ones) a layout may name in `role`, and the PDF 1.7 type they are role-mapped to. */
const ROLE_MAP: Record<string, string> = { Aside: 'Sect', Title: 'P', FENote: 'Note', Sub: 'Span', Em: 'Span', Strong: 'Span', DocumentFragment: 'Div' };
/** What any other non-standard role is mapped to: a grouping without meaning of its own. */
const FALLBACK_ROLE = 'Div';

/** A piece of the structure tree: one structure element and what it holds. */
interface StructNode {
  type: string;
  ref: PdfRef;
  parent: StructNode | null;
  kids: Kid[];
  /** Orders the Document's children (RANK_…). */
  rank: number;
  /** Where the FO element starts in the filled FO: siblings follow document order. */
  pos: number;
  /** Drawing sequence of the node's first content: places it among its parent's own content. */
  firstSeq: number;
  alt?: string;
  lang?: string;
}

/** A child of a structure element: another element, marked content (MCID on a page), or an annotation. */
type Kid = NodeKid | { kind: 'mcid'; mcid: number; page: PdfRef; seq: number } | { kind: 'objr'; annot: PdfRef; page: PdfRef; seq: number };
type NodeKid = { kind: 'node'; node: StructNode };

/** Where an item's content goes: a structure element, or an artifact of a kind. */
type Target = { node: StructNode } | { artifact: 'Pagination' | 'Layout' };

/** Builds the structure tree while the pages are drawn; `finish` writes it. */
export class StructureTagger {
  readonly #doc: PdfkitInternals;
  /** Where marked-content operators go: the content of the page being drawn. */
  readonly #out: PageContent;
  readonly #document: StructNode;
  readonly #nodes: StructNode[] = [];
  readonly #byElement = new Map<FoElement, StructNode>();
  /** Open bookmarks by heading level, so H2 nests under the H1 before it. */
  readonly #outline: Array<{ level: number; item: ReturnType<PdfkitInternals['outline']['addItem']> }> = [];
  #seq = 0;
  /**
   * The marked-content sequence still open on the page: consecutive items of one structure element (a paragraph's
   * lines) or of one kind of artifact share it, which keeps the content stream and the parent tree small.
   */
  #open: { owner: StructNode | string; page: PdfRef } | null = null;
  /** The path `content` resolved last, and what it resolved to (a path always resolves alike once it has been). */
  #lastPath: readonly FoElement[] | undefined = undefined;
  #lastTarget: Target = { artifact: 'Layout' };

  constructor(doc: PDFKit.PDFDocument, out: PageContent) {
    this.#doc = internalsOf(doc);
    this.#out = out;
    this.#document = this.#newNode('Document', null, RANK_FLOW, 0);
  }

  /** Draws `draw` as the content of the structure element its path names, or as an artifact; `top` places a heading's bookmark. */
  content(path: readonly FoElement[] | undefined, draw: () => void, top = 0): void {
    // The lines and runs of one paragraph share their path: two thirds of a page's items resolve as the one before.
    if (path !== this.#lastPath) this.#lastTarget = path ? this.#resolve(path, top) : { artifact: 'Layout' };
    this.#lastPath = path;
    const target = this.#lastTarget;
    if ('artifact' in target) return this.artifact(target.artifact, draw);
    this.#markAndDraw(target.node, draw);
  }

  /** Draws an image as a Figure inside the element its path names (its alternate text is still missing: see the README). */
  figure(path: readonly FoElement[], draw: () => void): void {
    const target = this.#resolve(path, 0);
    if ('artifact' in target) return this.artifact(target.artifact, draw);
    const figure = this.#newNode('Figure', target.node, RANK_FLOW, Number.MAX_SAFE_INTEGER);
    this.#markAndDraw(figure, draw);
    // A figure is one marked-content sequence of its own.
    this.closeMarkedContent();
  }

  /** Draws decoration (backgrounds, borders, rules) as an artifact. */
  artifact(type: 'Pagination' | 'Layout', draw: () => void): void {
    if (!this.#continues(type)) {
      this.#out.push(`/Artifact <</Type /${type}>> BDC`);
      this.#open = { owner: type, page: this.#doc.page.dictionary };
    }
    draw();
  }

  /** Closes the open marked-content sequence: before a page ends, and after a figure (a sequence of its own). */
  closeMarkedContent(): void {
    if (!this.#open) return;
    this.#out.push('EMC');
    this.#open = null;
  }

  /** Whether drawing for `owner` continues the open sequence; otherwise the open one is closed. */
  #continues(owner: StructNode | string): boolean {
    if (this.#open && this.#open.owner === owner && this.#open.page === this.#doc.page.dictionary) return true;
    this.closeMarkedContent();
    return false;
  }

  /** Adds a link annotation as the child of its Link element, with the link's text (or URL) as alternate text. */
  link(item: LinkItem): void {
    const node = this.#linkNode(item.path);
    node.alt ??= (linkElement(item.path) && textOf(linkElement(item.path)!)) || item.url;
    const doc = this.#doc;
    const key = doc.createStructParentTreeNextKey();
    doc.getStructParentTree().add(key, node.ref);
    addLinkAnnotation(doc, item, key, node.alt);
    node.kids.push({ kind: 'objr', annot: doc.page.annotations.at(-1)!, page: doc.page.dictionary, seq: this.#seq++ });
  }

  /** Writes every structure element (parents, kids in document order, page references) and hangs the tree on the catalog. */
  finish(): void {
    const root = this.#doc.getStructTreeRoot();
    root.data.K = [this.#document.ref];
    // Types PDF 1.7 does not define (Aside is PDF 2.0) are kept, and mapped to the nearest standard type.
    const roleMap: Record<string, string> = {};
    for (const node of this.#nodes) if (!STANDARD_TYPES.has(node.type)) roleMap[node.type] = ROLE_MAP[node.type] ?? FALLBACK_ROLE;
    if (Object.keys(roleMap).length > 0) root.data.RoleMap = roleMap;
    for (const node of this.#nodes) {
      const pg = firstPage(node);
      const entries: [string, string][] = [['S', `/${node.type}`], ['P', refText(node.parent ? node.parent.ref : root)]];
      if (pg) entries.push(['Pg', refText(pg)]);
      entries.push(['K', `[${kidsText(node.kids, pg)}]`]);
      if (node.alt) entries.push(['Alt', stringText(node.alt)]);
      if (node.lang) entries.push(['Lang', stringText(node.lang)]);
      endWithText(this.#doc, node.ref, dictionaryText(entries));
    }
  }

  /** Marks `draw` as marked content owned by `node`: the open sequence when it is the node's, else a new MCID. */
  #markAndDraw(node: StructNode, draw: () => void): void {
    if (this.#continues(node)) return draw();
    const doc = this.#doc;
    // The page's entry of the parent tree lists, per MCID, the structure element owning that content.
    const parents = doc.getStructParentTree().get(doc.page.structParentTreeKey) as unknown[];
    const mcid = parents.length;
    parents.push(node.ref);
    node.kids.push({ kind: 'mcid', mcid, page: doc.page.dictionary, seq: this.#seq++ });
    this.#out.push(`/${node.type} <</MCID ${mcid}>> BDC`);
    this.#open = { owner: node, page: doc.page.dictionary };
    draw();
  }

  /** The structure element for an item's path (creating it and its ancestors), or the artifact it belongs to. */
  #resolve(path: readonly FoElement[], top: number): Target {
    let parent = this.#document;
    const rank = path[0]?.name === 'flow' ? RANK_FLOW : RANK_ASIDE;
    for (let depth = 0; depth < path.length; depth++) {
      const role = structureRoleOf(path, depth);
      if (role.kind === 'artifact') return { artifact: role.type };
      if (role.kind === 'transparent') continue;
      const el = path[depth]!;
      let node = this.#byElement.get(el);
      if (!node) {
        node = this.#newNode(role.type, parent, parent === this.#document ? rank : RANK_FLOW, positionOf(el));
        if (role.lang) node.lang = role.lang;
        this.#byElement.set(el, node);
        this.#bookmark(node, el, top);
      }
      parent = node;
    }
    return { node: parent };
  }

  /** The Link element of a link area; a link inside an artifact (a letterhead's address) still gets one, after the content. */
  #linkNode(path: readonly FoElement[]): StructNode {
    const el = linkElement(path);
    const upToLink = el ? path.slice(0, path.indexOf(el) + 1) : path;
    const target = this.#resolve(upToLink, 0);
    if ('node' in target) return target.node;
    const key = el ?? path.at(-1)!;
    let node = this.#byElement.get(key);
    if (!node) {
      node = this.#newNode('Link', this.#document, RANK_ARTIFACT_LINK, positionOf(key));
      this.#byElement.set(key, node);
    }
    return node;
  }

  /** Adds a bookmark for a heading (H1…H6), nested under the nearest heading of a higher level. */
  #bookmark(node: StructNode, el: FoElement, top: number): void {
    const level = /^H([1-6])$/.exec(node.type)?.[1];
    if (!level) return;
    const title = textOf(el);
    if (!title) return;
    while (this.#outline.length > 0 && this.#outline.at(-1)!.level >= Number(level)) this.#outline.pop();
    const parent = this.#outline.at(-1)?.item ?? this.#doc.outline;
    const item = parent.addItem(title, { expanded: true });
    // pdfkit's XYZ destination puts the page's right edge at the left of the window: go to the heading, keep left and zoom.
    item.outlineData.Dest = [this.#doc.page.dictionary, 'XYZ', null, pageHeightOf(this.#doc) - top, null];
    this.#outline.push({ level: Number(level), item });
  }

  #newNode(type: string, parent: StructNode | null, rank: number, pos: number): StructNode {
    const node: StructNode = { type, ref: this.#doc.ref({ S: type }), parent, kids: [], rank, pos, firstSeq: this.#seq };
    parent?.kids.push({ kind: 'node', node });
    this.#nodes.push(node);
    return node;
  }
}

/** The innermost basic-link of a path. */
function linkElement(path: readonly FoElement[]): FoElement | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (path[i]!.name === 'basic-link') return path[i];
  return undefined;
}

function positionOf(el: FoElement): number {
  return el.position.line * COLUMNS_PER_LINE + el.position.column;
}

function pageHeightOf(doc: PdfkitInternals): number {
  const box = doc.page.dictionary.data.MediaBox as number[];
  return box[3]!;
}

/**
 * A node's kids in reading order, as its /K lists them: child elements in FO document order, its own content in
 * drawing order (the order of lines and runs, which is the order they were added in), the two merged by where each
 * element's first content was drawn. Written as it is merged: finishing the tree allocated more than drawing a page.
 */
function kidsText(kids: readonly Kid[], pg: PdfRef | undefined): string {
  const nodes = childNodes(kids);
  let text = '';
  let i = 0;
  const add = (kid: Kid) => {
    text += text ? ` ${kidText(kid, pg)}` : kidText(kid, pg);
  };
  for (const kid of kids) {
    if (kid.kind === 'node') continue;
    while (i < nodes.length && nodes[i]!.node.firstSeq <= kid.seq) add(nodes[i++]!);
    add(kid);
  }
  while (i < nodes.length) add(nodes[i++]!);
  return text;
}

/** A node's child elements in FO document order (most nodes have none: no array is made for them). */
function childNodes(kids: readonly Kid[]): readonly NodeKid[] {
  let nodes: NodeKid[] | undefined;
  for (const kid of kids) if (kid.kind === 'node') (nodes ??= []).push(kid);
  return nodes ? nodes.sort((a, b) => a.node.rank - b.node.rank || a.node.pos - b.node.pos || a.node.firstSeq - b.node.firstSeq) : NO_NODES;
}

const NO_NODES: readonly NodeKid[] = [];

/** The page of a node's first marked content (kids are added in drawing order): the node's /Pg, so its MCIDs on that page are plain numbers. */
function firstPage(node: StructNode): PdfRef | undefined {
  for (const kid of node.kids) if (kid.kind === 'mcid') return kid.page;
  return undefined;
}

/** A kid as written in its parent's /K: a reference, an MCID (on the parent's /Pg), or a marked-content or object reference. */
function kidText(kid: Kid, pg: PdfRef | undefined): string {
  switch (kid.kind) {
    case 'node':
      return refText(kid.node.ref);
    case 'mcid':
      return kid.page === pg ? String(kid.mcid) : dictionaryText([['Type', '/MCR'], ['Pg', refText(kid.page)], ['MCID', String(kid.mcid)]]);
    case 'objr':
      return dictionaryText([['Type', '/OBJR'], ['Obj', refText(kid.annot)], ['Pg', refText(kid.page)]]);
  }
}
