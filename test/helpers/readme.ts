/** The README's (and docs') code blocks and tables, so tests check them exactly as printed. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** The text of the section with this `## ` heading, up to the next one, of README.md or another file of the project. */
export function readmeSection(heading: string, file = 'README.md'): string {
  const text = readFileSync(resolve(ROOT, file), 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`${file} has no section "## ${heading}"`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The fenced code blocks of a text in one language, in order. */
export function codeBlocks(text: string, language: string): string[] {
  return [...text.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

/** The README's notebook: the ts block of "Write your own notebook" and the path its first line names. */
export function readmeNotebook(): { path: string; code: string } {
  const code = codeBlocks(readmeSection('Write your own notebook'), 'ts')[0]!;
  const path = /^\/\/ (\S+\.ts)\n/.exec(code)?.[1];
  if (!path) throw new Error('the README notebook must start with a comment naming its file');
  return { path, code };
}
