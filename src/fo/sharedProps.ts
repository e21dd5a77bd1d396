// Resolved property sets shared between elements: the same attributes under the same parent resolve to one frozen object.
import { deepFreeze } from './deepFreeze.js';
import { resolveProps } from './resolveProps.js';
import type { FoProps } from './types.js';

/**
 * Most property sets kept: a layout's skeleton has a few dozen distinct ones, a long release a hundred; an input with
 * thousands of distinct attribute sets only makes the cache start over, never grow past this.
 */
export const MAX_SHARED_PROPS = 4096;

/** Per parent property set (an object this cache or INITIAL_PROPS made), the resolved sets by attribute key. */
let byParent = new WeakMap<FoProps, Map<string, FoProps>>();
let size = 0;

/**
 * resolveProps, memoised: repeated elements (list items, the members of a roster, every release's page skeleton) share
 * one resolved object. The result depends only on the attributes and the parent's values, so sharing never changes
 * output; the objects are frozen so that no consumer can change one element's properties through another's.
 * A bad value throws PropertyError as resolveProps does, and nothing is kept.
 */
export function sharedProps(attrs: Record<string, string>, parent: FoProps): FoProps {
  const key = attrsKey(attrs);
  let known = byParent.get(parent);
  const hit = known?.get(key);
  if (hit) return hit;
  const props = deepFreeze(resolveProps(attrs, parent));
  if (size >= MAX_SHARED_PROPS) {
    byParent = new WeakMap();
    size = 0;
    known = undefined;
  }
  if (!known) byParent.set(parent, (known = new Map()));
  known.set(key, props);
  size++;
  return props;
}

/** The attributes as one string, in document order (NUL cannot occur in XML text, so the key is unambiguous). */
function attrsKey(attrs: Record<string, string>): string {
  let key = '';
  for (const name in attrs) key += `${name}\u0000${attrs[name]}\u0000`;
  return key;
}
