/**
 * Small handmade archives written to a temp folder, one per test, in each layout the
 * archiving tool has produced.
 */
import { mkdtempSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/** Every file under root, as paths relative to it, sorted folder by folder. */
export function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(root, path));
    }
  };
  walk(root);
  return out;
}

/** Writes files (relative path → text or bytes) into a new temp folder and returns its path. */
export function writeTree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'pulse-test-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export interface ArticleFixture {
  title?: string;
  category?: string | null;
  author?: string;
  published?: string;
  stats?: string;
  tags?: string;
  original?: string;
  brief?: string;
  body?: string;
}

/** The newest layout (as in shared/archive), with any field replaced. */
export function newestLayout(f: ArticleFixture = {}): string {
  const lines = [
    `# ${f.title ?? '微信视频号凭什么后来者居上？'}`,
    '{% hint style="info" %}',
    ...(f.category === null ? [] : [`**Category:** ${f.category ?? 'Operate'}`]),
    `**Author:** ${f.author ?? '[豆芽悟](https://www.woshipm.com/u/323307)'}`,
    `**Published:** ${f.published ?? '2025-05-27'}  `,
    `**Stats:** ${f.stats ?? '👁️ 1437 views | 💬 1 comments | ⭐ 2 collects'}`,
    `**Tags:** ${f.tags ?? '`个人观点` `视频号` `运营策略`'}`,
    `**Original:** ${f.original ?? '[View on woshipm.com](https://www.woshipm.com/operate/6221872.html)'}`,
    '{% endhint %}',
    `> ${f.brief ?? '微信视频号凭借社交基因迅速崛起。'}`,
    '',
    '---',
    '',
    f.body ?? [
      '## 微信视频号凭什么后来者居上？',
      '',
      '[![](https://static.woshipm.com/a.jpg)](https://www.woshipm.com/u/323307)',
      '',
      '[豆芽悟](https://www.woshipm.com/u/323307) 关注',
      '',
      '2025-05-27',
      '',
      '1 评论 1437 浏览 2 收藏 9 分钟',
      '',
      '![](https://image.woshipm.com/x.png)',
      '',
      '视频号 **崛起** 了。',
    ].join('\n'),
    '',
  ];
  return lines.join('\n');
}

/** The flat layout (`category-ID.md`): comma-separated tags. */
export function flatLayout(): string {
  return [
    '# 数据埋点入门',
    '{% hint style="info" %}',
    '**Category:** Data Analysis',
    '**Author:** [小王](https://www.woshipm.com/u/42)',
    '**Published:** 2021-09-03',
    '**Stats:** 👁️ 1.2万 views | 💬 3 comments | ⭐ 51 collects',
    '**Tags:** 1年,初级,数据埋点',
    '**Original:** [View on woshipm.com](https://www.woshipm.com/data-analysis/4188001.html)',
    '{% endhint %}',
    '> 埋点的第一课。',
    '',
    '关注2021-09-033 评论 10136 浏览 51 收藏 7 分钟',
    '',
    '正文。',
  ].join('\n');
}

/** The oldest layout: no Category line, blank line before the hint, trailing spaces, brief after a blank line. */
export function oldestLayout(): string {
  return [
    '# 从0到1搭建会员体系  ',
    '',
    '{% hint style="info" %}',
    '**Author:** [N/A](#)  ',
    '**Published:** 2019-04-01  ',
    '**Stats:** 👁️ 3.4k views | 💬 0 comments | ⭐ 1,234 collects  ',
    '**Tags:** `会员，体系` `增长`  ',
    '**Original:** [View on woshipm.com](https://www.woshipm.com/pd/1234567.html)  ',
    '{% endhint %}',
    '',
    '> 会员体系怎么做。',
    '',
    '正文没有元信息行。',
  ].join('\n');
}
