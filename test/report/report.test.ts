import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { type ColumnTable, table as aqTable } from 'arquero';
import { createNotebook, noArticlesNotebook } from '../../src/report/notebook.ts';
import { filterArticles } from '../../src/analyze/filter.ts';
import { scriptJson } from '../../src/report/html-page.ts';
import { pageTableOf, tableDataOf, writePageTable } from '../../src/report/table-data.ts';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_NOTEBOOKS } from '../../src/cli/report-command.ts';
import { prepareNotebookInput } from '../../src/report/input.ts';
import { writeReport } from '../../src/report/write-report.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { escapeHtml, escapeMarkdown, safeFileName } from '../../src/report/escape.ts';
import { inlineToHtml } from '../../src/report/markdown-to-html.ts';
import { filesUnder, writeTree } from '../helpers/fixtures.ts';
import { HOSTILE_AUTHOR, HOSTILE_TAG, HOSTILE_TITLE, hostileArchive } from '../helpers/hostile.ts';

const options = { minCount: 3, minAuthorCount: 3, resamples: 200 };

describe('report on an archive with hostile titles, authors and tags', () => {
  let first: string;
  let second: string;
  let cached: string;
  beforeAll(async () => {
    const archive = hostileArchive();
    first = writeTree({});
    second = writeTree({});
    cached = writeTree({});
    await writeReport(prepareNotebookInput(await loadArticles([archive]), options), first, BUILT_IN_NOTEBOOKS, () => {});
    await writeReport(prepareNotebookInput(await loadArticles([archive]), options), second, BUILT_IN_NOTEBOOKS, () => {});
    // Through the cache twice: the second load restores the cached table.
    const cache = writeTree({});
    await loadArticles([archive], { cache });
    await writeReport(prepareNotebookInput(await loadArticles([archive], { cache }), options), cached, BUILT_IN_NOTEBOOKS, () => {});
  }, 120_000);

  it('writes every notebook, the index, tables and charts', () => {
    const files = filesUnder(first);
    for (const name of ['overview', 'tags', 'authors', 'trends', 'compare']) {
      expect(files).toContain(join(name, 'index.html'));
      expect(files).toContain(join(name, 'index.md'));
    }
    expect(files).toContain('index.html');
    expect(files).toContain(join('tags', 'tables', 'tag-leaderboard.csv'));
    expect(files).toContain(join('tags', 'charts', 'tag-leaderboard.svg'));
    expect(files).toContain(join('tags', 'charts', 'tag-leaderboard.vl.json'));
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('is deterministic: two runs, and a run from the cache, give byte-identical files', () => {
    const files = filesUnder(first);
    expect(filesUnder(second)).toEqual(files);
    const differing = files.filter((file) => !readFileSync(join(second, file)).equals(readFileSync(join(first, file))));
    expect(differing).toEqual([]);
    expect(filesUnder(cached)).toEqual(files);
    expect(files.filter((file) => !readFileSync(join(cached, file)).equals(readFileSync(join(first, file))))).toEqual([]);
  });

  it('keeps hostile text inert in HTML', () => {
    const html = readFileSync(join(first, 'authors', 'index.html'), 'utf8') + readFileSync(join(first, 'tags', 'index.html'), 'utf8')
      + readFileSync(join(first, 'overview', 'index.html'), 'utf8');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).toContain('[x](javascript:alert(1))'); // the tag, shown as text
    expect(html).toContain(escapeHtml(HOSTILE_AUTHOR));
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('keeps hostile text intact in Markdown (escaped, so it shows as typed)', () => {
    const markdown = readFileSync(join(first, 'authors', 'index.md'), 'utf8') + readFileSync(join(first, 'tags', 'index.md'), 'utf8');
    expect(markdown).toContain('A\\|B');
    expect(markdown).toContain('\\<script\\>alert("x")\\</script\\>');
    // Every table row still has the same number of cells as its header.
    for (const block of markdown.split('\n\n').filter((b) => b.startsWith('| '))) {
      const rows = block.split('\n');
      const cells = (row: string) => row.replace(/\\\|/g, '').split('|').length;
      for (const row of rows) expect(cells(row)).toBe(cells(rows[0]!));
    }
  });

  it('writes data in CSV intact and every SVG as well-formed XML with no live markup', () => {
    const csv = readFileSync(join(first, 'authors', 'tables', 'author-leaderboard.csv'), 'utf8');
    expect(csv).toContain('A|B');
    const svgs = filesUnder(first).filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThan(10);
    for (const file of svgs) {
      const svg = readFileSync(join(first, file), 'utf8');
      expect(XMLValidator.validate(svg), file).toBe(true);
      expect(svg).not.toMatch(/<script|<img|onerror=/);
      expect(svg.length, file).toBeLessThan(1_000_000);
    }
  });

  it('shows the hostile title escaped in the hidden-gems or charts where it appears', () => {
    const all = filesUnder(first).filter((f) => f.endsWith('.html')).map((f) => readFileSync(join(first, f), 'utf8')).join('');
    expect(all).not.toContain(HOSTILE_TITLE);
    expect(HOSTILE_TAG).toContain('<');
  });
});

describe('escaping helpers', () => {
  it('escape HTML, Markdown and file names', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeMarkdown('A|B <img> *x* [l](u)\nnext')).toBe('A\\|B \\<img\\> \\*x\\* \\[l\\](u) next');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('-0.16')).toBe('-0.16');
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileName('tag-小红书 vs 抖音')).toBe('tag-小红书-vs-抖音');
    expect(safeFileName('...')).toBe('unnamed');
  });

  it('renders only safe links from notebook Markdown', () => {
    expect(inlineToHtml('[ok](tags/index.html) [bad](javascript:alert(1)) **b** \\<i\\>')).toBe(
      '<a href="tags/index.html">ok</a> [bad](javascript:alert(1)) <strong>b</strong> &lt;i&gt;');
  });
});

