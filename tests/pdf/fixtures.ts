// The release fixtures and what the tests know about each layout: main-column position, own links, organisation.
import { readdirSync, readFileSync } from 'node:fs';
import { decodeSource } from '../../src/load/decodeSource.js';
import type { SourceFile } from '../../src/load/types.js';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The fixtures folder. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/releases/', import.meta.url));

/** Every release fixture, by file name (sorted, so test order is stable). */
export const FIXTURES: string[] = readdirSync(FIXTURES_DIR).filter((f) => /\.(md|markdown|json|ya?ml)$/.test(f)).sort();

/** The path of a fixture. */
export function fixturePath(name: string): string {
  return join(FIXTURES_DIR, name);
}

/** Points per millimetre. */
const MM = 72 / 25.4;

/** A4 in points (210 × 297 mm). */
export const A4 = { width: 595.28, height: 841.89 };

/** What the tests expect of a layout, read off its template (not from the renderer). */
export interface LayoutFacts {
  /** The organisation: the PDF's Author. */
  organisation: string;
  /** Left edge of the main column (pt): page margin-left + region-body margin-left. Text left of it is sidebar or letterhead. */
  mainColumnX: number;
  /** Top of the body region (pt from the page top) on page 1 and on later pages: page margin-top + region-body margin-top. */
  bodyTop: { first: number; rest: number };
  /** Bottom of the body region (pt from the page top): page height − margin-bottom − region-body margin-bottom. */
  bodyBottom: number;
  /** Links the layout adds on its own (letterhead, footer), besides the release's. */
  ownLinks: string[];
}

/** Facts per layout name (layouts/<name>/). */
export const LAYOUTS: Record<string, LayoutFacts> = {
  // document.fo.hbs: margin-left 14mm, region-body margin-left 48mm.
  'coe-press-release': {
    organisation: 'Council of Europe',
    mainColumnX: (14 + 48) * MM,
    // first: margin-top 10mm + 45mm; rest: 10mm + 19mm; bottom: 297 − 8 − 19 mm.
    bodyTop: { first: (10 + 45) * MM, rest: (10 + 19) * MM },
    bodyBottom: (297 - 8 - 19) * MM,
    ownLinks: ['mailto:pressunit@coe.int', 'http://www.coe.int/press', 'mailto:Council.of.Europe.Press@coe.int'],
  },
  // notice.fo.hbs: margin-left 25mm, no sidebar.
  'plain-letterhead': {
    organisation: 'Northwind Harbour Authority',
    mainColumnX: 25 * MM,
    // margin-top 15mm + 30mm; bottom: 297 − 12 − 18 mm.
    bodyTop: { first: (15 + 30) * MM, rest: (15 + 30) * MM },
    bodyBottom: (297 - 12 - 18) * MM,
    ownLinks: ['mailto:media@northwind-harbour.example', 'https://northwind-harbour.example'],
  },
};

/** Position slack (pt) when comparing an item's x with a column edge. */
export const EDGE_TOLERANCE = 0.5;

/** A title made of FO markup: it must print as text, never close the block or pull in a file. */
export const ESCAPING_TITLE = '</fo:block><fo:external-graphic src="/etc/passwd"/>';
/** Body text that must print literally: a Handlebars expression and an HTML script. */
export const ESCAPING_BODY_LITERALS = ['{{release.ref}}', '<script>alert(1)</script>'];

/** The seed release with ESCAPING_TITLE as its title and a last paragraph holding ESCAPING_BODY_LITERALS. */
export function escapingSource(): SourceFile {
  const seed = readFileSync(fixturePath('161a07.md'), 'utf8');
  const text = seed.replace(/^title: .*$/m, `title: '${ESCAPING_TITLE}'`) + `\nLiteral text: ${ESCAPING_BODY_LITERALS[0]} and ${ESCAPING_BODY_LITERALS[1]} stay as written.\n`;
  if (!text.includes(ESCAPING_TITLE)) throw new Error('the seed fixture has no title line to replace');
  return decodeSource('escaping.md', new TextEncoder().encode(text));
}
