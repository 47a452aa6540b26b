/** An archive with hostile titles, authors and tags mixed into ordinary generated articles. */
import { generateArchive } from '../../scripts/sample-archive.ts';
import { newestLayout, writeTree } from './fixtures.ts';

export const HOSTILE_TITLE = '<img src=x onerror=alert(1)>';
export const HOSTILE_AUTHOR = 'A|B';
export const HOSTILE_TAG = '<script>alert("x")</script>';
/** A control character in data text: ESC (turns a terminal red; not allowed in XML). */
export const CONTROL_TAG = '\u001b[31mred';

/** Writes the archive and returns its folder. */
export function hostileArchive(): string {
  const files: Record<string, string> = {};
  for (const article of generateArchive(150, 11)) files[article.path] = article.text;
  for (let i = 0; i < 6; i++) {
    files[`evil/2025/0${i + 1}/${900 + i}.md`] = newestLayout({
      title: `${HOSTILE_TITLE} ${i}`,
      author: `[${HOSTILE_AUTHOR}](https://www.woshipm.com/u/666)`,
      published: `2025-0${i + 1}-1${i}`,
      // Many views, so the hostile tag and author top the leaderboards and their charts.
      stats: `👁️ ${30000 + i * 1000} views | 💬 ${i} comments | ⭐ ${200 + i * 9} collects`,
      tags: `\`${HOSTILE_TAG}\` \`**粗体**\` \`[x](javascript:alert(1))\``,
      original: `[View](https://www.woshipm.com/operate/${900 + i}.html)`,
    });
  }
  for (let i = 0; i < 4; i++) {
    files[`ctrl/2024/1${i}/${950 + i}.md`] = newestLayout({
      title: `控制字符 \u001b[1m ${i}`,
      published: `2024-1${i % 3}-0${i + 1}`,
      stats: `👁️ ${2000 + i * 100} views | 💬 0 comments | ⭐ ${10 + i} collects`,
      tags: `\`${CONTROL_TAG}\` \`运营\``,
      original: `[View](https://www.woshipm.com/pd/${950 + i}.html)`,
    });
  }
  return writeTree(files);
}