describe('a notebook whose workbook cannot be written', () => {
  it('fails alone, leaving no file of it, while the others are written', async () => {
    const archive = hostileArchive();
    const out = writeTree({});
    // More rows than an Excel sheet holds: no column, so its CSV and page are cheap to render.
    const tooLong = { numRows: () => 1_048_576, columnNames: () => [], array: () => [] } as unknown as ColumnTable;
    const failures: string[] = [];
    const outcomes = await writeReport(prepareNotebookInput(await loadArticles([archive]), options), out, [
      { name: 'fine', run: () => createNotebook('Fine').markdown('# Fine').table('small', aqTable({ n: [1, 2] })) },
      { name: 'long', run: () => createNotebook('Long').table('rows', tooLong) },
    ], () => {}, (error) => failures.push(error.message));
    expect(outcomes.map((o) => [o.name, o.error?.message ?? null])).toEqual([['fine', null], ['long', expect.stringMatching(/rows: 1,048,576 rows do not fit an Excel sheet/)]]);
    expect(failures).toHaveLength(1);
    const files = filesUnder(out);
    expect(files).toContain(join('fine', 'report.xlsx'));
    expect(files.filter((f) => f.startsWith(`long${sep}`))).toEqual([]);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Notebooks that failed');
  }, 60_000);

  it('writes large tables into the report as they are made, and removes those of a notebook that then fails', async () => {
    const archive = hostileArchive();
    const out = writeTree({});
    // Enough cells for the workbook's own thread, which writes the files into the staging folder.
    const rows = 120_000;
    const large = aqTable({ id: Array.from({ length: rows }, (_, i) => i), name: Array.from({ length: rows }, (_, i) => `作者${i % 977}`) });
    const failures: string[] = [];
    const outcomes = await writeReport(prepareNotebookInput(await loadArticles([archive]), options), out, [
      { name: 'large', run: () => createNotebook('Large').table('rows', large) },
      { name: 'broken', run: () => createNotebook('Broken').table('rows', large).chart('bad', { mark: 'no-such-mark' } as never) },
    ], () => {}, (error) => failures.push(error.message));
    expect(outcomes.map((o) => [o.name, Boolean(o.error)])).toEqual([['large', false], ['broken', true]]);
    expect(failures).toHaveLength(1);
    const files = filesUnder(out);
    expect(files.filter((f) => f.startsWith(`large${sep}`)).sort()).toEqual([join('large', 'index.html'), join('large', 'index.md'), join('large', 'report.xlsx'), join('large', 'tables', 'rows.csv')]);
    expect(files.filter((f) => f.startsWith(`broken${sep}`))).toEqual([]);
    expect(readFileSync(join(out, 'large', 'tables', 'rows.csv'), 'utf8').split('\n')).toHaveLength(rows + 2);
    // The page's data came back from its file: the first rows are in the page.
    expect(readFileSync(join(out, 'large', 'index.html'), 'utf8')).toContain('作者976');
  }, 60_000);
});

