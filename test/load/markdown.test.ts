import { describe, expect, it } from 'vitest';
import { readingMinutesInBytes, readingMinutesOf } from '../../src/load/formats/body.ts';
import { parseMarkdownArticle } from '../../src/load/formats/markdown.ts';
import { flatLayout, newestLayout, oldestLayout } from '../helpers/fixtures.ts';

function parseOk(text: string) {
  const result = parseMarkdownArticle(text, 'x.md');
  if (!result.ok) throw new Error(`rejected: ${result.reject.reason}`);
  return result;
}

describe('parseMarkdownArticle: layouts', () => {
  it('reads the newest layout (as the archive tool writes it)', () => {
    const { record, warnings } = parseOk(newestLayout());
    expect(record).toMatchObject({
      id: 6221872, title: '微信视频号凭什么后来者居上？', author: '豆芽悟', authorId: 323307,
      category: 'operate', categoryName: 'Operate', published: '2025-05-27', views: 1437, comments: 1,
      collects: 2, tags: ['个人观点', '视频号', '运营策略'], url: 'https://www.woshipm.com/operate/6221872.html',
      brief: '微信视频号凭借社交基因迅速崛起。', readingMinutes: 9, images: 2,
    });
    expect(warnings).toEqual([]);
  });

  it('reads the flat layout: comma tags, 万 counts, Category with a space, meta line glued to the date', () => {
    const { record, warnings } = parseOk(flatLayout());
    expect(record).toMatchObject({
      id: 4188001, category: 'data-analysis', categoryName: 'Data Analysis', views: 12000, comments: 3,
      collects: 51, tags: ['1年', '初级', '数据埋点'], readingMinutes: 7,
    });
    expect(warnings).toEqual([]);
  });

  it('reads the oldest layout: no Category, blank lines, trailing spaces, N/A author, k and 1,234 counts', () => {
    const { record } = parseOk(oldestLayout());
    expect(record).toMatchObject({
      id: 1234567, title: '从0到1搭建会员体系', author: null, authorId: null, category: 'pd', categoryName: null,
      published: '2019-04-01', views: 3400, comments: 0, collects: 1234, tags: ['会员', '体系', '增长'],
      brief: '会员体系怎么做。', readingMinutes: null,
    });
  });

  it('handles CRLF line endings and a UTF-8 BOM the same way', () => {
    const plain = parseOk(newestLayout()).record;
    const crlf = parseOk(`\ufeff${newestLayout().replace(/\n/g, '\r\n')}`).record;
    expect({ ...crlf, bodyChars: 0 }).toEqual({ ...plain, bodyChars: 0 });
    expect(crlf.bodyChars).toBe(plain.bodyChars);
  });

  it('splits tags at full-width commas, in a list and inside one backticked tag, and de-duplicates', () => {
    expect(parseOk(newestLayout({ tags: '`SaaS产品， 实体设计` `实体设计` ` 性能 `' })).record.tags)
      .toEqual(['SaaS产品', '实体设计', '性能']);
    expect(parseOk(newestLayout({ tags: 'A，B, C,,A' })).record.tags).toEqual(['A', 'B', 'C']);
    expect(parseOk(newestLayout({ tags: 'None' })).record.tags).toEqual([]);
    expect(parseOk(newestLayout({ tags: '' })).record.tags).toEqual([]);
  });

  it('lets the URL win over a disagreeing Category line, with a warning naming the line', () => {
    const { record, warnings } = parseOk(newestLayout({ category: 'Pd' }));
    expect(record.category).toBe('operate');
    expect(record.categoryName).toBe('Pd');
    expect(warnings).toEqual([{ path: 'x.md', line: 3, message: expect.stringContaining('"Pd"') }]);
  });

  it('counts body characters without markup, links and images (CJK characters count one)', () => {
    const { record } = parseOk(newestLayout({ body: '## 标题\n\n[链接文字](https://a.b/c) ![图](https://x/y.png)\n\n- **粗体** ok\n' }));
    // 标题 (2) + 链接文字 (4) + 粗体 (2) + ok (2)
    expect(record.bodyChars).toBe(10);
    expect(record.images).toBe(1);
  });
});

