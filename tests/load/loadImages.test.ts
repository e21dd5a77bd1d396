// Images of a layout: PNG, JPEG and SVG from inside its folder only, sized from the file.
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, PressroomError } from '../../src/diagnostics/PressroomError.js';
import { loadImages, svgSize } from '../../src/load/loadImages.js';

const dir = mkdtempSync(join(tmpdir(), 'pressroom-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const svg = (attrs: string) => new TextEncoder().encode(`<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" ${attrs}><rect width="1" height="1"/></svg>`);

describe('svgSize', () => {
  it('should size an SVG from width and height, in CSS pixels (0.75 pt) or the units given', () => {
    expect(svgSize(svg('width="40" height="20"'))).toEqual({ width: 30, height: 15, format: 'svg' });
    expect(svgSize(svg('width="10mm" height="1in"'))).toEqual({ width: (10 * 72) / 25.4, height: 72, format: 'svg' });
  });

  it('should fall back to the viewBox, and refuse an SVG without any size', () => {
    expect(svgSize(svg('viewBox="0 0 100 50"'))).toEqual({ width: 75, height: 37.5, format: 'svg' });
    expect(svgSize(svg(''))).toBeUndefined();
    expect(svgSize(new TextEncoder().encode('not an image'))).toBeUndefined();
  });
});

describe('loadImages', () => {
  it('should read SVG, and refuse paths that leave the layout folder or name other files', async () => {
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'assets', 'mark.svg'), svg('width="40" height="40"'));
    const images = await loadImages(dir, ['assets/mark.svg'], 'r.md');
    expect(images.get('assets/mark.svg')).toMatchObject({ width: 30, height: 30, format: 'svg' });
    for (const src of ['../secret.png', '/etc/passwd', 'file:///etc/passwd', 'http://example.org/x.png']) {
      const err = await loadImages(dir, [src], 'r.md').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PressroomError);
      expect(formatDiagnostic((err as PressroomError).diagnostics[0])).toContain('is outside the layout folder');
    }
  });
});

describe('SVG content', () => {
  it.each([
    ['text', '<text x="1" y="1">Hi</text>', 'contains text'],
    ['an external image', '<image href="file:///etc/passwd" width="1" height="1"/>', 'refers to "file:///etc/passwd"'],
    ['a remote image', '<image xlink:href="http://example.org/x.png" width="1" height="1"/>', 'refers to "http://example.org/x.png"'],
  ])('should refuse an SVG with %s, naming the image', async (_, inner, message) => {
    writeFileSync(join(dir, 'bad.svg'), `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">${inner}</svg>`);
    const err = await loadImages(dir, ['bad.svg'], 'r.md').catch((e: unknown) => e);
    expect(formatDiagnostic((err as PressroomError).diagnostics[0])).toContain(`the SVG image "bad.svg" ${message}`);
  });
});
