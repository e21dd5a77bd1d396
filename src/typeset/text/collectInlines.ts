// Flattens inline FO content (text, fo:inline, fo:basic-link, page numbers, leaders…) into styled pieces.
import { fail } from '../../diagnostics/PressroomError.js';
import { parseLengthOrPercent, parseUri } from '../../fo/parseValues.js';
import type { FoElement, FoNode, FoProps } from '../../fo/types.js';
import { checkLinkUrl } from '../../release/checkLinkUrl.js';
import type { LayoutContext } from '../context.js';
import type { FontFace } from '../fonts.js';
import { graphemesOf } from './graphemes.js';
import type { InlinePiece, TextStyle } from './pieces.js';

/** The style of text set with `props`, inside a link or not. */
export function styleOf(props: FoProps, ctx: LayoutContext, link: string | null, underline = false, shift = 0, path: readonly FoElement[] = []): TextStyle {
  const face = ctx.metrics.resolve(props.fontFamily, props.fontWeight, props.fontStyle === 'italic');
  if (!face) fail({ file: ctx.file }, `no font of the families "${props.fontFamily.join(', ')}" is installed`, 'use a font family from the fonts/ folder');
  const hyphenation = props.hyphenate && props.language ? { language: props.language, remain: props.hyphenationRemain, push: props.hyphenationPush, character: props.hyphenationCharacter } : null;
  return { face, size: props.fontSize, color: props.color, lineHeight: props.lineHeight, link, underline: underline || props.textDecoration === 'underline', shift: shift + props.baselineShift, hyphenation, path };
}

/** Collects the pieces of inline-level nodes, in order. */
/** What enclosing inline elements pass down. */
interface Outer {
  link: string | null;
  underline: boolean;
  shift: number;
  path: readonly FoElement[];
}

/** Collects the pieces of inline-level nodes, in order; `path` holds the elements around them. */
export function collectInlines(nodes: FoNode[], parent: FoProps, ctx: LayoutContext, path: readonly FoElement[] = [], out: InlinePiece[] = [], outer: Outer = { link: null, underline: false, shift: 0, path }): InlinePiece[] {
  for (const node of nodes) {
    if (node.kind === 'text') {
      pushText(node.text, styleOf(parent, ctx, outer.link, outer.underline, outer.shift, outer.path), parent, ctx, out);
      continue;
    }
    const inner = [...outer.path, node];
    const style = () => styleOf(node.props, ctx, outer.link, outer.underline, outer.shift, inner);
    switch (node.name) {
      case 'inline':
        collectInlines(node.children, node.props, ctx, path, out, { link: outer.link, underline: outer.underline || node.props.textDecoration === 'underline', shift: outer.shift + node.props.baselineShift, path: inner });
        break;
      case 'basic-link':
        collectInlines(node.children, node.props, ctx, path, out, { link: linkTarget(node, ctx), underline: outer.underline || node.props.textDecoration === 'underline', shift: outer.shift + node.props.baselineShift, path: inner });
        break;
      case 'page-number':
        out.push({ kind: 'number', source: 'page', refId: null, style: style() });
        break;
      case 'page-number-citation':
      case 'page-number-citation-last':
        out.push({ kind: 'number', source: node.name === 'page-number-citation' ? 'citation' : 'citation-last', refId: requireAttr(node, 'ref-id', ctx), style: style() });
        break;
      case 'leader':
        out.push({ kind: 'leader', pattern: node.props.leaderPattern, length: node.props.leaderLength, thickness: node.props.ruleThickness, style: style() });
        break;
      case 'external-graphic':
        out.push(graphicPiece(node, style(), ctx));
        break;
      case 'footnote': {
        const [mark, body] = [node.children.filter((c): c is FoElement => c.kind === 'element' && c.name !== 'footnote-body'), node.children.find((c): c is FoElement => c.kind === 'element' && c.name === 'footnote-body')];
        collectInlines(mark, node.props, ctx, path, out, { ...outer, path: inner });
        if (body) out.push({ kind: 'footnote', body, path: [...inner, body] });
        break;
      }
      case 'block':
      case 'block-container':
        // An empty block inside a paragraph is a forced line break (FOP treats it the same way).
        out.push({ kind: 'break' });
        break;
      default:
        fail({ file: ctx.file }, `fo:${node.name} cannot be used inside a line (filled FO line ${node.position.line})`, 'place it in a block of its own');
    }
  }
  return out;
}

/** Code points known to be in a face (checked once per process): a bit per BMP code point, a set for the rest. */
const coveredBy = new WeakMap<FontFace, { bmp: Uint8Array; astral: Set<number> }>();

