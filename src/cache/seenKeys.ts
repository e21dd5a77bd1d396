// Which keys a memo has met once: a memo that remembers only what recurs keeps one-off entries (a letterhead naming
// each release's reference) from taking turns in it, each holding its document's data until its generation is dropped.

/** 32-bit FNV-1a of a text by UTF-16 unit, continuing from `h` (FNV's offset basis by default). */
export function fnv1a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Keys met, as hashes (a number each, never the key's text: a text sliced from a document would keep the whole
 * document alive). A hash shared by two keys only makes the second count as met: callers use this to decide what
 * to remember, never what is true. At most `max` hashes are kept; then the set starts over.
 */
export class SeenKeys {
  readonly #seen = new Set<number>();

  constructor(private readonly max: number) {}

  /** Whether `key` was met before; notes it when not. */
  metBefore(key: string): boolean {
    const hash = fnv1a(key);
    if (this.#seen.has(hash)) return true;
    if (this.#seen.size >= this.max) this.#seen.clear();
    this.#seen.add(hash);
    return false;
  }
}