describe('parseMarkdownArticle: only the header is decoded, the rest is read as bytes', () => {
  it('finds the brief after blank lines of ideographic spaces, past the first guess of the header end', () => {
    const text = newestLayout().replace('{% endhint %}\n', '{% endhint %}\n\u3000\n \u3000 \n');
    expect(parseOk(text).record.brief).toBe('微信视频号凭借社交基因迅速崛起。');
  });

  it('reads a header whose fields mention endhint before the real end, and one longer than 4 KB', () => {
    const early = parseOk(newestLayout({ title: 'endhint 之后', tags: '`endhint`' })).record;
    expect(early).toMatchObject({ title: 'endhint 之后', tags: ['endhint'], brief: '微信视频号凭借社交基因迅速崛起。', readingMinutes: 9 });
    const long = parseOk(newestLayout({ brief: '长'.repeat(3000) })).record;
    expect(long.brief).toHaveLength(3000);
    expect(long.readingMinutes).toBe(9);
  });

  it('finds reading minutes on the bytes exactly where the pattern on the text finds them', () => {
    // Seeded random texts from the pieces that matter: labels, digits, every kind of white space.
    const pieces = ['评论', '浏览', '收藏', '分钟', '分', '钟', '1', '23', '4567', '89012', ' ', '\t', '\n', '\u00a0', '\u3000', '\u2007', '\u2028', '\u205f', '\ufeff', '\u1680', '\u200b', '\u2060', 'a', '字', '😀'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let found = 0;
    for (let n = 0; n < 3000; n++) {
      const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
      let text = '';
      for (let k = Math.floor(random() * 6); k >= 0; k--) text += pick(pieces);
      // A near-match: label, spaces, digits, spaces, 分钟 — each part sometimes wrong.
      const spaces = () => Array.from({ length: Math.floor(random() * 3) }, () => pick(pieces.slice(10, 22))).join('');
      text += pick(['评论', '浏览', '收藏', '评', 'a']) + spaces() + pick(['1', '23', '4567', '89012', '']) + spaces() + pick(['分钟', '分钟', '钟']);
      for (let k = Math.floor(random() * 4); k > 0; k--) text += pick(pieces);
      const expected = readingMinutesOf(text);
      if (expected !== null) found++;
      expect(readingMinutesInBytes(Buffer.from(text)), JSON.stringify(text)).toBe(expected);
      // From an offset: the label must lie inside the range.
      const cut = Buffer.from(text.slice(1));
      expect(readingMinutesInBytes(Buffer.concat([Buffer.from('评'), cut]), 3)).toBe(readingMinutesOf(text.slice(1)));
    }
    expect(found).toBeGreaterThan(300);
  });
});

describe('parseMarkdownArticle: rejects with a reason and a line', () => {
  const cases: [string, string, RegExp, number][] = [
    ['empty', '', /empty file/, 0],
    ['no title', newestLayout().replace(/^# .*\n/, ''), /no title/, 1],
    ['no hint block', '# T\n\nbody only\n', /no header block/, 3],
    ['unclosed hint', newestLayout().replace('{% endhint %}', ''), /not closed/, 2],
    ['no numeric id', newestLayout({ original: '[x](https://www.woshipm.com/operate/abc.html)' }), /numeric article id/, 8],
    ['invalid date', newestLayout({ published: '2023-02-30' }), /invalid Published date/, 5],
    ['stats missing a count', newestLayout({ stats: '👁️ 1437 views | 💬 1 comments' }), /collects/, 6],
  ];
  for (const [name, text, reason, line] of cases) {
    it(name, () => {
      const result = parseMarkdownArticle(text, 'bad.md');
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.reject.reason).toMatch(reason);
        expect(result.reject.line).toBe(line);
        expect(result.reject.path).toBe('bad.md');
      }
    });
  }
});