describe('a report into a folder of files content-pulse did not write', () => {
  it('is refused before any notebook runs, and the folder is left as it was', async () => {
    const archive = hostileArchive();
    const out = writeTree({ 'thesis.docx': 'years of work' });
    let ran = false;
    const written = writeReport(prepareNotebookInput(await loadArticles([archive]), options), out, [
      { name: 'fine', run: () => { ran = true; return createNotebook('Fine').markdown('# Fine'); } },
    ], () => {});
    await expect(written).rejects.toThrow(/holds files content-pulse did not write \(thesis\.docx\)/);
    expect(ran).toBe(false);
    expect(filesUnder(out)).toEqual(['thesis.docx']);
    expect(readdirSync(dirname(out)).filter((name) => name.startsWith(`.${basename(out)}.`))).toEqual([]);
  });
});

describe('scriptJson', () => {
  it('escapes what could end a script element or a line of JavaScript, and reads back the same', () => {
    const value = { title: '</script><script>alert(1)</script>', lines: 'a\u2028b\u2029c', n: 1 };
    const text = scriptJson(value);
    expect(text).toBe('{"title":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>","lines":"a\\u2028b\\u2029c","n":1}');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('pageTableOf', () => {
  it('writes, a row at a time, the script JSON of every row\'s cells and keys that tableDataOf gives, and the first rows', () => {
    const columns = ['tag', 'count', 'rate', 'smallSample', 'tags'];
    const arrays = [
      ['</script>运营', '产品\u2028经理', null, '=1+1'],
      [120, NaN, 3, 1_234_567],
      [0.25, null, Infinity, 0.125],
      [true, false, true, false],
      [['a', 'b'], [], ['<b>'], ['增长']],
    ];
    const page = pageTableOf(columns, arrays, { count: 'integer' }, 2);
    const data = tableDataOf(columns, arrays, { count: 'integer' });
    expect(page.json).toBe(scriptJson({ columns: data.columns, numeric: data.numeric, rows: data.rows, keys: data.keys }));
    expect(page.json).not.toContain('</script>');
    expect(JSON.parse(page.json as string).keys[1]).toEqual(['产品\u2028经理', null, null, 0, '']);
    expect(page.firstRows).toEqual(data.rows.slice(0, 2));
    expect([page.total, page.numeric]).toEqual([4, data.numeric]);
    expect(pageTableOf(columns, arrays.map(() => []), {}, 20)).toMatchObject({ firstRows: [], total: 0, json: '{"columns":["tag","count","rate","smallSample","tags"],"numeric":[false,false,false,false,false],"rows":[],"keys":[]}' });
  });

  it('hands the same JSON out in pieces of whole rows (writePageTable), so a large table\'s is never held whole', () => {
    const rows = 20_000;
    const arrays = [Array.from({ length: rows }, (_, i) => `标签</script>${i}`), Array.from({ length: rows }, (_, i) => i * 7)];
    const pieces: string[] = [];
    const page = writePageTable(['tag', 'count'], arrays, {}, 3, (piece) => pieces.push(piece));
    const whole = pageTableOf(['tag', 'count'], arrays, {}, 3);
    expect(pieces.join('')).toBe(whole.json);
    expect(pieces.length).toBeGreaterThan(4);
    // Each piece of rows ends where a row does: the next piece starts the next row.
    const ofRows = pieces.slice(1, -1).filter((piece) => piece !== '],"keys":[');
    expect(ofRows.filter((piece) => !/^,?\[.*\]$/s.test(piece))).toEqual([]);
    expect(page).toEqual({ columns: whole.columns, numeric: whole.numeric, firstRows: whole.firstRows, total: rows });
    expect(JSON.parse(pieces.join('')).keys[rows - 1]).toEqual([`标签</script>${rows - 1}`, (rows - 1) * 7]);
  });
});

describe('notebooks with no articles to describe', () => {
  it('each built-in notebook over articles shows only its title and says there are none (growth reads snapshots)', async () => {
    const load = await loadArticles([hostileArchive()]);
    const none = prepareNotebookInput({ ...load, articles: filterArticles(load.articles, { since: '2999-01-01' }) }, options);
    expect(none.articles.numRows()).toBe(0);
    for (const entry of BUILT_IN_NOTEBOOKS.filter((n) => n.name !== 'growth')) {
      const notebook = await entry.run(none);
      expect(notebook.cells).toEqual([{ kind: 'markdown', text: `# ${notebook.title}\n\nNo articles to describe.` }]);
    }
    expect(noArticlesNotebook('*Mine*').cells).toEqual([{ kind: 'markdown', text: '# \\*Mine\\*\n\nNo articles to describe.' }]);
  });
});
