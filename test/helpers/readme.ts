/** The README's code blocks, so tests run them exactly as printed. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const README = resolve(import.meta.dirname, '../../README.md');

/** The text of the README section with this `## ` heading, up to the next one. */
export function readmeSection(heading: string): string {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no section "## ${heading}"`);
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
