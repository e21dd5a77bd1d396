// Static content parsed once (fo/knownStatics.ts): FO text whose static content was met before must give exactly the
// tree, positions and errors of a plain parse.
import { describe, expect, it } from 'vitest';
import { PressroomError, formatDiagnostic } from '../../src/diagnostics/PressroomError.js';
import { parseFo } from '../../src/fo/parseFo.js';
import type { FoDocument, FoElement } from '../../src/fo/types.js';

const FO_NS = 'http://www.w3.org/1999/XSL/Format';
/** A sidebar of many lines, unlike any other test's, so that what is remembered is this file's own. */
const SIDEBAR = `<fo:static-content flow-name="xsl-region-start" role="Aside">
  <fo:block font-weight="bold">Known members</fo:block>
${['Albania', 'Andorra', 'Armenia', 'Austria', 'Azerbaijan'].map((m) => `  <fo:block space-before="1pt">${m}</fo:block>`).join('\n')}
    </fo:static-content>`;
const FOOTER = '<fo:static-content flow-name="xsl-region-after"><fo:block font-size="7pt">Known footer</fo:block></fo:static-content>';

/** A document with the sidebar and footer, a body naming `ref`, and what the caller puts before and in them. */
function document(ref: string, o: { sequenceAttrs?: string; before?: string; flow?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="${FO_NS}">
<fo:layout-master-set><fo:simple-page-master master-name="page" page-width="200pt" page-height="200pt"><fo:region-body margin-left="50pt"/><fo:region-start extent="45pt"/><fo:region-after extent="20pt"/></fo:simple-page-master></fo:layout-master-set>
<fo:page-sequence master-reference="page" ${o.sequenceAttrs ?? ''}>${o.before ?? ''}${SIDEBAR}${FOOTER}
<fo:flow flow-name="xsl-region-body"><fo:block id="body">Release ${ref}</fo:block>${o.flow ?? ''}</fo:flow>
</fo:page-sequence>
</fo:root>`;
}

/** A parse that remembers nothing: a comment anywhere makes the parser read the whole text. */
function plainParse(text: string): FoDocument {
  return parseFo('test.fo', `${text}\n<!-- plain -->`);
}

/** The tree as text: names, attributes, resolved properties, text and every position. */
function serialise(doc: FoDocument): string {
  return JSON.stringify(doc.root);
}

function staticsOf(doc: FoDocument): FoElement[] {
  const sequence = doc.root.children.find((c): c is FoElement => c.kind === 'element' && c.name === 'page-sequence')!;
  return sequence.children.filter((c): c is FoElement => c.kind === 'element' && c.name === 'static-content');
}

function errorsOf(text: string): string[] {
  try {
    parseFo('test.fo', text);
  } catch (err) {
    if (err instanceof PressroomError) return err.diagnostics.map((d) => formatDiagnostic(d));
    throw err;
  }
  throw new Error('parsed without an error');
}

describe('static content parsed once', () => {
  it('gives documents with known static content the tree of a plain parse, and reuses the elements', () => {
    // Remembered when met a second time (a static content met once, like a letterhead naming its release, never is).
    const once = parseFo('test.fo', document('000'));
    const first = parseFo('test.fo', document('001'));
    const second = parseFo('test.fo', document('002'));
    staticsOf(first).forEach((s, i) => expect(s.children).not.toBe(staticsOf(once)[i]!.children));
    expect(serialise(second)).toBe(serialise(plainParse(document('002'))));
    expect(staticsOf(second).map((s) => s.children)).toEqual(staticsOf(first).map((s) => s.children));
    staticsOf(second).forEach((s, i) => expect(s.children).toBe(staticsOf(first)[i]!.children));
    // Each static content's own text, from its start tag to its end tag.
    expect(staticsOf(second).map((s) => s.source)).toEqual([SIDEBAR, FOOTER]);
  });

  it('parses the content again under other inherited properties, and keeps every later position', () => {
    parseFo('test.fo', document('003'));
    for (const variant of [{ sequenceAttrs: 'font-size="12pt" color="#336699"' }, { before: '\n\n  ' }, { before: '<fo:static-content flow-name="xsl-region-before"><fo:block>Other</fo:block></fo:static-content>' }]) {
      const text = document('004', variant);
      parseFo('test.fo', text);
      expect(serialise(parseFo('test.fo', text))).toBe(serialise(plainParse(text)));
    }
  });

  it('reports an error after known static content where a plain parse does', () => {
    parseFo('test.fo', document('005'));
    const wrong = document('006', { flow: '<fo:block font-size="huge">x</fo:block><fo:table/>' });
    const errors = errorsOf(wrong);
    expect(errors).toEqual(errorsOf(`${wrong}\n<!-- plain -->`));
    // At the line of the wrong block, below the blanked sidebar.
    const flowLine = wrong.split('\n').findIndex((l) => l.includes('huge')) + 1;
    expect(errors.join('\n')).toContain(`test.fo:${flowLine}:`);
    expect(errors.length).toBe(2);
  });
});
