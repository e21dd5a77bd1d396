// Renders one release in a fresh process (from the built dist/) and writes the PDF: `node renderInChild.mjs <release> <out.pdf> [2b|3b]`.
import { writeFileSync } from 'node:fs';
import { renderRelease } from '../../dist/index.js';

const [input, output, pdfa] = process.argv.slice(2);
const result = await renderRelease(input, pdfa ? { pdfa } : {});
writeFileSync(output, result.pdf);
