// The program's version, read once from package.json (it goes into every PDF's Creator).
import { readFileSync } from 'node:fs';

/** pressroom's version. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
