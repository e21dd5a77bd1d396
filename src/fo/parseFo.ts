// The parse stage: filled FO text → FoTree, checked against our subset, properties resolved once.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { PressroomError, errorAt, fail } from '../diagnostics/PressroomError.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { blankKnownStatics, rememberStatic, takesKnownContent, type BlankedText } from './knownStatics.js';
import { INITIAL_PROPS, PropertyError } from './resolveProps.js';
import { sharedProps } from './sharedProps.js';
import { ELEMENTS, FO_NS, PROPERTIES } from './subset.js';
import type { FoDocument, FoElement, FoPosition } from './types.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** How saxes starts the message of a well-formedness error it throws (position tracking on): "line:column: ". */
const SAXES_ERROR = /^(?:.*?:)?\d+:\d+: /;

/** Parses filled XSL-FO; anything outside the subset is an error with its line:column in `file`. */
export function parseFo(file: string, text: string): FoDocument {
  // Static content met before is not parsed again (see knownStatics.ts); should anything differ from the first time,
  // or the text hold an error, the whole text is parsed as it is, so results and messages are a plain parse's.
  const blanked = blankKnownStatics(text);
  if (blanked) {
    try {
      const doc = parseText(file, text, blanked);
      if (doc) return doc;
    } catch {
      // Reported by the plain parse below.
    }
  }
  return parseText(file, text, null)!;
}

/**
 * Parses `text`, or when `blanked` is given, its blanked copy with the known static contents put back; null when a
 * known static content is not where or what it was (inherited properties, place), and the text must be parsed whole.
 */
function parseText(file: string, text: string, blanked: BlankedText | null): FoDocument | null {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: FoElement[] = [];
  const diagnostics: Diagnostic[] = [];
  let root: FoElement | undefined;
  const here = (): FoPosition => ({ line: parser.line, column: parser.column });
  const report = (pos: FoPosition, message: string, hint: string) => diagnostics.push(errorAt({ file, ...pos }, message, hint));

  // The start of each tag (saxes reports opentag at its end), as line:column and as an index into `text`.
  let tagStart: FoPosition = { line: 1, column: 1 };
  let tagStartIndex = 0;
  // Where the open fo:static-content elements start in `text` (for their `source`) and their content starts.
  const sourceStarts = new Map<FoElement, { start: number; contentStart: number }>();
  let mismatch = false;
  // Indexes the parser reports are in the text it reads: with static contents blanked, they map back to `text`.
  const index = blanked ? blanked.originalIndex : (i: number) => i;
  // The tag's attribute names in document order: enumerating saxes' attribute table (a null-prototype dictionary) costs
  // microseconds per tag, a third of the whole parse.
  let attributeNames: string[] = [];
  parser.on('attribute', (attr) => void attributeNames.push(attr.name));
  // At opentagstart saxes has read "<", the name and the character ending it; the tag starts that many characters
  // back (the column is 1-based, the index 0-based).
  parser.on('opentagstart', (tag) => {
    tagStart = { line: parser.line, column: Math.max(1, parser.column - tag.name.length - 1) };
    tagStartIndex = index(parser.position - tag.name.length - 2);
    attributeNames = [];
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const position = tagStart;
    const parent = stack[stack.length - 1];
    const element = openElement(tag, attributeNames, parent, position, report);
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
    if (element.name === 'static-content') sourceStarts.set(element, { start: tagStartIndex, contentStart: index(parser.position) });
  });
  parser.on('closetag', (tag) => {
    const element = stack.pop()!;
    const at = sourceStarts.get(element);
    if (at === undefined) return;
    const end = index(parser.position);
    element.source = text.slice(at.start, end);
    if (tag.isSelfClosing) return;
    const first = blanked?.known.get(at.start);
    if (!first) rememberStatic(element, at.contentStart - at.start, text.lastIndexOf('</', end) - at.start);
    else if (takesKnownContent(element, first)) element.children = first.children;
    else mismatch = true;
  });
  parser.on('text', (t) => {
    const parent = stack[stack.length - 1];
    if (parent && t.length > 0) parent.children.push({ kind: 'text', text: t, position: here() });
  });
  parser.on('cdata', (t) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push({ kind: 'text', text: t, position: here() });
  });
  // No 'error' handler: saxes then throws its error, which is caught here. (Setting one adds a property to the
  // parser after construction, and its hot paths ran 3.5 times slower for it: 0.76 against 0.21 ms for a seed's FO.)
  try {
    parser.write(blanked ? blanked.text : text).close();
  } catch (err) {
    if (err instanceof PressroomError || !SAXES_ERROR.test((err as Error).message)) throw err;
    const reason = (err as Error).message.replace(SAXES_ERROR, '').replace(/\.$/, '');
    fail({ file, line: parser.line, column: Math.max(1, parser.column) }, `the filled layout is not well-formed XML: ${reason}`, 'check the layout template; `pressroom fo <release>` prints the filled FO');
  }
  if (diagnostics.length > 0) throw new PressroomError(diagnostics);
  if (!root || root.name !== 'root') fail({ file, line: 1, column: 1 }, 'the document is not an fo:root', 'the layout template must produce an <fo:root> document');
  return mismatch ? null : { file, root };
}

/** Checks one element against the subset and resolves its properties. */
function openElement(tag: SaxesTagNS, attributeNames: string[], parent: FoElement | undefined, position: FoPosition, report: (p: FoPosition, m: string, h: string) => void): FoElement {
  const name = tag.local;
  const attrs: Record<string, string> = {};
  if (tag.uri !== FO_NS) {
    report(position, `element <${tag.name}> is not in the XSL-FO namespace`, `use fo: elements (xmlns:fo="${FO_NS}")`);
  } else if (!ELEMENTS[name]) {
    report(position, `fo:${name} is not in the supported XSL-FO subset`, 'see the subset table in the README');
  } else {
    const parents = ELEMENTS[name].parents;
    const parentName = parent?.name;
    if (parents && !(parentName === undefined ? parents.length === 0 : parents.includes(parentName))) {
      report(position, `fo:${name} cannot appear ${parentName ? `inside fo:${parentName}` : 'at the top level'}`, parents.length ? `place it inside ${parents.map((p) => `fo:${p}`).join(' or ')}` : 'it must be the document root');
    }
  }
  for (const attributeName of attributeNames) {
    const attr = tag.attributes[attributeName];
    if (attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
    const key = attr.uri === XML_NS ? `xml:${attr.local}` : attr.uri ? `{${attr.uri}}${attr.local}` : attr.local;
    if (!PROPERTIES[key]) report(position, `property ${attr.name} on fo:${name} is not in the supported subset`, 'see the subset table in the README');
    else attrs[key] = attr.value;
  }
  let props = parent?.props ?? INITIAL_PROPS;
  try {
    props = sharedProps(attrs, parent?.props ?? INITIAL_PROPS);
  } catch (err) {
    if (!(err instanceof PropertyError)) throw err;
    report(position, `invalid ${err.property} on fo:${name}: ${err.message}`, 'see the subset table in the README for the values it takes');
  }
  return { kind: 'element', name, attrs, props, children: [], position };
}
