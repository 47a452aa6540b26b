/**
 * The PDF's print page: each page's main content, in order, whether the page is text or the
 * UTF-8 bytes a report writes a page holding a large table as (joinedHtml).
 */
import { describe, expect, it } from 'vitest';
import { printPage } from '../../src/report/pdf.ts';

describe('printPage', () => {
  it('takes the main content of pages given as text or as UTF-8 bytes alike, each its own section', () => {
    const first = '<html><body><nav>x</nav><main>\n<p>运营 😀</p>\n</main></body></html>';
    const second = '<html><body><main><table><tr><td>增长</td></tr></table></main></body></html>';
    const asText = printPage(new Map([['index.html', first], ['tags/index.html', second]]), ['index.html', 'tags/index.html'], 'report');
    const asBytes = printPage(new Map<string, string | Uint8Array>([['index.html', first], ['tags/index.html', new TextEncoder().encode(second)]]), ['index.html', 'tags/index.html'], 'report');
    expect(asBytes).toBe(asText);
    expect(asBytes).toContain('<section>\n<p>运营 😀</p>\n</section>');
    expect(asBytes).toContain('<section style="break-before: page"><table><tr><td>增长</td></tr></table></section>');
    expect(asBytes).not.toContain('<nav>');
  });
});
