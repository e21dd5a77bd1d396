// The layouts prepared at build time (see prebuilt.ts): none here. The CLI bundle's build replaces this module with
// the shipped layouts' precompiled templates and parsed data (scripts/bundle-cli.mjs, `prebuiltLayouts`).
import { NO_PREBUILT_LAYOUTS, type PrebuiltLayouts } from './prebuilt.js';

export const PREBUILT_LAYOUTS: PrebuiltLayouts = NO_PREBUILT_LAYOUTS;
