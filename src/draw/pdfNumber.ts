// Numbers as content streams write them.

/** A number as PDF content writes it (at most six decimals, as pdfkit does); NaN and infinities are a bug upstream. */
export function pdfNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot write ${n} into a PDF`);
  return String(Math.round(n * 1e6) / 1e6);
}
