// The fill stage: Release + compiled layout → XSL-FO text (release text escaped on the way in).
import type { Release } from '../release/types.js';
import type { CompiledLayout, FilledFo } from './types.js';

/** Fills the layout with the release; every value from the release passes through Handlebars' escaping `{{ }}`. */
export function fillLayout(layout: CompiledLayout, release: Release): FilledFo {
  return {
    text: layout.fill(release),
    name: `${release.source} (filled ${layout.name})`,
    layout,
    release,
  };
}
