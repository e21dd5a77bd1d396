// Backgrounds and borders of boxes and regions as page items.
import type { BorderSide, FoProps } from '../../fo/types.js';
import type { PageItem } from '../types.js';

/** Appends the background and borders of a box whose border rectangle is given. */
export function decorate(props: FoProps, x: number, y: number, width: number, height: number, out: PageItem[]): void {
  if (props.backgroundColor) out.push({ kind: 'rect', x, y, width, height, color: props.backgroundColor });
  const [top, right, bottom, left] = props.border;
  const line = (side: BorderSide, x1: number, y1: number, x2: number, y2: number) => {
    if (side.width > 0 && side.style !== 'none') out.push({ kind: 'line', x1, y1, x2, y2, thickness: side.width, color: side.color, style: side.style });
  };
  // Each border is stroked along the middle of its own width.
  line(top, x, y + top.width / 2, x + width, y + top.width / 2);
  line(bottom, x, y + height - bottom.width / 2, x + width, y + height - bottom.width / 2);
  line(left, x + left.width / 2, y, x + left.width / 2, y + height);
  line(right, x + width - right.width / 2, y, x + width - right.width / 2, y + height);
}
