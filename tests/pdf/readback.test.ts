// Read-back tests: every fixture rendered in process, its PDF read with pdfjs-dist: words in order, pages, size, links, fonts, metadata.
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSource } from '../../src/load/loadSource.js';
import { parseRelease } from '../../src/release/parseRelease.js';
import type { Release } from '../../src/release/types.js';
import { renderRelease } from '../../src/render.js';
import { pageText, readPdf, type PdfDocument } from '../helpers/readPdf.js';
import { flatText, mainColumnItems, mainColumnWords, printsText, readSidebar } from './columns.js';
import { A4, EDGE_TOLERANCE, ESCAPING_BODY_LITERALS, ESCAPING_TITLE, escapingSource, FIXTURES, fixturePath, LAYOUTS, type LayoutFacts } from './fixtures.js';
import { findSegmentsInOrder, releaseLinks, releaseSegments } from './releaseText.js';

/** Where the seed release (as received, in text form) lives on the project's machines; absent on a fresh clone. */
const SEED_PATH = '/work/shared/seeds/coe-press-release-161a07.md';

/** The seed's sidebar (12.03.2007), copied from the seed so the tests run without it; checked against it where it exists. */
const SEED_MEMBERS = [
  'Albania', 'Andorra', 'Armenia', 'Austria', 'Azerbaijan', 'Belgium', 'Bosnia and Herzegovina', 'Bulgaria', 'Croatia',
  'Cyprus', 'Czech Republic', 'Denmark', 'Estonia', 'Finland', 'France', 'Georgia', 'Germany', 'Greece', 'Hungary',
  'Iceland', 'Ireland', 'Italy', 'Latvia', 'Liechtenstein', 'Lithuania', 'Luxembourg', 'Malta', 'Moldova', 'Monaco',
  'Netherlands', 'Norway', 'Poland', 'Portugal', 'Romania', 'Russia', 'San Marino', 'Serbia', 'Slovakia', 'Slovenia',
  'Spain', 'Sweden', 'Switzerland', '"The former Yugoslav Republic of Macedonia"', 'Turkey', 'Ukraine', 'United Kingdom',
];

/** The seed's boilerplate, as printed at the foot of its page. */
const SEED_BOILERPLATE = 'A political organisation set up in 1949, the Council of Europe works to promote democracy and human rights continent-wide. It also develops common responses to social, cultural and legal challenges in its 46 member states.';

/** The boilerplate for a given member count. */
const boilerplate = (count: number) => SEED_BOILERPLATE.replace('46 member states', `${count} member states`);

/** Page counts the fixtures must have (exact, or at least). */
const PAGE_COUNTS: Record<string, { exactly?: number; atLeast?: number }> = {
  '161a07.md': { exactly: 1 },
  'montenegro-accession.md': { exactly: 1 },
  'long-report.md': { atLeast: 4 },
};

/** A fixture rendered and read back. */
interface Rendered {
  release: Release;
  facts: LayoutFacts;
  pdf: Uint8Array;
  doc: PdfDocument;
}

const rendered = new Map<string, Rendered>();

/** The rendered fixture (rendered once, in beforeAll). */
function get(name: string): Rendered {
  const r = rendered.get(name);
  if (!r) throw new Error(`${name} was not rendered (see the beforeAll error)`);
  return r;
}

beforeAll(async () => {
  for (const name of FIXTURES) {
    const source = await loadSource(fixturePath(name));
    const release = parseRelease(source);
    const facts = LAYOUTS[release.layout];
    if (!facts) throw new Error(`${name}: tests/pdf/fixtures.ts knows nothing of layout ${release.layout}; add its facts`);
    const { pdf } = await renderRelease(source);
    rendered.set(name, { release, facts, pdf, doc: await readPdf(pdf) });
  }
}, 60_000);

