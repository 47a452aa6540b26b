import { tableFromIPC } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { encodeArrow } from '../../src/load/arrow-encode.ts';

describe('encodeArrow', () => {
  it('round-trips numbers, text and text lists with nulls, CJK and emoji', () => {
    const bytes = encodeArrow(
      { n: [1, null, 2.5, 0], s: ['x', null, '小红书😀', ''], t: [['a', 'b'], [], ['中，文'], ['']] },
      { n: 'number', s: 'text', t: 'text-list' },
    );
    expect(tableFromIPC(bytes).toArray()).toEqual([
      { n: 1, s: 'x', t: ['a', 'b'] },
      { n: null, s: null, t: [] },
      { n: 2.5, s: '小红书😀', t: ['中，文'] },
      { n: 0, s: '', t: [''] },
    ]);
  });

  it('keeps each string whole even next to a lone surrogate', () => {
    const bytes = encodeArrow({ s: ['a\ud83d', '\ude00b'] }, { s: 'text' });
    expect(tableFromIPC(bytes).getChild('s').toArray()).toEqual(['a\ufffd', '\ufffdb']);
  });
});