function covers(face: FontFace, cp: number, ctx: LayoutContext): boolean {
  let known = coveredBy.get(face);
  if (!known) coveredBy.set(face, (known = { bmp: new Uint8Array(0x10000 / 8), astral: new Set() }));
  if (cp < 0x10000 ? known.bmp[cp >> 3] & (1 << (cp & 7)) : known.astral.has(cp)) return true;
  if (!ctx.metrics.hasGlyph(face, cp)) return false;
  if (cp < 0x10000) known.bmp[cp >> 3] |= 1 << (cp & 7);
  else known.astral.add(cp);
  return true;
}

/** Characters that need no glyph: white space (collapsed or drawn as space) and the soft hyphen (never drawn). */
const NO_GLYPH_NEEDED = /[\s\u00AD]/;

/** Whether every character of `text` that needs a glyph has one in `face`. */
function coversAll(face: FontFace, text: string, ctx: LayoutContext): boolean {
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    // Letters, digits and punctuation of ASCII are never white space: no pattern test for them.
    if ((cp <= 0x20 || cp >= 0x7f) && NO_GLYPH_NEEDED.test(String.fromCodePoint(cp))) continue;
    if (!covers(face, cp, ctx)) return false;
  }
  return true;
}

/**
 * Adds text as pieces, each in the first face of the font-family list that has glyphs for all of a grapheme's
 * code points (a per-character fallback chain); a character no face has is an error, never a missing-glyph box.
 */
function pushText(text: string, style: TextStyle, props: FoProps, ctx: LayoutContext, out: InlinePiece[]): void {
  // Fast path: the first face has every character (the usual case).
  if (coversAll(style.face, text, ctx)) return void out.push({ kind: 'text', text, style });
  const faces = props.fontFamily.map((f) => ctx.metrics.resolve([f], props.fontWeight, props.fontStyle === 'italic')).filter((f): f is FontFace => f !== undefined);
  let run = '';
  let runFace = style.face;
  for (const segment of graphemesOf(text)) {
    const face = NO_GLYPH_NEEDED.test(segment) ? runFace : faces.find((f) => [...segment].every((c) => NO_GLYPH_NEEDED.test(c) || covers(f, c.codePointAt(0)!, ctx)));
    if (!face) {
      const cp = segment.codePointAt(0)!;
      fail({ file: ctx.file }, `no font of "${props.fontFamily.join(', ')}" has a glyph for "${segment}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`, 'remove the character, or add a font that has it to the font-family list');
    }
    if (face !== runFace && run) {
      out.push({ kind: 'text', text: run, style: { ...style, face: runFace } });
      run = '';
    }
    runFace = face;
    run += segment;
  }
  if (run) out.push({ kind: 'text', text: run, style: { ...style, face: runFace } });
}

function requireAttr(node: FoElement, name: string, ctx: LayoutContext): string {
  const v = node.attrs[name];
  if (!v) fail({ file: ctx.file }, `fo:${node.name} needs a ${name} (filled FO line ${node.position.line})`, `add ${name}="…"`);
  return v;
}

/** The URL of a basic-link; only http, https and mailto become link annotations. */
function linkTarget(node: FoElement, ctx: LayoutContext): string {
  const url = parseUri(requireAttr(node, 'external-destination', ctx));
  const problem = checkLinkUrl(url);
  if (problem) fail({ file: ctx.file }, `${problem} (filled FO line ${node.position.line})`, 'links may only use http, https or mailto');
  return url;
}

/** A graphic's piece, sized from content-width/-height or the image's own size. */
function graphicPiece(node: FoElement, style: TextStyle, ctx: LayoutContext): InlinePiece {
  const src = parseUri(requireAttr(node, 'src', ctx));
  const image = ctx.images.get(src);
  if (!image) fail({ file: ctx.file }, `the image "${src}" was not loaded`, 'images must be PNG or JPEG files inside the layout folder');
  const len = (v: string | undefined, base: number) => {
    if (v === undefined || v === 'auto') return undefined;
    try {
      const l = parseLengthOrPercent(v, node.props.fontSize);
      return 'pt' in l ? l.pt : (base * l.percent) / 100;
    } catch (err) {
      return fail({ file: ctx.file }, `invalid size of fo:external-graphic (filled FO line ${node.position.line}): ${(err as Error).message}`);
    }
  };
  const w = len(node.attrs['content-width'], image.width);
  const h = len(node.attrs['content-height'], image.height);
  const width = w ?? (h !== undefined ? (image.width * h) / image.height : image.width);
  const height = h ?? (w !== undefined ? (image.height * w) / image.width : image.height);
  return { kind: 'graphic', src, width, height, style };
}
