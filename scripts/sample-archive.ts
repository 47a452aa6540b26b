/**
 * A deterministic generator of archive articles in the newest layout, shaped like the
 * reference site: log-normal views with a long tail, older articles with more views, sparse
 * comments, collects about 0.5% of views, a few frequent topics and many rare ones, level
 * tags only before 2023-08, heavy-tailed authors, AI topics rising and some topics fading.
 * Used for `data/sample` (npm run make-sample) and the benchmarks' large archives.
 */

import type { ArticleRecord } from '../src/article.ts';
import { seededRandom } from '../src/stats/random.ts';

export interface GeneratedArticle {
  /** Path relative to the archive root (`category/YYYY/MM/ID.md`). */
  path: string;
  text: string;
}

const CATEGORIES = ['pd', 'operate', 'data-analysis', 'chuangye', 'zhichang', 'marketing', 'ai', 'it', 'ucd', 'evaluating'];
const STEADY_TOPICS = [
  '经验分享', '案例分析', '个人观点', '方法论', '用户增长', '产品设计', '数据分析', '用户体验', '竞品分析',
  '需求分析', 'B端', 'SaaS', '运营策略', '内容运营', '用户运营', '小红书', '抖音', '视频号', '品牌营销',
  '商业模式', '职场', '产品经理', '交互设计', '数据埋点', '增长黑客', '电商', '私域', '会员体系', '营销',
  '用户研究', '项目管理', '产品规划', '策略产品', 'ToB', '直播', '短视频', '社群运营', '金融科技',
];
const RISING_TOPICS = ['AI', 'AIGC', '大模型', 'AI Agent', 'ChatGPT', 'DeepSeek', '智能体'];
const FADING_TOPICS = ['社区团购', '直播带货', '私域流量', '元宇宙', '在线教育'];
const RARE_STEMS = ['增长', '转化', '留存', '拉新', '裂变', '定价', '复购', '供应链', '风控', '推荐', '搜索', '客服', '积分', '会员', '支付'];
const RARE_SUFFIXES = ['策略', '模型', '体系', '设计', '实践', '复盘', '方法', '指标', '路径', '案例'];
// Near-duplicates that real archives contain, so tag hygiene has something to find.
const LOOKALIKES = ['Chat GPT', 'To B', 'B 端', 'saas', 'ＡＩ'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '晓明华伟芳娜敏静丽强磊军洋勇艳杰涛超秀霞平刚桂英玲鹏辉斌宇浩凯鑫欣悦琪雪瑶';
const PHRASES = [
  '用户的真实需求往往藏在行为数据里', '这套方法在三个项目里验证过', '先想清楚目标再动手', '指标拆解要落到可执行的动作',
  '增长不是一次活动而是一套系统', '产品经理要对结果负责', '复盘比执行更重要', '数据会说话但需要正确提问',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function poisson(random: () => number, mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  let count = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  const u = random();
  while (u > cumulative && count < 1000) {
    count++;
    p *= mean / count;
    cumulative += p;
  }
  return count;
}

interface Author {
  name: string;
  id: number;
  weight: number;
}

function makeAuthors(random: () => number, count: number): Author[] {
  const authors: Author[] = [];
  const used = new Set<string>();
  for (let i = 0; authors.length < count; i++) {
    let name = pick(random, [...SURNAMES]) + pick(random, [...GIVEN]) + (random() < 0.5 ? pick(random, [...GIVEN]) : '');
    if (random() < 0.15) name += pick(random, ['聊产品', '说运营', '的产品笔记', '工作室', 'PM']);
    if (used.has(name)) continue;
    used.add(name);
    // Zipf-like weights: a few authors write a large share of the archive.
    authors.push({ name, id: 100_000 + Math.floor(random() * 1_500_000), weight: 1 / Math.pow(authors.length + 1, 0.9) });
  }
  return authors;
}

/** Picks an author with probability proportional to weight (binary search on cumulative weights). */
function weightedPicker(authors: readonly Author[]): (random: () => number) => Author {
  const cumulative: number[] = [];
  let total = 0;
  for (const author of authors) cumulative.push((total += author.weight));
  return (random) => {
    const u = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < u) low = mid + 1;
      else high = mid;
    }
    return authors[low]!;
  };
}

const START = Date.UTC(2019, 0, 1);
const END = Date.UTC(2025, 5, 30);
const LEVEL_END = '2023-08-01';

function topicTags(random: () => number, date: string, year: number): string[] {
  const count = 2 + Math.floor(random() * 4);
  const tags = new Set<string>();
  const risingChance = year >= 2023 ? 0.12 + (year - 2023) * 0.12 : 0.01;
  const fadingChance = Math.max(0.01, 0.12 - (year - 2019) * 0.025);
  while (tags.size < count) {
    const u = random();
    if (u < risingChance) tags.add(pick(random, RISING_TOPICS));
    else if (u < risingChance + fadingChance) tags.add(pick(random, FADING_TOPICS));
    else if (u < 0.7) tags.add(STEADY_TOPICS[Math.min(STEADY_TOPICS.length - 1, Math.floor(Math.pow(random(), 1.8) * STEADY_TOPICS.length))]!);
    else if (u < 0.71) tags.add(pick(random, LOOKALIKES));
    else tags.add(pick(random, RARE_STEMS) + pick(random, RARE_SUFFIXES) + (random() < 0.6 ? String(Math.floor(random() * 60)) : ''));
  }
  if (date < LEVEL_END) {
    tags.add(`${1 + Math.floor(Math.pow(random(), 1.5) * 5)}年`);
    tags.add(pick(random, ['初级', '初级', '中级', '高级']));
  }
  return [...tags];
}

