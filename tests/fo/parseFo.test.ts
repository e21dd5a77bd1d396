// The FO parser: invalid documents paired with their exact diagnostics, and property resolution (inheritance, units, list functions).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PressroomError, formatDiagnostic } from '../../src/diagnostics/PressroomError.js';
import { parseFo } from '../../src/fo/parseFo.js';
import type { FoDocument, FoElement } from '../../src/fo/types.js';

const FO_NS = 'http://www.w3.org/1999/XSL/Format';
/** Points per millimetre. */
const MM = 72 / 25.4;

/** The formatted diagnostics (without hints) of parsing an invalid fixture, or a failure if it parses. */
function diagnosticsOf(name: string): string[] {
  const file = `fixtures/invalid-fo/${name}`;
  return diagnosticsOfText(file, readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
}

function diagnosticsOfText(file: string, text: string): string[] {
  try {
    parseFo(file, text);
  } catch (err) {
    if (!(err instanceof PressroomError)) throw err;
    return err.diagnostics.map((d) => formatDiagnostic({ ...d, hint: undefined }));
  }
  throw new Error(`${file} parsed without an error`);
}

/** The hints of an invalid fixture's diagnostics. */
function hintsOf(name: string): (string | undefined)[] {
  try {
    parseFo(name, readFileSync(new URL(`../../fixtures/invalid-fo/${name}`, import.meta.url), 'utf8'));
  } catch (err) {
    return (err as PressroomError).diagnostics.map((d) => d.hint);
  }
  return [];
}

describe('diagnostics for FO outside the subset', () => {
  const F = 'fixtures/invalid-fo';

  it('should name an element outside the subset, and each unknown child', () => {
    expect(diagnosticsOf('unknown-element.fo')).toEqual([
      `${F}/unknown-element.fo:10:7: error: fo:table is not in the supported XSL-FO subset`,
      `${F}/unknown-element.fo:10:17: error: fo:table-body is not in the supported XSL-FO subset`,
    ]);
    expect(hintsOf('unknown-element.fo')[0]).toBe('see the subset table in the README');
  });

  it('should name a property outside the subset', () => {
    expect(diagnosticsOf('unsupported-property.fo')).toEqual([`${F}/unsupported-property.fo:10:7: error: property font-variant on fo:block is not in the supported subset`]);
  });

  it('should explain a bad property value', () => {
    expect(diagnosticsOf('bad-value.fo')).toEqual([`${F}/bad-value.fo:10:7: error: invalid font-size on fo:block: "big" is not a length (use e.g. 10pt, 4mm, 1.2em)`]);
    expect(diagnosticsOf('bad-color.fo')).toEqual([`${F}/bad-color.fo:5:7: error: invalid background-color on fo:region-body: "ultramarine" is not a colour (use #rrggbb)`]);
    expect(hintsOf('bad-value.fo')).toEqual(['see the subset table in the README for the values it takes']);
  });

  it('should refuse an element in the wrong parent, saying where it belongs', () => {
    expect(diagnosticsOf('wrong-parent.fo')).toEqual([`${F}/wrong-parent.fo:10:7: error: fo:list-item cannot appear inside fo:flow`]);
    expect(hintsOf('wrong-parent.fo')).toEqual(['place it inside fo:list-block']);
  });

  it('should refuse an element outside the FO namespace', () => {
    expect(diagnosticsOf('foreign-namespace.fo')).toEqual([`${F}/foreign-namespace.fo:10:17: error: element <svg:svg> is not in the XSL-FO namespace`]);
    expect(hintsOf('foreign-namespace.fo')).toEqual([`use fo: elements (xmlns:fo="${FO_NS}")`]);
  });

  it('should refuse a document that is not FO at all', () => {
    expect(diagnosticsOf('not-fo-root.fo')).toEqual([
      `${F}/not-fo-root.fo:2:1: error: element <html> is not in the XSL-FO namespace`,
      `${F}/not-fo-root.fo:2:44: error: element <body> is not in the XSL-FO namespace`,
    ]);
  });

  it('should refuse an FO document whose root is not fo:root', () => {
    expect(diagnosticsOfText('x.fo', `<fo:block xmlns:fo="${FO_NS}">text</fo:block>`)).toEqual(['x.fo:1:1: error: the document is not an fo:root']);
  });

  it('should report every problem of a document at once, in document order', () => {
    expect(diagnosticsOf('several-errors.fo')).toEqual([
      `${F}/several-errors.fo:10:7: error: property font-variant on fo:block is not in the supported subset`,
      `${F}/several-errors.fo:10:7: error: invalid font-size on fo:block: "big" is not a length (use e.g. 10pt, 4mm, 1.2em)`,
      `${F}/several-errors.fo:11:7: error: fo:table is not in the supported XSL-FO subset`,
    ]);
  });

  it('should report XML that is not well-formed at the bad close tag', () => {
    const [message] = diagnosticsOf('not-well-formed.fo');
    expect(message.startsWith(`${F}/not-well-formed.fo:10:56: error: the filled layout is not well-formed XML: `)).toBe(true);
    expect(message).toContain('unexpected close tag');
    expect(hintsOf('not-well-formed.fo')).toEqual(['check the layout template; `pressroom fo <release>` prints the filled FO']);
  });

  it('should report a document cut short with the unclosed element', () => {
    const [message] = diagnosticsOf('unclosed-document.fo');
    expect(message).toContain('unclosed tag: fo:layout-master-set');
  });

  // The saxes message loses its own "line:col: " prefix and final period.
  it('should not repeat the position inside a well-formedness message', () => {
    expect(diagnosticsOf('not-well-formed.fo')).toEqual([`fixtures/invalid-fo/not-well-formed.fo:10:56: error: the filled layout is not well-formed XML: unexpected close tag`]);
  });

  // Columns are 1-based everywhere, also at the end of the input.
  it('should never report column 0', () => {
    const [message] = diagnosticsOf('unclosed-document.fo');
    expect(message).toMatch(/^fixtures\/invalid-fo\/unclosed-document\.fo:4:1: error: /);
  });

  // Element diagnostics point at the "<" of the tag (10:7 for "      <fo:block font-size=…").
  it('should place element diagnostics at the "<" of the element', () => {
    expect(diagnosticsOf('bad-value.fo')[0]).toMatch(/^fixtures\/invalid-fo\/bad-value\.fo:10:7: /);
  });
});

/** A document whose flow holds `snippet` (page master and sequence around it). */
function doc(snippet: string, flowAttrs = ''): FoDocument {
  return parseFo('t.fo', `<fo:root xmlns:fo="${FO_NS}"><fo:layout-master-set><fo:simple-page-master master-name="p"><fo:region-body/></fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body" ${flowAttrs}>${snippet}</fo:flow></fo:page-sequence></fo:root>`);
}

/** The element whose id attribute is `id`. */
function byId(d: FoDocument, id: string): FoElement {
  const find = (el: FoElement): FoElement | undefined => (el.attrs.id === id ? el : el.children.reduce<FoElement | undefined>((found, c) => found ?? (c.kind === 'element' ? find(c) : undefined), undefined));
  const el = find(d.root);
  if (!el) throw new Error(`no element with id ${id}`);
  return el;
}

describe('font-size', () => {
  it('should start from 12pt', () => {
    expect(byId(doc('<fo:block id="b">x</fo:block>'), 'b').props.fontSize).toBe(12);
  });

  it('should resolve em and % against the parent font size, and mm to points', () => {
    const d = doc('<fo:block id="em" font-size="1.5em"><fo:block id="nested" font-size="0.5em"/></fo:block><fo:block id="pc" font-size="120%"/><fo:block id="mm" font-size="10mm"/><fo:block id="in" font-size="0.25in"/>', 'font-size="10pt"');
    expect(byId(d, 'em').props.fontSize).toBe(15);
    expect(byId(d, 'nested').props.fontSize).toBe(7.5);
    expect(byId(d, 'pc').props.fontSize).toBe(12);
    expect(byId(d, 'mm').props.fontSize).toBeCloseTo(10 * MM, 9);
    expect(byId(d, 'in').props.fontSize).toBe(18);
  });

  it('should be inherited by children that do not set it', () => {
    const d = doc('<fo:block font-size="9pt"><fo:block id="child"><fo:inline id="inline">x</fo:inline></fo:block></fo:block>');
    expect(byId(d, 'child').props.fontSize).toBe(9);
    expect(byId(d, 'inline').props.fontSize).toBe(9);
  });

  it('should measure other em lengths of an element against its own font size', () => {
    const d = doc('<fo:block id="b" font-size="20pt" space-before="1em" text-indent="0.5em"/>', 'font-size="10pt"');
    expect(byId(d, 'b').props.spaceBefore).toBe(20);
    expect(byId(d, 'b').props.textIndent).toBe(10);
  });

  it('should refuse a zero or negative font size', () => {
    expect(() => doc('<fo:block font-size="0pt"/>')).toThrow('invalid font-size on fo:block: "0pt" is not a positive font size');
  });
});

describe('line-height', () => {
  it('should start as normal: 1.2 times the font size', () => {
    expect(byId(doc('<fo:block id="b" font-size="10pt"/>'), 'b').props.lineHeight).toBe(12);
  });

  it('should inherit a plain number as a factor that children recompute from their own font size', () => {
    const d = doc('<fo:block id="parent" font-size="10pt" line-height="1.5"><fo:block id="child" font-size="20pt"><fo:inline id="grandchild" font-size="8pt"/></fo:block></fo:block>');
    expect(byId(d, 'parent').props.lineHeight).toBe(15);
    expect(byId(d, 'child').props.lineHeight).toBe(30);
    expect(byId(d, 'grandchild').props.lineHeight).toBe(12);
  });

  it('should inherit a length or percentage as the computed length', () => {
    const d = doc('<fo:block id="len" font-size="10pt" line-height="14pt"><fo:block id="lenChild" font-size="20pt"/></fo:block><fo:block id="pc" font-size="10pt" line-height="150%"><fo:block id="pcChild" font-size="20pt"/></fo:block><fo:block id="em" font-size="10pt" line-height="1.2em"><fo:block id="emChild" font-size="20pt"/></fo:block>');
    expect(byId(d, 'len').props.lineHeight).toBe(14);
    expect(byId(d, 'lenChild').props.lineHeight).toBe(14);
    expect(byId(d, 'pc').props.lineHeight).toBe(15);
    expect(byId(d, 'pcChild').props.lineHeight).toBe(15);
    expect(byId(d, 'em').props.lineHeight).toBe(12);
    expect(byId(d, 'emChild').props.lineHeight).toBe(12);
  });

  it('should go back to a factor with line-height="normal"', () => {
    const d = doc('<fo:block line-height="14pt"><fo:block id="n" font-size="10pt" line-height="normal"><fo:block id="c" font-size="20pt"/></fo:block></fo:block>');
    expect(byId(d, 'n').props.lineHeight).toBe(12);
    expect(byId(d, 'c').props.lineHeight).toBe(24);
  });
});

describe('indents and margins', () => {
  it('should add margin-left to the inherited start-indent, and margin-right to the end-indent', () => {
    const d = doc('<fo:block start-indent="10pt" end-indent="4pt"><fo:block id="b" margin-left="5pt" margin-right="3pt"/></fo:block>');
    expect(byId(d, 'b').props.startIndent).toBe(15);
    expect(byId(d, 'b').props.endIndent).toBe(7);
  });

  it('should add padding and border widths to the start-indent given by a margin', () => {
    const d = doc('<fo:block start-indent="10pt"><fo:block id="b" margin-left="5pt" padding-left="2pt" border-left="1pt solid #000000"/></fo:block>');
    expect(byId(d, 'b').props.startIndent).toBe(18);
  });

  it('should inherit start-indent, and take an explicit start-indent as is', () => {
    const d = doc('<fo:block start-indent="10pt"><fo:block id="inherits"/><fo:block id="own" start-indent="3mm"/></fo:block>');
    expect(byId(d, 'inherits').props.startIndent).toBe(10);
    expect(byId(d, 'own').props.startIndent).toBeCloseTo(3 * MM, 9);
  });

  it('should turn margin-top and margin-bottom into space-before and space-after', () => {
    const d = doc('<fo:block id="b" margin="6pt 0pt 4pt 0pt"/>');
    expect([byId(d, 'b').props.spaceBefore, byId(d, 'b').props.spaceAfter]).toEqual([6, 4]);
  });

  it('should not inherit space-before, padding, borders or background', () => {
    const d = doc('<fo:block space-before="6pt" padding="2pt" border="1pt solid #ff0000" background-color="#eeeeee"><fo:block id="child"/></fo:block>');
    const p = byId(d, 'child').props;
    expect([p.spaceBefore, p.padding, p.border[0].width, p.backgroundColor]).toEqual([0, [0, 0, 0, 0], 0, null]);
  });

  it('should expand padding and border shorthands to four sides', () => {
    const p = byId(doc('<fo:block id="b" padding="1pt 2pt 3pt" border="0.5pt dashed #036"/>'), 'b').props;
    expect(p.padding).toEqual([1, 2, 3, 2]);
    expect(p.border.map((b) => [b.width, b.style, b.color])).toEqual(Array(4).fill([0.5, 'dashed', '#003366']));
  });
});

describe('list functions', () => {
  const list = `<fo:list-block id="list" start-indent="10pt" provisional-distance-between-starts="30pt" provisional-label-separation="5pt">
    <fo:list-item id="item">
      <fo:list-item-label id="label" end-indent="label-end()"><fo:block id="labelBlock">1.</fo:block></fo:list-item-label>
      <fo:list-item-body id="body" start-indent="body-start()"><fo:block id="bodyBlock">Text</fo:block></fo:list-item-body>
    </fo:list-item>
  </fo:list-block>`;

  it('should resolve body-start() to start-indent + provisional-distance-between-starts', () => {
    const d = doc(list);
    expect(byId(d, 'body').props.startIndent).toBe(40);
    expect(byId(d, 'bodyBlock').props.startIndent).toBe(40);
  });

  it('should resolve label-end() to end the label a label-separation before the body start', () => {
    const d = doc(list);
    expect(byId(d, 'label').props.labelEndAt).toBe(35);
    expect(byId(d, 'labelBlock').props.labelEndAt).toBe(35);
    expect(byId(d, 'labelBlock').props.startIndent).toBe(10);
  });

  it('should use the defaults 24pt and 6pt when the list gives none', () => {
    const d = doc(list.replace(/ provisional-[a-z-]+="[^"]*"/g, ''));
    expect(byId(d, 'body').props.startIndent).toBe(34);
    expect(byId(d, 'label').props.labelEndAt).toBe(28);
  });

  it('should drop label-end() when a nested block sets its own end-indent', () => {
    const d = doc(list.replace('<fo:block id="labelBlock">', '<fo:block id="labelBlock" end-indent="2pt">'));
    expect(byId(d, 'labelBlock').props.labelEndAt).toBeNull();
    expect(byId(d, 'labelBlock').props.endIndent).toBe(2);
  });
});

describe('other values', () => {
  it('should read colours, keeps, widows and breaks', () => {
    const p = byId(doc('<fo:block id="b" color="rgb(255,0,0)" keep-with-next.within-page="always" widows="3" orphans="4" break-before="page" text-align="right"/>'), 'b').props;
    expect([p.color, p.keepWithNext, p.widows, p.orphans, p.breakBefore, p.textAlign]).toEqual(['#ff0000', true, 3, 4, 'page', 'end']);
  });

  it('should refuse widows below 1 and an unknown text-align', () => {
    expect(() => doc('<fo:block widows="0"/>')).toThrow('invalid widows on fo:block: "0" is not a whole number of at least 1');
    expect(() => doc('<fo:block text-align="middle"/>')).toThrow('invalid text-align on fo:block: "middle" is not one of start, center, end, justify');
  });

  it('should refuse a length without a unit', () => {
    expect(() => doc('<fo:block space-before="6"/>')).toThrow('invalid space-before on fo:block: "6" has no unit (use e.g. 6pt)');
  });
});

describe('shared property sets', () => {
  /** Every element named `name`, in document order. */
  const all = (el: FoElement, name: string): FoElement[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => (c.kind === 'element' ? all(c, name) : []))];

  it('should give repeated elements one frozen property set that no consumer can change', () => {
    const d = doc('<fo:block space-after="2pt"><fo:inline font-weight="bold" border="1pt solid red">x</fo:inline></fo:block>'.repeat(3));
    const [a, b, c] = all(d.root, 'inline').map((el) => el.props);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(Object.isFrozen(a) && Object.isFrozen(a.border) && Object.isFrozen(a.border[0]) && Object.isFrozen(a.fontFamily)).toBe(true);
    expect(() => ((a as { fontWeight: number }).fontWeight = 400)).toThrow(TypeError);
    expect(() => (a.padding as number[]).push(1)).toThrow(TypeError);
  });

  it('should resolve the same attributes apart under parents of different values', () => {
    const d = doc('<fo:block id="a" font-size="10pt"><fo:block id="a1" space-before="1em"/></fo:block><fo:block id="b" font-size="20pt"><fo:block id="b1" space-before="1em"/></fo:block>');
    expect([byId(d, 'a1').props.spaceBefore, byId(d, 'b1').props.spaceBefore]).toEqual([10, 20]);
  });

  it('should give the same values however many distinct sets came before (the cache starts over when full)', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `<fo:block space-before="${i / 100}pt"/>`).join('');
    const d = doc(`${many}<fo:block id="last" space-before="2pt" font-size="1.5em"/>`);
    expect(byId(d, 'last').props.spaceBefore).toBe(2);
    expect(byId(d, 'last').props.fontSize).toBe(18);
    expect(doc('<fo:block id="last" space-before="2pt" font-size="1.5em"/>')).toEqual(doc('<fo:block id="last" space-before="2pt" font-size="1.5em"/>'));
  });
});
