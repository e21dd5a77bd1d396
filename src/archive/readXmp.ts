// Reads an XMP packet: checks it is well-formed XML and collects the simple properties the preflight compares with the info dictionary.
import { SaxesParser } from 'saxes';

/** Namespaces of the properties we read. */
export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  pdf: 'http://ns.adobe.com/pdf/1.3/',
  pdfaid: 'http://www.aiim.org/pdfa/ns/id/',
  pdfuaid: 'http://www.aiim.org/pdfua/ns/id/',
} as const;

/** Properties by `prefix:name` (for the namespaces in NS), each the text of the property or of its first rdf:li. */
export type XmpProperties = Map<string, string>;

/** The XMP as read: its properties, or why it is not well-formed XML. */
export type XmpResult = { ok: true; properties: XmpProperties } | { ok: false; error: string };

const PREFIX_OF = new Map<string, string>(Object.entries(NS).map(([prefix, uri]) => [uri, prefix]));

/** Parses the packet. Properties are read from rdf:Description children and attributes (the short form). */
export function readXmp(xml: string): XmpResult {
  const properties: XmpProperties = new Map();
  const parser = new SaxesParser({ xmlns: true });
  /** The property being read (a child of rdf:Description), how deep we are inside it, and whether its first li is done. */
  let current: { key: string; depth: number; text: string; liDone: boolean; inLi: boolean } | null = null;
  let depth = 0;
  let descriptionDepth = -1;
  parser.on('opentag', (tag) => {
    depth++;
    if (tag.uri === NS.rdf && tag.local === 'Description') {
      descriptionDepth = depth;
      for (const attr of Object.values(tag.attributes)) {
        const prefix = PREFIX_OF.get(attr.uri);
        if (prefix && prefix !== 'rdf') properties.set(`${prefix}:${attr.local}`, attr.value);
      }
      return;
    }
    const prefix = PREFIX_OF.get(tag.uri);
    if (!current && depth === descriptionDepth + 1 && prefix && prefix !== 'rdf') {
      current = { key: `${prefix}:${tag.local}`, depth, text: '', liDone: false, inLi: false };
    } else if (current && tag.uri === NS.rdf && tag.local === 'li') current.inLi = true;
  });
  parser.on('text', (text) => {
    if (current && !current.liDone) current.text += text;
  });
  parser.on('closetag', (tag) => {
    if (current && tag.uri === NS.rdf && tag.local === 'li' && current.inLi) {
      current.liDone = true;
      current.inLi = false;
    }
    if (current && depth === current.depth) {
      properties.set(current.key, current.text.trim());
      current = null;
    }
    if (depth === descriptionDepth) descriptionDepth = -1;
    depth--;
  });
  try {
    parser.write(xml).close();
  } catch (err) {
    return { ok: false, error: (err as Error).message.split('\n')[0]! };
  }
  return { ok: true, properties };
}
