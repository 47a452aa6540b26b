import { describe, expect, it } from 'vitest';
import { subsetFont, warmSubsetter } from '../../src/charts/fonts.ts';

/** The characters a font maps, read back by harfbuzz's own (shaping) build. */
async function charactersOf(font: Uint8Array): Promise<string> {
  const { Blob, Face } = await import('harfbuzzjs');
  return String.fromCodePoint(...new Face(new Blob(font)).collectUnicodes());
}

describe('subsetFont', () => {
  it('keeps the asked characters and no others, in a few KB', async () => {
    const font = await subsetFont('Regular', '小红书 AI');
    expect(Buffer.from(font).subarray(0, 4).toString('latin1')).toBe('OTTO'); // OpenType with CFF outlines
    expect([...await charactersOf(font)].sort()).toEqual([' ', 'A', 'I', '书', '小', '红'].sort());
    expect(font.byteLength).toBeLessThan(20_000);
  });

  it('gives the same bytes from a face that already served other cuts', async () => {
    warmSubsetter();
    const first = await subsetFont('Bold', '用户增长');
    for (const text of ['产品', '运营', '数据', '分析', '经理']) await subsetFont('Bold', text); // the first cut leaves the kept few
    const again = await subsetFont('Bold', '用户增长');
    expect(again).not.toBe(first); // cut again, not the kept promise's bytes
    expect(Buffer.compare(again, first)).toBe(0);
    expect(Buffer.compare(await subsetFont('Regular', '用户增长'), first)).not.toBe(0);
  });

  it('cuts an empty text to a space', async () => {
    expect(await charactersOf(await subsetFont('Regular', ''))).toBe(' ');
  });
});
