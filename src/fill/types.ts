// What the fill stage hands on: the filled XSL-FO text and the layout it came from.
import type { Release } from '../release/types.js';

/** A layout compiled once per process: fill it with a release to get XSL-FO text. */
export interface CompiledLayout {
  name: string;
  version: string;
  description: string;
  /** Who publishes with this layout: the PDF's author. */
  author: string;
  /** The layout's default PDF/A level (`pdfa:` in layout.yaml), if it is an archive layout. */
  pdfa?: string;
  /** Absolute path of the layout folder: its assets are read from here only. */
  dir: string;
  /** Fills the layout with a release; template errors name the template file and line:column. */
  fill(release: Release): string;
}

/** The filled layout: an XSL-FO document as text, ready to parse. */
export interface FilledFo {
  /** The XSL-FO text. */
  text: string;
  /** A name for the filled text in messages, e.g. `161a07.md (filled coe-press-release)`. */
  name: string;
  layout: CompiledLayout;
  release: Release;
}
