// Bundles the CLI into one file, dist/cli.cjs, and trains V8's code cache for it (see src/cli/loadBundle.ts for why).
// Run by `npm run build` after tsc: the bundle is made from dist/, so it runs exactly the code the library API runs.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
/** The release the code cache is trained on: it goes through every stage of a render. */
const TRAINING_RELEASE = join(ROOT, 'fixtures/releases/161a07.md');

// Modules find files beside themselves (package.json, layouts, fonts, the worker, pdfkit's data, yargs' messages)
// through import.meta.url or __dirname. Bundled, they would all look beside dist/cli.cjs; these helpers give each
// module the location it has unbundled: its file in dist/, or its file in its package wherever Node finds that.
// The bundle's own folder is kept first thing: a bundled ES module may declare a top-level __dirname of its own.
// A package's folder is looked up once (several of its modules ask).
const BANNER = `\
var __pressroomBundleDir = __dirname, __pressroomBundleFile = __filename;
var __pressroomDistUrl = (file) => require("node:url").pathToFileURL(require("node:path").join(__pressroomBundleDir, file)).href;
var __pressroomPackageDirs = new Map();
var __pressroomPackageUrl = (name, file) => {
  const { existsSync } = require("node:fs"), { join } = require("node:path");
  if (!__pressroomPackageDirs.has(name)) __pressroomPackageDirs.set(name, (require.resolve.paths(name) ?? []).find((folder) => existsSync(join(folder, name, "package.json"))));
  const folder = __pressroomPackageDirs.get(name);
  return require("node:url").pathToFileURL(folder === undefined ? __pressroomBundleFile : join(folder, name, file)).href;
};`;

