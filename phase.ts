const t0 = performance.now();
const { loadArticles } = await import('./src/load/load-articles.ts');
const { NOTEBOOKS } = await import('./src/cli/report-command.ts');
const { prepareReportInput } = await import('./src/report/input.ts');
const { renderNotebook } = await import('./src/report/render.ts');
const t1 = performance.now();
const load = await loadArticles(['../shared/archive']);
const t2 = performance.now();
const input = prepareReportInput(load, {});
const t3 = performance.now();
console.log({ imports: t1 - t0, load: t2 - t1, prepare: t3 - t2 });
for (const nb of NOTEBOOKS) {
  const a = performance.now();
  const notebook = nb.build(input);
  const b = performance.now();
  await renderNotebook(notebook);
  console.log(nb.name, 'build', Math.round(b - a), 'render', Math.round(performance.now() - b));
}
