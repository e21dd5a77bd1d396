// What the lay-out stage hands on: pages of positioned items, ready to draw. Coordinates in points, y downwards from the page top.
import type { FoElement } from '../fo/types.js';
import type { FontFace } from './fonts.js';
import type { TypoStats } from './typoStats.js';

/** A run of text drawn at a baseline. */
export interface TextItem {
  kind: 'text';
  x: number;
  /** Baseline. */
  y: number;
  text: string;
  font: FontFace;
  size: number;
  color: string;
  /** Width as laid out, including a final space. */
  width: number;
  /** The FO elements the text came from, outermost first (for tagged PDF). */
  path: readonly FoElement[];
}

/** A filled rectangle (backgrounds). */
export interface RectItem {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
}

/** A straight line (borders, rule leaders). */
export interface LineItem {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  thickness: number;
  color: string;
  style: 'solid' | 'dashed' | 'dotted';
  /** The FO elements of a rule leader; absent for borders and underlines (decoration, an artifact). */
  path?: readonly FoElement[];
}

/** An image from the layout's folder. */
export interface ImageItem {
  kind: 'image';
  x: number;
  y: number;
  width: number;
  height: number;
  /** The asset's key in the layout's asset map. */
  src: string;
  /** The FO elements the image came from (for tagged PDF). */
  path: readonly FoElement[];
}

/** A clickable area linking to a URL (http, https, mailto). */
export interface LinkItem {
  kind: 'link';
  x: number;
  y: number;
  width: number;
  height: number;
  url: string;
  /** The FO elements of the link's text (for tagged PDF). */
  path: readonly FoElement[];
}

export type PageItem = TextItem | RectItem | LineItem | ImageItem | LinkItem;

/** One laid-out page. */
export interface Page {
  width: number;
  height: number;
  /** Items in drawing order (backgrounds first). */
  items: PageItem[];
  /** Name of the page master used, for tests and debugging. */
  master: string;
}

/** The laid-out document. */
export interface PageLayout {
  pages: Page[];
  /** Typographic figures of the body text (spacing, hyphenation, widows, orphans, lone headings). */
  stats: TypoStats;
}
