// Imports harfbuzzjs from a CommonJS module that Node itself loads. The CLI bundle (dist/cli.cjs) runs through
// vm.Script with a code cache, and Node 20 drops the dynamic-import callback of a script compiled from a cache, so an
// import() inside the bundle fails; an import() in this file, required from the bundle at run time, does not.
const importHarfBuzz = (): Promise<typeof import('harfbuzzjs')> => import('harfbuzzjs');
export = importHarfBuzz;
