/**
 * A report as one PDF (`report.pdf`: the index, then every notebook, each from a new page),
 * printed by a headless Chromium or Chrome from a page that holds them all, with the report's
 * stylesheet (print rules: A4, static charts, no controls) and its CJK web font, so Chinese text
 * is real, selectable text on a machine without CJK fonts.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { htmlText } from './html-page.ts';
import type { RenderedFiles } from './render.ts';

/** Binaries looked for, in order, on the PATH and where browsers usually live. */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const CHROMIUM_PLACES = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to print with: `given` (--chromium), else PULSE_CHROMIUM, else the first of the
 * usual binaries found. Undefined when there is none.
 * @example findChromium() // '/usr/bin/chromium'
 */
export function findChromium(given?: string): string | undefined {
  if (given) return executable(given) ? given : undefined;
  const fromEnv = process.env.PULSE_CHROMIUM;
  if (fromEnv) return executable(fromEnv) ? fromEnv : undefined;
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((folder) => CHROMIUM_NAMES.map((name) => join(folder, name)));
  return [...onPath, ...CHROMIUM_PLACES].find(executable);
}

/** One page holding the report's pages in order: each one's `<main>`, from a new sheet. */
export function printPage(files: RenderedFiles, pages: readonly string[], title: string): string {
  const sections = pages.map((path, i) => {
    const html = files.get(path);
    // A page holding a large table is its bytes (joinedHtml).
    const main = html === undefined ? '' : /<main>([\s\S]*?)<\/main>/.exec(htmlText(html))?.[1] ?? '';
    // Thumbnails and links of the index are relative to the report folder, as this page is.
    return `<section${i ? ' style="break-before: page"' : ''}>${main}</section>`;
  });
  return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n<link rel="stylesheet" href="assets/pulse.css">\n</head>\n<body>\n${sections.join('\n')}\n</body>\n</html>\n`;
}

/**
 * Prints the report to PDF with Chromium: the print page and the assets it needs are written to a
 * temporary folder, printed, and removed.
 * @throws Error with Chromium's own words when printing fails
 */
export async function reportPdf(files: RenderedFiles, pages: readonly string[], chromium: string): Promise<Uint8Array> {
  const folder = mkdtempSync(join(tmpdir(), 'pulse-pdf-'));
  try {
    for (const [path, content] of files) {
      if (path.startsWith('assets/') || /(^|\/)charts\/[^/]+\.svg$/.test(path)) {
        const target = join(folder, path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
    }
    writeFileSync(join(folder, 'print.html'), printPage(files, pages, 'content-pulse report'));
    const pdf = join(folder, 'report.pdf');
    const args = [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-extensions', `--user-data-dir=${join(folder, 'profile')}`, '--no-pdf-header-footer', '--run-all-compositor-stages-before-draw',
      '--virtual-time-budget=5000', `--print-to-pdf=${pdf}`, pathToFileURL(join(folder, 'print.html')).href,
    ];
    const stderr = await new Promise<string>((done, fail) => {
      const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let text = '';
      child.stderr.on('data', (chunk) => { text += chunk; });
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.on('error', (error) => { clearTimeout(timer); fail(error); });
      child.on('exit', () => { clearTimeout(timer); done(text); });
    });
    try {
      return new Uint8Array(readFileSync(pdf));
    } catch {
      throw new Error(`Chromium (${chromium}) wrote no PDF: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
