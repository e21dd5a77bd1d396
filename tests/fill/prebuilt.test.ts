// Layouts prepared at build time (templates precompiled, data parsed) and the release validator compiled at build time:
// each is used only for the exact text (or schema) it was made from, and gives what compiling at run time gives.
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { compileLayout, templateText } from '../../src/fill/compileLayout.js';
import { NO_PREBUILT_LAYOUTS, TEMPLATE_OPTIONS, dataKey, templateKey, type PrebuiltLayouts, type TemplateSpecification } from '../../src/fill/prebuilt.js';
import { PREBUILT_LAYOUTS } from '../../src/fill/prebuiltLayouts.js';
import { prepareLayouts, type PreparedLayouts } from '../../src/fill/prepareLayouts.js';
import { loadSource } from '../../src/load/loadSource.js';
import { loadLayout } from '../../src/load/loadLayout.js';
import { parseRelease } from '../../src/release/parseRelease.js';
import { validatorKey } from '../../src/release/validateData.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LAYOUTS = join(ROOT, 'layouts');
const RELEASES = join(ROOT, 'fixtures/releases');

/** Prepared source evaluated, as the bundle's generated module does. */
function evaluate(prepared: PreparedLayouts): PrebuiltLayouts {
  const templates = new Map([...prepared.templates].map(([key, spec]) => [key, new Function(`return ${spec}`)() as TemplateSpecification]));
  return { templates, data: new Map(prepared.data) };
}

/** A copy of a shipped layout in a layouts folder of its own, to edit. */
function copyLayout(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-prebuilt-'));
  cpSync(join(LAYOUTS, name), join(dir, name), { recursive: true });
  return dir;
}

const release = async (file: string) => parseRelease(await loadSource(join(RELEASES, file)));

describe('prebuilt layouts', () => {
  it('should prepare every template and data file of the shipped layouts', async () => {
    const prepared = await prepareLayouts(LAYOUTS);
    for (const name of ['coe-press-release', 'plain-letterhead']) {
      const files = await loadLayout(LAYOUTS, name, NO_PREBUILT_LAYOUTS);
      for (const partial of files.partials) expect(prepared.templates.has(templateKey(templateText(partial.text, true)))).toBe(true);
      expect(prepared.templates.has(templateKey(files.main.text))).toBe(true);
      for (const n of readdirSync(join(files.dir, 'data'))) expect(prepared.data.has(dataKey(readFileSync(join(files.dir, 'data', n), 'utf8')))).toBe(true);
    }
  });

  it('should fill every fixture exactly as the layout compiled at run time does', async () => {
    const prebuilt = evaluate(await prepareLayouts(LAYOUTS));
    for (const file of readdirSync(RELEASES)) {
      const r = await release(file);
      const fresh = compileLayout(await loadLayout(LAYOUTS, r.layout, NO_PREBUILT_LAYOUTS), NO_PREBUILT_LAYOUTS);
      const prepared = compileLayout(await loadLayout(LAYOUTS, r.layout, prebuilt), prebuilt);
      expect(prepared.fill(r)).toBe(fresh.fill(r));
    }
  });

  it('should use a precompiled template and parsed data only for the very text they were made from', async () => {
    const r = await release('161a07.md');
    const dir = copyLayout('coe-press-release');
    const layoutDir = join(dir, 'coe-press-release');
    const textPartial = readFileSync(join(layoutDir, 'partials/text.hbs'), 'utf8');
    const officeYaml = readFileSync(join(layoutDir, 'data/office.yaml'), 'utf8');
    const office = (await loadLayout(dir, 'coe-press-release', NO_PREBUILT_LAYOUTS)).data.office as Record<string, unknown>;
    // Entries under the keys of the files' current texts, made from something else: seen in the output when used.
    const spec = new Function(`return ${Handlebars.precompile('PREBUILT-TEXT', { ...TEMPLATE_OPTIONS })}`)() as TemplateSpecification;
    const marked = Object.fromEntries(Object.keys(office).map((k) => [k, typeof office[k] === 'string' ? 'PREBUILT-DATA' : office[k]]));
    const prebuilt: PrebuiltLayouts = {
      templates: new Map([[templateKey(templateText(textPartial, true)), spec]]),
      data: new Map([[dataKey(officeYaml), JSON.stringify(marked)]]),
    };
    const used = compileLayout(await loadLayout(dir, 'coe-press-release', prebuilt), prebuilt).fill(r);
    expect(used).toContain('PREBUILT-TEXT');
    expect(used).toContain('PREBUILT-DATA');
    // The files edited since: both are read and compiled afresh, never served stale.
    writeFileSync(join(layoutDir, 'partials/text.hbs'), `EDITED-TEXT${textPartial}`);
    writeFileSync(join(layoutDir, 'data/office.yaml'), officeYaml.replace(/: (\S)/, ': EDITED-DATA $1'));
    const edited = compileLayout(await loadLayout(dir, 'coe-press-release', prebuilt), prebuilt).fill(r);
    expect(edited).not.toContain('PREBUILT-TEXT');
    expect(edited).not.toContain('PREBUILT-DATA');
    expect(edited).toContain('EDITED-TEXT');
    expect(edited).toContain('EDITED-DATA');
  });

  it('should report a syntax error of an edited template as before, even when its old text was precompiled', async () => {
    const prebuilt = evaluate(await prepareLayouts(LAYOUTS));
    const dir = copyLayout('coe-press-release');
    writeFileSync(join(dir, 'coe-press-release/partials/text.hbs'), '{{#if x}}\n');
    await expect(loadLayout(dir, 'coe-press-release', prebuilt).then((files) => compileLayout(files, prebuilt))).rejects.toThrow(/template syntax error/);
  });

  it('should be empty outside the CLI bundle, whose build fills it in', () => {
    expect(PREBUILT_LAYOUTS.templates.size).toBe(0);
    expect(PREBUILT_LAYOUTS.data.size).toBe(0);
    expect(PREBUILT_LAYOUTS.collation?.ranks.size).toBe(0);
  });

  it("should rank the names of the shipped layouts' rosters", async () => {
    const { rosterRanks } = await prepareLayouts(LAYOUTS);
    expect(rosterRanks.get('en')?.has('Türkiye')).toBe(true);
    expect(rosterRanks.get('fr')?.has('Türkiye')).toBe(true);
  });
});

describe('prebuilt release validator', () => {
  it('should be in the CLI bundle under the key of the schema and options the code runs with', () => {
    // `npm test` builds first, so the bundle is the one of this source.
    expect(readFileSync(join(ROOT, 'dist/cli.cjs'), 'utf8')).toContain(`PREBUILT_VALIDATOR={key:${JSON.stringify(validatorKey())}`);
  });
});
