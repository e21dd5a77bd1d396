// What every layout function receives: metrics, assets, limits, and where to put warnings.
import type { Diagnostic } from '../diagnostics/types.js';
import type { FontMetrics } from './fonts.js';
import type { Hyphenators } from './hyphenation.js';

/** An image the layout may place, read from the layout's folder by the load stage. */
export interface ImageAsset {
  /** Intrinsic size in points (PNG/JPEG pixels at 72 dpi; SVG user units at 96 per inch, as CSS pixels). */
  width: number;
  height: number;
  bytes: Uint8Array;
  format: 'png' | 'jpeg' | 'svg';
}

/** Shared state of one document's layout. */
export interface LayoutContext {
  metrics: FontMetrics;
  /** Images by their `src` as written in the FO. */
  images: Map<string, ImageAsset>;
  /** The file named in messages (the release). */
  file: string;
  /** Warnings collected on the way. */
  warnings: Diagnostic[];
  /** Most pages a document may have: a runaway input becomes an error, not an endless PDF. */
  maxPages: number;
  /** Hyphenation patterns for the languages the document hyphenates (none: no automatic hyphenation). */
  hyphenators?: Hyphenators;
  /** How lines are broken: total-fit (Knuth–Plass, the default) or first-fit (for comparison). */
  lineBreaking?: 'total-fit' | 'first-fit';
}