function body(random: () => number, title: string, author: Author, date: string, stats: { views: number; comments: number; collects: number }): string {
  const minutes = 3 + Math.floor(random() * 15);
  const paragraphs: string[] = [];
  const count = 3 + Math.floor(random() * 5);
  for (let i = 0; i < count; i++) {
    paragraphs.push(Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(random, PHRASES)).join('，') + '。');
    if (random() < 0.3) paragraphs.push(`![](https://image.example.com/${date.slice(0, 4)}/${Math.floor(random() * 1e9)}.png)`);
  }
  return [
    `## ${title}`, '',
    `[${author.name}](https://www.woshipm.com/u/${author.id}) 关注`, '',
    date, '',
    `${stats.comments} 评论 ${stats.views} 浏览 ${stats.collects} 收藏 ${minutes} 分钟`, '',
    ...paragraphs.flatMap((p) => [p, '']),
    `本文由 @${author.name} 原创发布于人人都是产品经理。未经许可，禁止转载。`, '',
  ].join('\n');
}

/** One generated article's metadata (the fields an export carries). */
export type GeneratedRecord = Pick<ArticleRecord, 'id' | 'title' | 'category' | 'published' | 'views' | 'comments' | 'collects' | 'tags' | 'url'>
  & { author: string; authorId: number; brief: string };

/**
 * Generates article records one at a time (so a million never sit in memory together).
 * `onRecord` may draw more numbers from `random` (the markdown body does): the stream stays
 * deterministic for a given seed and caller.
 */
export function generateRecords(count: number, seed: number, onRecord: (record: GeneratedRecord, random: () => number, author: { name: string; id: number }) => void): void {
  const random = seededRandom(seed);
  const authors = makeAuthors(random, Math.max(20, Math.round(count / 4)));
  const pickAuthor = weightedPicker(authors);
  // Publish times: more articles in recent years.
  const times = Array.from({ length: count }, () => START + Math.pow(random(), 0.8) * (END - START)).sort((a, b) => a - b);
  let id = 1_000_000;
  for (const time of times) {
    id += 1 + Math.floor(random() * 3000);
    const date = new Date(time).toISOString().slice(0, 10);
    const year = Number(date.slice(0, 4));
    const category = pick(random, CATEGORIES);
    const author = pickAuthor(random);
    const ageYears = (END - time) / (365.25 * 86_400_000);
    // Views grow with age; 1% are breakouts that make the long tail.
    const median = 2100 * (1 + 0.35 * ageYears);
    let views = Math.round(median * Math.exp(0.85 * gaussian(random)));
    if (random() < 0.01) views *= 10 + Math.floor(random() * 30);
    const collects = Math.round(views * 0.005 * Math.exp(0.6 * gaussian(random)));
    const comments = poisson(random, views * 0.0005);
    const tags = topicTags(random, date, year);
    const title = `${tags.find((t) => !/年$|级$/.test(t)) ?? '产品'}：${pick(random, PHRASES)}`;
    const brief = `${pick(random, PHRASES)}，${pick(random, PHRASES)}。`;
    onRecord({
      id, title, author: author.name, authorId: author.id, category, published: date, views, comments, collects, tags,
      url: `https://www.woshipm.com/${category}/${id}.html`, brief,
    }, random, author);
  }
}

/**
 * Generates `count` markdown articles deterministically from `seed`.
 * @returns articles in id order, each with its archive-relative path and full text
 */
export function generateArchive(count: number, seed = 20240601): GeneratedArticle[] {
  const articles: GeneratedArticle[] = [];
  generateRecords(count, seed, (r, random, author) => {
    const header = [
      `# ${r.title}`,
      '{% hint style="info" %}',
      `**Category:** ${r.category[0]!.toUpperCase()}${r.category.slice(1)}`,
      `**Author:** [${r.author}](https://www.woshipm.com/u/${r.authorId})`,
      `**Published:** ${r.published}  `,
      `**Stats:** 👁️ ${r.views} views | 💬 ${r.comments} comments | ⭐ ${r.collects} collects`,
      `**Tags:** ${r.tags.map((t) => `\`${t}\``).join(' ')}`,
      `**Original:** [View on woshipm.com](${r.url})`,
      '{% endhint %}',
      `> ${r.brief}`,
      '', '---', '',
    ].join('\n');
    articles.push({
      path: `${r.category}/${r.published.slice(0, 4)}/${r.published.slice(5, 7)}/${r.id}.md`,
      text: `${header}${body(random, r.title, { name: author.name, id: author.id } as Author, r.published, r)}`,
    });
  });
  return articles;
}

/** Index pages (`README.md`) for each category and year folder, as the archiving tool writes them. */
export function indexPages(articles: readonly GeneratedArticle[]): GeneratedArticle[] {
  const folders = new Set<string>(['']);
  for (const article of articles) {
    const parts = article.path.split('/');
    folders.add(parts[0]!);
    folders.add(`${parts[0]}/${parts[1]}`);
  }
  return [...folders].sort().map((folder) => ({
    path: folder === '' ? 'README.md' : `${folder}/README.md`,
    text: `# ${folder || 'Archive'}\n\nArticles in ${folder || 'this archive'}.\n`,
  }));
}
