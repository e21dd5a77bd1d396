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
    const size = imageSize(bytes) ?? svgSize(bytes);
    if (!size) fail({ file }, `the image "${src}" is not a PNG, JPEG or SVG file with a size`, 'convert it to PNG or JPEG, or give the SVG width and height or a viewBox');
    if (size.format === 'svg') checkSvg(src, new TextDecoder().decode(bytes), file);
    images.set(src, { ...size, bytes });
  }
  return images;
}

/**
 * What an SVG may not hold: text (its fonts would not be ours, and not embedded) and references to other files or
 * the network (images must be data: URIs). Checked when the layout's image is loaded, so the error names it.
 */
function checkSvg(src: string, svg: string, file: string): void {
  if (/<text\b/i.test(svg)) fail({ file }, `the SVG image "${src}" contains text`, 'convert the text to paths in the SVG editor');
  for (const m of svg.matchAll(/\s(?:xlink:)?href\s*=\s*["']([^"']*)["']/gi)) {
    if (!/^(#|data:image\/(png|jpeg);base64,)/i.test(m[1].trim())) fail({ file }, `the SVG image "${src}" refers to "${m[1].slice(0, 60)}"`, 'embed images in the SVG as data: URIs; it may not read other files or the network');
  }
  if (/<!ENTITY/i.test(svg)) fail({ file }, `the SVG image "${src}" declares entities`, 'remove the DOCTYPE and its entities');
}

/** Points per SVG user unit: SVG lengths without units are CSS pixels, 96 to the inch. */
const POINTS_PER_SVG_UNIT = 0.75;
const SVG_UNITS: Record<string, number> = { '': POINTS_PER_SVG_UNIT, px: POINTS_PER_SVG_UNIT, pt: 1, mm: 72 / 25.4, cm: 72 / 2.54, in: 72 };

/** The size of an SVG document from its root's width and height (or its viewBox), in points. */
export function svgSize(b: Uint8Array): { width: number; height: number; format: 'svg' } | undefined {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 4096));
  const root = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (!root) return undefined;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root)?.[1];
  const length = (v: string | undefined) => {
    const m = v ? /^\s*([\d.]+)\s*(px|pt|mm|cm|in)?\s*$/.exec(v) : null;
    return m ? Number(m[1]) * SVG_UNITS[m[2] ?? ''] : undefined;
  };
  const box = attr('viewBox')?.trim().split(/[\s,]+/).map(Number);
  const width = length(attr('width')) ?? (box && box.length === 4 ? box[2] * POINTS_PER_SVG_UNIT : undefined);
  const height = length(attr('height')) ?? (box && box.length === 4 ? box[3] * POINTS_PER_SVG_UNIT : undefined);
  return width && height && width > 0 && height > 0 ? { width, height, format: 'svg' } : undefined;
}

/** Pixel size of a PNG (IHDR) or JPEG (SOFn marker), taken as points at 72 dpi. */
export function imageSize(b: Uint8Array): { width: number; height: number; format: 'png' | 'jpeg' } | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length > 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return { width: view.getUint32(16), height: view.getUint32(20), format: 'png' };
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    for (let i = 2; i + 9 < b.length; ) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1];
      const length = view.getUint16(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: view.getUint16(i + 5), width: view.getUint16(i + 7), format: 'jpeg' };
      i += 2 + length;
    }
  }
  return undefined;
}
