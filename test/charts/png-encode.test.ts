/**
 * encodePng: the pixels resvg draws, written as PNG (RGB where all are opaque), decode to exactly
 * what resvg's own encoder gives, for opaque and semi-transparent drawings alike.
 */
import { describe, expect, it } from 'vitest';
import { renderAsync } from '@resvg/resvg-js';
import { encodePng } from '../../src/charts/png-encode.ts';
import { decodePng } from '../helpers/png-decode.ts';

const SHAPES = `<circle cx="40" cy="30" r="22" fill="#4c78a8"/><rect x="70" y="10" width="50" height="45" fill="#f58518" fill-opacity="0.35"/>
  <path d="M5 70 L150 5" stroke="#e45756" stroke-width="1.5"/><rect x="10" y="50" width="140" height="20" fill="#54a24b" opacity="0.6"/>`;

async function drawn(svg: string) {
  return renderAsync(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: false } });
}

describe('encodePng', () => {
  it('writes an opaque drawing as RGB with the pixels resvg encodes', async () => {
    const image = await drawn(`<svg xmlns="http://www.w3.org/2000/svg" width="160" height="80"><rect width="100%" height="100%" fill="white"/>${SHAPES}</svg>`);
    const png = encodePng(image);
    const ours = decodePng(png);
    const theirs = decodePng(image.asPng());
    expect(ours.chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([ours.width, ours.height, ours.colourType]).toEqual([320, 160, 2]);
    expect(Buffer.compare(ours.rgba, theirs.rgba)).toBe(0);
  });

  it('writes a drawing with see-through pixels as RGBA, its colours divided back by alpha as resvg does', async () => {
    const image = await drawn(`<svg xmlns="http://www.w3.org/2000/svg" width="160" height="80">${SHAPES}</svg>`);
    const ours = decodePng(encodePng(image));
    const theirs = decodePng(image.asPng());
    expect(ours.colourType).toBe(6);
    const alphas = new Set(ours.rgba.filter((_, i) => i % 4 === 3));
    expect(alphas.has(0) && alphas.has(255) && [...alphas].some((a) => a > 0 && a < 255)).toBe(true);
    expect(Buffer.compare(ours.rgba, theirs.rgba)).toBe(0);
  });

  it('gives the same bytes for the same pixels, and refuses pixels of the wrong size', async () => {
    const pixels = new Uint8Array(4 * 3 * 2).fill(255);
    pixels.set([10, 20, 30, 255], 4);
    const png = encodePng({ pixels, width: 3, height: 2 });
    expect(Buffer.compare(png, encodePng({ pixels, width: 3, height: 2 }))).toBe(0);
    expect([...decodePng(png).rgba]).toEqual([...pixels]);
    expect(() => encodePng({ pixels, width: 4, height: 2 })).toThrow('not 4×2 RGBA pixels');
  });
});
