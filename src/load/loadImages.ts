// Reads the images a filled layout refers to, from the layout's own folder only (PNG and JPEG).
import { readFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { fail } from '../diagnostics/PressroomError.js';
import type { ImageAsset } from '../typeset/context.js';

/** Reads each `src` relative to `layoutDir`; a path leaving the folder, a URL or an unknown format is an error. */
export async function loadImages(layoutDir: string, sources: string[], file: string): Promise<Map<string, ImageAsset>> {
  const images = new Map<string, ImageAsset>();
  for (const src of new Set(sources)) {
    const path = resolve(layoutDir, src);
    const inside = relative(layoutDir, path);
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || inside.startsWith(`..${sep}`) || inside === '..' || resolve(src) === src) {
      fail({ file }, `the image "${src}" is outside the layout folder`, 'images must be files inside the layout folder, named by a relative path');
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch {
      return fail({ file }, `the image "${src}" cannot be read`, 'check the path relative to the layout folder');
    }
    const size = imageSize(bytes);
    if (!size) fail({ file }, `the image "${src}" is not a PNG or JPEG file`, 'convert it to PNG or JPEG');
    images.set(src, { ...size, bytes });
  }
  return images;
}

/** Pixel size of a PNG (IHDR) or JPEG (SOFn marker), taken as points at 72 dpi. */
export function imageSize(b: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length > 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    for (let i = 2; i + 9 < b.length; ) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1];
      const length = view.getUint16(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
      i += 2 + length;
    }
  }
  return undefined;
}
