// What the FO parser hands on: the XSL-FO tree with every property resolved (inheritance, units) once.

/** An RGB colour as `#rrggbb`. */
export type Color = string;

/** A length that may be a percentage of something known only at layout (a width). */
export type Length = { pt: number } | { percent: number };

/** One side of a border. */
export interface BorderSide {
  width: number;
  style: 'none' | 'solid' | 'dashed' | 'dotted';
  color: Color;
}

/** Top, right, bottom, left. */
export type Sides<T> = [T, T, T, T];

/** The properties of an element after inheritance and unit resolution (points throughout). */
export interface FoProps {
  fontFamily: string[];
  fontSize: number;
  fontWeight: number;
  fontStyle: 'normal' | 'italic';
  color: Color;
  backgroundColor: Color | null;
  /** Line height in points. */
  lineHeight: number;
  /** Set when line-height was given as a plain number: children recompute it from their own font size. */
  lineHeightFactor: number | null;
  textAlign: 'start' | 'center' | 'end' | 'justify';
  textAlignLast: 'relative' | 'start' | 'center' | 'end' | 'justify';
  textIndent: number;
  /** Distance of the content start edge from the reference area's start edge. */
  startIndent: number;
  /** Distance of the content end edge from the reference area's end edge. */
  endIndent: number;
  /** Set by `end-indent="label-end()"`: the content ends this far from the reference area's start edge instead. */
  labelEndAt: number | null;
  spaceBefore: number;
  spaceAfter: number;
  padding: Sides<number>;
  border: Sides<BorderSide>;
  keepWithNext: boolean;
  keepWithPrevious: boolean;
  keepTogether: boolean;
  widows: number;
  orphans: number;
  breakBefore: 'auto' | 'page' | 'column';
  breakAfter: 'auto' | 'page' | 'column';
  hyphenate: boolean;
  /** Fewest characters before a hyphen (hyphenation-remain-character-count). */
  hyphenationRemain: number;
  /** Fewest characters after a hyphen (hyphenation-push-character-count). */
  hyphenationPush: number;
  /** Most consecutive hyphenated lines (hyphenation-ladder-count; Infinity for no-limit). */
  hyphenationLadder: number;
  /** The character shown at a hyphenation break. */
  hyphenationCharacter: string;
  language: string | null;
  textDecoration: 'none' | 'underline';
  /** Shift of the baseline upwards, in points (super > 0, sub < 0). */
  baselineShift: number;
  id: string | null;
  width: Length | null;
  height: Length | null;
  provisionalDistanceBetweenStarts: number;
  provisionalLabelSeparation: number;
  leaderPattern: 'space' | 'rule';
  leaderLength: Length | null;
  ruleThickness: number;
  displayAlign: 'before' | 'center' | 'after';
}

/** A place in the filled FO text. */
export interface FoPosition {
  line: number;
  column: number;
}

/** An XSL-FO element with its resolved properties. */
export interface FoElement {
  kind: 'element';
  /** Local name in the FO namespace, e.g. `block`. */
  name: string;
  /** Attributes as written (after shorthand expansion is NOT applied; `props` holds the resolved values). */
  attrs: Record<string, string>;
  props: FoProps;
  children: FoNode[];
  position: FoPosition;
  /**
   * The element's own text in the filled FO, from its start tag to its end tag: kept for fo:static-content only, whose
   * layout is remembered by it (typeset/pages/staticContent.ts).
   */
  source?: string;
}

/** Character data in the FO. */
export interface FoText {
  kind: 'text';
  text: string;
  position: FoPosition;
}

export type FoNode = FoElement | FoText;

/** A parsed FO document. */
export interface FoDocument {
  /** Name of the FO text in messages. */
  file: string;
  root: FoElement;
}