describe.each(FIXTURES)('PDF of %s read back', (name) => {
  it('should print every word of the release in the main column, in order, each paragraph unbroken by other text', () => {
    const { release, facts, doc } = get(name);
    expect(findSegmentsInOrder(mainColumnWords(doc, facts), releaseSegments(release))).toEqual([]);
  });

  it('should have the expected number of pages', () => {
    const { doc } = get(name);
    const expected = PAGE_COUNTS[name] ?? { atLeast: 1 };
    if (expected.exactly !== undefined) expect(doc.pages).toHaveLength(expected.exactly);
    else expect(doc.pages.length).toBeGreaterThanOrEqual(expected.atLeast!);
  });

  it('should make every page A4 (595.28 × 841.89 pt)', () => {
    for (const page of get(name).doc.pages) {
      expect(Math.abs(page.width - A4.width), `page ${page.number} width ${page.width}`).toBeLessThanOrEqual(0.5);
      expect(Math.abs(page.height - A4.height), `page ${page.number} height ${page.height}`).toBeLessThanOrEqual(0.5);
    }
  });

  it('should make a link annotation for every body link and contact e-mail, and none other than the layout\'s own', () => {
    const { release, facts, doc } = get(name);
    const expected = releaseLinks(release);
    const actual = doc.pages.flatMap((p) => p.links.map((l) => l.url));
    // Every link the release asks for is there…
    expect([...new Set(expected)].filter((u) => !actual.includes(u))).toEqual([]);
    // …and every annotation is one of the release's links or one the layout adds itself.
    expect([...new Set(actual)].filter((u) => u === null || !(expected.includes(u) || facts.ownLinks.includes(u)))).toEqual([]);
  });

  it('should only have annotations whose scheme is http, https or mailto', () => {
    const annotations = get(name).doc.pages.flatMap((p) => p.annotations);
    expect(annotations.length).toBeGreaterThan(0);
    for (const a of annotations) {
      expect(a.subtype).toBe('Link');
      expect(a.url).toMatch(/^(https?:\/\/|mailto:)/);
    }
  });

  it('should place each link annotation over text on its page', () => {
    for (const page of get(name).doc.pages) {
      for (const link of page.links) {
        const under = page.items.filter((i) => i.y >= link.y && i.y <= link.y + link.height + EDGE_TOLERANCE && i.x < link.x + link.width && i.x + i.width > link.x);
        expect(under.length, `link to ${link.url} on page ${page.number}`).toBeGreaterThan(0);
      }
    }
  });

  it('should draw all text in embedded subset fonts (a subset tag before each font name)', () => {
    for (const page of get(name).doc.pages) {
      expect(page.fonts.length).toBeGreaterThan(0);
      for (const font of page.fonts) expect(font, `page ${page.number}`).toMatch(/^[A-Z]{6}\+/);
    }
  });

  it('should set Title, Author, Subject and Language from the release and its layout', () => {
    const { release, facts, doc } = get(name);
    expect(doc.info).toMatchObject({ Title: release.title, Author: facts.organisation, Subject: release.ref, Language: release.language });
  });
});

describe('161a07 (the seed)', () => {
  it.skipIf(!existsSync(SEED_PATH))(`should take its member list and boilerplate from the seed${existsSync(SEED_PATH) ? '' : ` (skipped: ${SEED_PATH} is not on this machine)`}`, () => {
    const lines = readFileSync(SEED_PATH, 'utf8').split('\n').map((l) => l.trim());
    const start = lines.indexOf('46 members');
    const end = lines.findIndex((l, i) => i > start && l.startsWith('#'));
    expect(lines.slice(start + 1, end).filter((l) => l !== '')).toEqual(SEED_MEMBERS);
    expect(lines).toContain(`**${SEED_BOILERPLATE}**`);
  });

  it('should put the sidebar in a column of its own, left of the main column, on page 1', () => {
    const { facts, doc } = get('161a07.md');
    const sidebar = readSidebar(doc.pages[0], facts);
    expect(sidebar).not.toBeNull();
    for (const item of sidebar!.items) expect(item.x + item.width, item.str).toBeLessThan(facts.mainColumnX);
    // The main column beside it holds the release itself.
    const main = mainColumnItems(doc.pages[0], facts);
    expect(printsText(main, get('161a07.md').release.title), flatText(main)).toBe(true);
  });

  it('should list exactly the 46 member states of the seed, in its order, after "46 members"', () => {
    const { facts, doc } = get('161a07.md');
    const sidebar = readSidebar(doc.pages[0], facts)!;
    expect(sidebar.heading.str.trim()).toBe('46 members');
    expect(SEED_MEMBERS).toHaveLength(46);
    expect(sidebar.names).toEqual(SEED_MEMBERS);
  });

  it('should print the boilerplate "… in its 46 member states." on every page', () => {
    for (const page of get('161a07.md').doc.pages) expect(printsText(page, boilerplate(46)), `page ${page.number}: ${flatText(page)}`).toBe(true);
  });
});

