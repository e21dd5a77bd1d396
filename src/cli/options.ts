// Options several commands share, declared once so their help text reads the same everywhere.
import type { Options } from 'yargs';

/** `--layouts DIR`: where layouts are looked up (default: the package's own `layouts/`). */
export const LAYOUTS_OPTION = {
  type: 'string',
  describe: 'folder holding the layouts (default: the layouts that come with pressroom)',
  normalize: true,
  requiresArg: true,
} as const satisfies Options;
