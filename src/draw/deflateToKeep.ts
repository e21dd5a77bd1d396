// Deflate for bytes a cache keeps.
import { deflateSync } from 'node:zlib';

/**
 * The bytes deflated, in a buffer of their own. zlib's synchronous output shorter than its 16 kB chunk is a view into
 * that chunk, which whoever keeps the view keeps whole: the caches of compressed ToUnicode maps (~0.5 kB each) and font
 * programs held ~14 kB of chunk per entry beyond what they weigh, ~13 MB per worker after 3,000 corpus releases.
 */
export function deflateToKeep(bytes: Uint8Array): Buffer {
  const deflated = deflateSync(bytes);
  if (deflated.byteLength === deflated.buffer.byteLength) return deflated;
  // allocUnsafeSlow: not from Node's shared pool, whose 8 kB slabs a kept slice would keep the same way.
  const own = Buffer.allocUnsafeSlow(deflated.byteLength);
  deflated.copy(own);
  return own;
}
