// Dumps a PageLayout as text, one item per line with coordinates to 0.01 pt, for geometry snapshots whose diffs show what moved.
import type { PageItem, PageLayout } from '../../src/typeset/types.js';

/** A number to 0.01 pt, without a negative zero. */
function n(value: number): string {
  const s = value.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/** One page item as one line, prefixed with its page number. */
export function dumpItem(page: number, item: PageItem): string {
  const at = `page ${page} ${item.kind}`;
  switch (item.kind) {
    case 'text':
      return `${at} x=${n(item.x)} y=${n(item.y)} w=${n(item.width)} size=${n(item.size)} font=${item.font.key} color=${item.color} ${JSON.stringify(item.text)}`;
    case 'rect':
      return `${at} x=${n(item.x)} y=${n(item.y)} w=${n(item.width)} h=${n(item.height)} color=${item.color}`;
    case 'line':
      return `${at} x1=${n(item.x1)} y1=${n(item.y1)} x2=${n(item.x2)} y2=${n(item.y2)} thickness=${n(item.thickness)} color=${item.color} style=${item.style}`;
    case 'image':
      return `${at} x=${n(item.x)} y=${n(item.y)} w=${n(item.width)} h=${n(item.height)} src=${JSON.stringify(item.src)}`;
    case 'link':
      return `${at} x=${n(item.x)} y=${n(item.y)} w=${n(item.width)} h=${n(item.height)} url=${JSON.stringify(item.url)}`;
  }
}

/** The whole layout: a header line per page (size and master), then its items in drawing order. */
export function dumpLayout(layout: PageLayout): string {
  const lines: string[] = [`pages ${layout.pages.length}`];
  layout.pages.forEach((page, i) => {
    lines.push(`page ${i + 1} size=${n(page.width)}x${n(page.height)} master=${page.master} items=${page.items.length}`);
    for (const item of page.items) lines.push(dumpItem(i + 1, item));
  });
  return `${lines.join('\n')}\n`;
}
