// Metadata from hostile titles and refs: the Info dictionary reads back exactly, and the XMP packet stays well-formed XML.
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/readPdf.js';
import { FIELDS, md, render } from './helpers.js';

/** Characters and markup that break naive XMP or Info writers. */
const TITLE = 'Tom & Jerry <b>bold</b> ]]> <?xpacket end="w"?> </rdf:li></rdf:Alt> <x:xmpmeta xmlns:x="adobe:ns:meta/"> \' " \\ ( ) ü 😀';
const REF = '&<]]><?xpacket end=\'w\'?>';

/** Whether poppler's pdfinfo is installed. */
const HAS_PDFINFO = spawnSync('pdfinfo', ['-v']).status === 0;

/** The hostile release: title and ref as YAML double-quoted strings (the title without the emoji, which no font has). */
const release = md('Body.\n', `title: ${JSON.stringify(TITLE.replace(' 😀', ''))}\n`, FIELDS.replace('ref: NHA/2025/014', `ref: ${JSON.stringify(REF)}`));

/** Parses XML, throwing on the first well-formedness error. */
function parseXml(xml: string): string[] {
  const texts: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('text', (t) => texts.push(t));
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return texts;
}

describe.each([['an ordinary PDF', undefined], ['a PDF/A-3b archival copy', '3b' as const]])('metadata of %s', (_, pdfa) => {
  it('should read back the title and ref exactly in the Info dictionary', async () => {
    const doc = await readPdf((await render('r.md', release, pdfa ? { pdfa } : {})).pdf);
    expect(doc.info.Title).toBe(TITLE.replace(' 😀', ''));
    expect(doc.info.Subject).toBe(REF);
  });

  it.skipIf(!HAS_PDFINFO)(`should write XMP that parses as XML and holds the title and ref as text${HAS_PDFINFO ? '' : ' (skipped: pdfinfo from poppler-utils is not installed)'}`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pressroom-hostile-meta-'));
    const file = join(dir, 'r.pdf');
    await writeFile(file, (await render('r.md', release, pdfa ? { pdfa } : {})).pdf);
    const run = spawnSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const xmp = run.stdout.slice(run.stdout.indexOf('<?xpacket begin'));
    if (!pdfa && !xmp.startsWith('<?xpacket')) return; // an ordinary PDF may carry no XMP at all: nothing to break
    const texts = parseXml(xmp);
    expect(texts.join('')).toContain(TITLE.replace(' 😀', ''));
    expect(texts.join('')).toContain(REF);
    // One packet: the hostile `<?xpacket end="w"?>` inside the title is text, not a second end.
    expect(xmp.match(/<\?xpacket end=/g)).toHaveLength(1);
  });
});
