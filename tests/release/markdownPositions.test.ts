// markdown-it gives tokens line ranges only: the body's links, images and blocks are placed by src/release/parseMarkdown.ts.
// Messages must point at the very character, inside lists, quotes and continuation lines too.
import { describe, expect, it } from 'vitest';
import { PressroomError } from '../../src/diagnostics/PressroomError.js';
import { convertMarkdown } from '../../src/release/convertMarkdown.js';
import type { Block, Inline } from '../../src/release/types.js';

const BODY = ['Intro with [a](https://a.org) link.', '', '- item [b](https://b.org)', '  continued [c](javascript:x)', '', '> quote', '> [d](ftp://d) and ![e](e.png)', '', '   **Bold [f](https://f.org)**'].join('\n');

function placesOf(run: () => unknown): string[] {
  try {
    run();
    return [];
  } catch (err) {
    if (!(err instanceof PressroomError)) throw err;
    return err.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
  }
}

function links(blocks: Block[]): string[] {
  const out: string[] = [];
  const inline = (i: Inline) => {
    if (i.kind === 'link') out.push(`${i.position.line}:${i.position.column} ${i.url}`);
    if ('children' in i) i.children.forEach(inline);
  };
  const block = (b: Block) => {
    if ('children' in b) (b.children as (Block | Inline)[]).forEach((c) => ('position' in c && c.kind !== 'link' ? block(c as Block) : inline(c as Inline)));
    if (b.kind === 'list') b.items.forEach((item) => item.children.forEach(block));
  };
  blocks.forEach(block);
  return out;
}

describe('places in the Markdown body', () => {
  it('should report bad links and images at their first character, in lists, continuation lines and quotes', () => {
    expect(placesOf(() => convertMarkdown(BODY, { file: 'r.md', line: 10 }))).toEqual([
      '13:13 link scheme "javascript:" is not allowed',
      '16:3 link scheme "ftp:" is not allowed',
      '16:20 images are not supported in the release body',
    ]);
  });

  it('should place good links and blocks, counting from the body line and a YAML block indentation', () => {
    const body = BODY.replace('[c](javascript:x)', 'c').replace('[d](ftp://d) and ![e](e.png)', 'd');
    const blocks = convertMarkdown(body, { file: 'r.yaml', line: 10, indent: 2 });
    expect(links(blocks)).toEqual(['10:14 https://a.org', '12:10 https://b.org', '18:13 https://f.org']);
    expect(blocks.map((b) => `${b.kind} ${b.position.line}:${b.position.column}`)).toEqual(['paragraph 10:3', 'list 12:3', 'quote 15:3', 'paragraph 18:6']);
  });

  it('should place everything at the field of a quoted body', () => {
    expect(placesOf(() => convertMarkdown('one\n[x](javascript:y)', { file: 'r.json', line: 1, fixed: { line: 4, column: 11 } }))).toEqual(['4:11 link scheme "javascript:" is not allowed']);
  });
});
