import { describe, expect, it } from 'vitest';
import { parseMarkdownArticle } from '../../src/load/markdown.ts';
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