describe('montenegro-accession (11 May 2007)', () => {
  it('should head the sidebar "47 members" and list Montenegro after Monaco', () => {
    const { facts, doc } = get('montenegro-accession.md');
    const sidebar = readSidebar(doc.pages[0], facts)!;
    expect(sidebar.heading.str.trim()).toBe('47 members');
    expect(sidebar.names).toHaveLength(47);
    expect(sidebar.names.indexOf('Montenegro')).toBe(sidebar.names.indexOf('Monaco') + 1);
  });

  it('should say 47 member states in the boilerplate on every page', () => {
    for (const page of get('montenegro-accession.md').doc.pages) expect(printsText(page, boilerplate(47)), `page ${page.number}: ${flatText(page)}`).toBe(true);
  });
});

describe('long-report (4+ pages)', () => {
  it('should have no sidebar and nothing left of the main column on pages 2+', () => {
    const { facts, doc } = get('long-report.md');
    const names = new Set([...SEED_MEMBERS, 'Montenegro']);
    for (const page of doc.pages.slice(1)) {
      expect(readSidebar(page, facts), `page ${page.number}`).toBeNull();
      expect(page.items.filter((i) => i.x < facts.mainColumnX - EDGE_TOLERANCE).map((i) => i.str), `page ${page.number}`).toEqual([]);
      expect(pageText(page).split('\n').filter((line) => names.has(line.trim())), `page ${page.number}`).toEqual([]);
    }
  });

  it('should show "page X of Y" with the right numbers in the running head of pages 2+', () => {
    const { doc } = get('long-report.md');
    const total = doc.pages.length;
    for (const page of doc.pages.slice(1)) {
      const marks = [...flatText(page).matchAll(/page (\d+) of (\d+)/g)].map((m) => `page ${m[1]} of ${m[2]}`);
      expect(marks, `page ${page.number}`).toEqual([`page ${page.number} of ${total}`]);
    }
  });

  it('should print the boilerplate on every page', () => {
    for (const page of get('long-report.md').doc.pages) expect(printsText(page, boilerplate(47)), `page ${page.number}: ${flatText(page)}`).toBe(true);
  });
});

describe('communique-fr (French)', () => {
  it('should say "Communiqué de presse" in the letterhead', () => {
    const page = get('communique-fr.md').doc.pages[0];
    expect(printsText(page, 'Communiqué de presse'), flatText(page)).toBe(true);
  });

  it('should list the member states in French under "47 membres"', () => {
    const { facts, doc } = get('communique-fr.md');
    const sidebar = readSidebar(doc.pages[0], facts)!;
    expect(sidebar.heading.str.trim()).toBe('47 membres');
    expect(sidebar.names).toHaveLength(47);
    expect(sidebar.names).toEqual(expect.arrayContaining(['Allemagne', 'Autriche', 'Monténégro', 'Royaume-Uni']));
    expect(sidebar.names).not.toContain('Germany');
  });

  it('should print the French boilerplate with 47 member states on every page', () => {
    for (const page of get('communique-fr.md').doc.pages) expect(printsText(page, 'dans ses 47 États membres.'), `page ${page.number}: ${flatText(page)}`).toBe(true);
  });
});

describe('plain-notice (plain-letterhead layout)', () => {
  it('should show "Page X of Y" with the right numbers on every page', () => {
    const { doc } = get('plain-notice.json');
    for (const page of doc.pages) {
      expect([...flatText(page).matchAll(/Page (\d+) of (\d+)/g)].map((m) => m[0]), `page ${page.number}`).toEqual([`Page ${page.number} of ${doc.pages.length}`]);
    }
  });
});

describe('escaping of release text', () => {
  let doc: PdfDocument;

  beforeAll(async () => {
    doc = await readPdf((await renderRelease(escapingSource())).pdf);
  }, 30_000);

  /** The document's text with all whitespace removed: the literal may be wrapped anywhere. */
  const squeezed = () => doc.pages.map((p) => pageText(p)).join('').replace(/\s+/g, '');

  it('should print a title made of FO markup literally, and use it as the PDF title', () => {
    expect(squeezed()).toContain(ESCAPING_TITLE.replace(/\s+/g, ''));
    expect(doc.info.Title).toBe(ESCAPING_TITLE);
  });

  it('should print Handlebars and HTML in the body literally', () => {
    for (const literal of ESCAPING_BODY_LITERALS) expect(squeezed()).toContain(literal);
    expect(squeezed()).not.toContain('Literaltext:161a07');
  });
});
