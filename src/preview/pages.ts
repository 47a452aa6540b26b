/**
 * The pages the preview server adds to a rendered notebook: the live-reload script, the error
 * page, and the list of notebooks of a folder. Every text from a notebook or an error is
 * escaped; the only script is the fixed reload listener.
 */
import { escapeHtml } from '../report/escape.ts';

/** The path of the server-sent event stream that tells open pages to reload. */
export const EVENTS_PATH = '/__pulse/events';

const RELOAD_SCRIPT = `<script>(() => { const events = new EventSource('${EVENTS_PATH}'); events.addEventListener('reload', () => location.reload()); })();</script>`;

/** A rendered page with the reload listener added before `</body>`. */
export function withReload(html: string): string {
  const at = html.lastIndexOf('</body>');
  return at === -1 ? `${html}${RELOAD_SCRIPT}` : `${html.slice(0, at)}${RELOAD_SCRIPT}\n${html.slice(at)}`;
}

const PAGE_STYLE = 'body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#222}pre{background:#fff4f4;border:1px solid #e15759;padding:1rem;overflow-x:auto;white-space:pre-wrap}h1{color:#b0282f}';

function page(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n<style>${PAGE_STYLE}</style>\n</head>\n<body>\n${body}\n${RELOAD_SCRIPT}\n</body>\n</html>\n`;
}

/** The page shown while a notebook fails: its message (file and line first) and the stack. */
export function errorPage(name: string, message: string, stack: string | undefined): string {
  return page(`${name}: error`, `<h1>${escapeHtml(name)} failed</h1>\n<p><strong>${escapeHtml(message)}</strong></p>\n${stack ? `<pre>${escapeHtml(stack)}</pre>` : ''}\n<p>Fix the notebook and save: this page reloads by itself.</p>`);
}

/** The front page of a folder preview: one link per notebook, failures marked. */
export function folderPage(folder: string, notebooks: readonly { name: string; title: string; failed: boolean }[]): string {
  const items = notebooks.map((n) => `<li><a href="${encodeURIComponent(n.name)}/">${escapeHtml(n.title)}</a>${n.failed ? ' <strong>(failed)</strong>' : ''}</li>`).join('\n');
  return page(`Notebooks in ${folder}`, `<h2>Notebooks in ${escapeHtml(folder)}</h2>\n<ul>\n${items || '<li>No notebook files yet: add one (pulse new NAME --dir this folder).</li>'}\n</ul>`).replace('<style>', '<style>h2{color:#222}');
}