/** Rewrites a module's own location (import.meta.url, and __dirname/__filename in CommonJS) to its unbundled one. */
const ownLocation = {
  name: 'own-location',
  setup(b) {
    b.onLoad({ filter: /\.(c|m)?js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const inPackage = args.path.lastIndexOf(`${sep}node_modules${sep}`);
      const usesDirname = inPackage >= 0 && /\b__(dirname|filename)\b/.test(text) && !/\bimport\.meta\b/.test(text);
      if (!text.includes('import.meta.url') && !usesDirname) return undefined;
      let url;
      if (inPackage < 0) url = `__pressroomDistUrl(${JSON.stringify(relative(DIST, args.path).split(sep).join('/'))})`;
      else {
        const [scope, name, ...rest] = args.path.slice(inPackage + '/node_modules/'.length).split(sep);
        const [pkg, file] = scope.startsWith('@') ? [`${scope}/${name}`, rest] : [scope, [name, ...rest]];
        url = `__pressroomPackageUrl(${JSON.stringify(pkg)}, ${JSON.stringify(file.join('/'))})`;
      }
      const contents = usesDirname
        ? text.replace(/^(\s*(['"])use strict\2;?)?/, `$1 var __filename = require("node:url").fileURLToPath(${url}), __dirname = require("node:path").dirname(__filename);`)
        : text.replaceAll('import.meta.url', url);
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * Modules whose content the build makes (see src/fill/prebuilt.ts and src/release/prebuiltValidator.ts): the shipped
 * layouts' templates precompiled and data parsed, and the release schema's validator compiled by ajv's standalone code.
 * Both are made from the compiled modules in dist/, so the bundle's keys are those its own code computes.
 */
async function prebuiltModules() {
  const { prepareLayouts, prebuiltLayoutsModule } = await import(new URL('../dist/fill/prepareLayouts.js', import.meta.url).href);
  const { AJV_OPTIONS, validatorKey } = await import(new URL('../dist/release/validateData.js', import.meta.url).href);
  const { releaseSchema } = await import(new URL('../dist/release/schema.js', import.meta.url).href);
  const { Ajv } = await import('ajv');
  const standaloneCode = (await import('ajv/dist/standalone/index.js')).default.default;
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  const validator = `${standaloneCode(ajv, ajv.compile(releaseSchema))}
export const PREBUILT_VALIDATOR = { key: ${JSON.stringify(validatorKey())}, validate };
`;
  return new Map([
    [join(DIST, 'fill/prebuiltLayouts.js'), prebuiltLayoutsModule(await prepareLayouts(join(ROOT, 'layouts')))],
    [join(DIST, 'release/prebuiltValidator.js'), validator],
  ]);
}

/** Puts the generated modules in place of their stand-ins in dist/. */
const prebuilt = (modules) => ({
  name: 'prebuilt',
  setup(b) {
    b.onLoad({ filter: /prebuilt\w*\.js$/ }, (args) => (modules.has(args.path) ? { contents: modules.get(args.path), loader: 'js', resolveDir: dirname(args.path) } : undefined));
  },
});

/**
 * Modules that a render never runs, or runs late, but whose top-level code is slow, are evaluated on first use
 * instead of when the bundle loads: each import of them gets a stand-in whose exports call the real module, which
 * the stand-in require()s (esbuild then wraps the real module to run when first required). The exports listed are
 * all that the bundled importers use (esbuild fails the build should an importer use another).
 * - string-width (three copies, for yargs' help layout): a Unicode emoji RegExp and an Intl.Segmenter, ~18 ms;
 * - @noble/ciphers/aes (pdfkit's encryption, which pressroom never asks for): AES tables, ~10 ms.
 */
const LAZY_MODULES = { 'string-width': ['default'], '@noble/ciphers/aes': ['cbc', 'ecb'] };
const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY_MODULES).map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, async (args) => {
      // Only ES imports: a require() (cli-progress's own CommonJS string-width) expects module.exports, not a namespace.
      if (args.pluginData?.real || args.kind !== 'import-statement') return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy', pluginData: { specifier: args.path } };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => {
      const load = `let loaded;\nconst real = () => (loaded ??= require(${JSON.stringify(args.path)}));\n`;
      const exports = LAZY_MODULES[args.pluginData.specifier].map((name) =>
        name === 'default' ? 'export default function (...args) { return real().default(...args); }' : `export const ${name} = (...args) => real().${name}(...args);`);
      return { contents: load + exports.join('\n'), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * tiny-inflate (pure JavaScript inflate), which unicode-trie runs at module load for fontkit, unicode-properties and
 * linebreak (~16 ms), is replaced by Node's zlib, which gives the same bytes ~10 times faster. Same contract: inflate
 * raw deflate data into `dest`, and return `dest`, or the part of it filled when the data is shorter.
 */
const zlibInflate = {
  name: 'zlib-inflate',
  setup(b) {
    b.onResolve({ filter: /^tiny-inflate$/ }, () => ({ path: 'tiny-inflate', namespace: 'zlib-inflate' }));
    b.onLoad({ filter: /.*/, namespace: 'zlib-inflate' }, () => ({
      loader: 'js',
      contents: `const { inflateRawSync } = require("node:zlib");
module.exports = function inflate(source, dest) {
  const out = inflateRawSync(source);
  dest.set(out.length > dest.length ? out.subarray(0, dest.length) : out);
  return out.length < dest.length ? (typeof dest.slice === "function" ? dest.slice(0, out.length) : dest.subarray(0, out.length)) : dest;
};`,
    }));
  },
};

const bundle = join(DIST, 'cli.cjs');
const result = await build({
  write: false,
  entryPoints: [join(DIST, 'cli/main.js')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  banner: { js: BANNER },
  plugins: [prebuilt(await prebuiltModules()), lazyModules, zlibInflate, ownLocation],
  // harfbuzzjs is an ES module with a top-level await (it compiles its WebAssembly as it loads): a CommonJS bundle
  // cannot hold it, so it stays a package the bundle imports (src/typeset/harfBuzzShaping.ts).
  external: ['harfbuzzjs'],
  // Whitespace only: names stay, so a stack trace (PRESSROOM_DEBUG=1) still reads. PRESSROOM_PLAIN_BUNDLE=1 keeps
  // the lines, each module under a `// path` comment, so a CPU profile (node --cpu-prof) says which module is slow.
  minifyWhitespace: process.env.PRESSROOM_PLAIN_BUNDLE !== '1',
  legalComments: 'none',
  logLevel: 'warning',
  // Left empty: yargs' import.meta.resolve, used only for `extends` in a yargs config file, which pressroom has none of.
  logOverride: { 'empty-import-meta': 'silent' },
});
// The first line names the content, so a code cache made for another bundle of the same length is never used.
// ASCII only: a source with one non-ASCII character is read into a two-byte string (twice the memory, and Node's
// UTF-8 decoding takes several ms longer in a cold start). esbuild escapes strings and templates itself; what is left is
// in regular expression literals (our typography's «», ’, §), where a \u escape stands for the very same character.
if (/\\[^\0-\x7f]/.test(result.outputFiles[0].text)) throw new Error('the bundle has a backslash before a non-ASCII character: escaping it would change its meaning');
const code = result.outputFiles[0].text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
writeFileSync(bundle, `// pressroom CLI bundle ${createHash('sha256').update(code).digest('hex')}\n${code}`);

// Train the code cache: render a release in this process, then once more as up to date, so the cache holds
// the code of the whole pipeline and of the incremental check.
const { loadBundle, CACHE_SUFFIX, BATCH_CACHE_SUFFIX } = await import(new URL('../dist/cli/loadBundle.js', import.meta.url).href);
const loaded = loadBundle(bundle, `${bundle}${CACHE_SUFFIX}`);
const out = mkdtempSync(join(tmpdir(), 'pressroom-build-'));
const quiet = { out: () => undefined, err: () => undefined };
try {
  for (const extra of [['--force'], []]) {
    const code = await loaded.exports.main(['render', TRAINING_RELEASE, '-o', join(out, 'training.pdf'), '--quiet', '--jobs', '1', ...extra], quiet);
    if (code !== 0) throw new Error(`the training render exited with ${code}`);
  }
  if (!loaded.saveCache()) throw new Error('the code cache cannot be written');
  // Then the cache of a batch's workers, made under the heap flags a batch sets (V8 refuses a cache made under other
  // flags): they run the render engine alone.
  const { setHeapFlags } = await import(new URL('../dist/batch/heapFlags.js', import.meta.url).href);
  const { loadSource } = await import(new URL('../dist/load/loadSource.js', import.meta.url).href);
  setHeapFlags();
  const forWorkers = loadBundle(bundle, `${bundle}${BATCH_CACHE_SUFFIX}`);
  const engine = await forWorkers.exports.loadEngine();
  for (let i = 0; i < 2; i++) await engine(await loadSource(TRAINING_RELEASE), {});
  if (!forWorkers.saveCache()) throw new Error('the code cache of the workers cannot be written');
} finally {
  rmSync(out, { recursive: true, force: true });
}
