// Grapheme clusters of a text, in windows: Intl.Segmenter slows down badly on very long strings (V8), so long texts
// are segmented a window at a time, each window ending where no cluster can continue.

/** Made on first use: ICU loads its break rules then (~12 ms), and text every font covers never needs them. */
let segmenter: Intl.Segmenter | undefined;
/** Window length in UTF-16 units: long enough for any real cluster, short enough to keep segmenting linear. */
const WINDOW = 256;
/** Characters that continue the cluster before them: combining marks, joiners, variation selectors, low surrogates, regional indicators, emoji modifiers. */
const CONTINUES = /^(?:[\p{M}\u200C\u200D\uFE00-\uFE0F]|[\uDC00-\uDFFF]|\uD83C[\uDDE6-\uDDFF\uDFFB-\uDFFF]|\uDB40[\uDC20-\uDC7F])/u;

/** The grapheme clusters of `text`, in order. */
export function* graphemesOf(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + WINDOW);
    // Move the window's end past anything that would join the last cluster, or past the end of a joined sequence.
    while (end < text.length && (CONTINUES.test(text.slice(end, end + 2)) || text[end - 1] === '\u200D')) end++;
    segmenter ??= new Intl.Segmenter('und', { granularity: 'grapheme' });
    for (const { segment } of segmenter.segment(text.slice(start, end))) yield segment;
    start = end;
  }
}
