// Typographic figures of a laid-out document: evenness of spacing, hyphenation, and pagination faults (for the typo report).
import type { LineFlowItem, ParagraphInfo } from './flow/items.js';

/** Figures of one paragraph. */
export interface ParagraphStats {
  /** Page of its first line. */
  page: number;
  /** Its first words, to find it. */
  start: string;
  justified: boolean;
  lines: number;
  /** Largest and mean adjustment ratio of its lines but the last (justified paragraphs; 0 otherwise). */
  maxRatio: number;
  meanRatio: number;
  hyphenated: number;
  longestHyphenRun: number;
  overfull: number;
}

/** Figures of a document. */
export interface TypoStats {
  paragraphs: ParagraphStats[];
  /** Paragraphs left with fewer lines than `widows` at the top of a column. */
  widows: number;
  /** Paragraphs left with fewer lines than `orphans` at the foot of a column. */
  orphans: number;
  /** Columns ending with a line that should keep with the next (a heading alone at the foot). */
  loneHeadings: number;
  overfullLines: number;
}

/** Computes the figures from the lines of each column, in order (page numbers 1-based). */
export function typoStatsOf(columns: { page: number; lines: LineFlowItem[] }[]): TypoStats {
  const stats: TypoStats = { paragraphs: [], widows: 0, orphans: 0, loneHeadings: 0, overfullLines: 0 };
  const byParagraph = new Map<ParagraphInfo, { page: number; lines: LineFlowItem[] }>();
  columns.forEach((column, c) => {
    const counts = new Map<ParagraphInfo, number>();
    for (const line of column.lines) {
      counts.set(line.paragraph, (counts.get(line.paragraph) ?? 0) + 1);
      const entry = byParagraph.get(line.paragraph) ?? { page: column.page, lines: [] };
      entry.lines.push(line);
      byParagraph.set(line.paragraph, entry);
    }
    for (const [paragraph, count] of counts) {
      if (count === paragraph.lines) continue;
      const first = column.lines.find((l) => l.paragraph === paragraph)!;
      if (first.index > 0 && count < paragraph.widows && first.index + count === paragraph.lines) stats.widows++;
      if (first.index === 0 && count < paragraph.orphans) stats.orphans++;
    }
    const last = column.lines[column.lines.length - 1];
    if (last?.keepWithNext && c < columns.length - 1) stats.loneHeadings++;
  });
  for (const [paragraph, { page, lines }] of byParagraph) {
    const body = lines.slice(0, -1).map((l) => l.line);
    const ratios = paragraph.justified ? body.filter((l) => l.spaces > 0).map((l) => l.ratio) : [];
    let run = 0;
    let longest = 0;
    for (const l of lines) {
      run = l.line.hyphenated ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    const overfull = lines.filter((l) => l.line.overfull).length;
    stats.overfullLines += overfull;
    stats.paragraphs.push({
      page,
      start: lines[0].line.frags.map((f) => (f.frag.kind === 'text' ? f.frag.text : '') + (f.spaceAfter ? ' ' : '')).join('').slice(0, 40),
      justified: paragraph.justified,
      lines: lines.length,
      maxRatio: ratios.length ? Math.max(...ratios) : 0,
      meanRatio: ratios.length ? ratios.reduce((a, b) => a + b, 0) / ratios.length : 0,
      hyphenated: lines.filter((l) => l.line.hyphenated).length,
      longestHyphenRun: longest,
      overfull,
    });
  }
  return stats;
}
