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
const BANNER = `\
var __pressroomBundleDir = __dirname, __pressroomBundleFile = __filename;
var __pressroomDistUrl = (file) => require("node:url").pathToFileURL(require("node:path").join(__pressroomBundleDir, file)).href;
var __pressroomPackageUrl = (name, file) => {
  const { existsSync } = require("node:fs"), { join } = require("node:path");
  for (const folder of require.resolve.paths(name) ?? []) if (existsSync(join(folder, name, "package.json"))) return require("node:url").pathToFileURL(join(folder, name, file)).href;
  return require("node:url").pathToFileURL(__pressroomBundleFile).href;
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
  plugins: [ownLocation],
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
const code = result.outputFiles[0].text;
writeFileSync(bundle, `// pressroom CLI bundle ${createHash('sha256').update(code).digest('hex')}\n${code}`);

// Train the code cache: render a release in this process, then once more as up to date, so the cache holds
// the code of the whole pipeline and of the incremental check.
const { loadBundle, CACHE_SUFFIX } = await import(new URL('../dist/cli/loadBundle.js', import.meta.url).href);
const loaded = loadBundle(bundle, `${bundle}${CACHE_SUFFIX}`);
const out = mkdtempSync(join(tmpdir(), 'pressroom-build-'));
const quiet = { out: () => undefined, err: () => undefined };
try {
  for (const extra of [['--force'], []]) {
    const code = await loaded.exports.main(['render', TRAINING_RELEASE, '-o', join(out, 'training.pdf'), '--quiet', '--jobs', '1', ...extra], quiet);
    if (code !== 0) throw new Error(`the training render exited with ${code}`);
  }
  if (!loaded.saveCache()) throw new Error('the code cache cannot be written');
} finally {
  rmSync(out, { recursive: true, force: true });
}
