#!/usr/bin/env node
// The `pulse` command. Runs the bundle that `npm install` builds (dist/cli.js, fast to start);
// from a checkout without it, runs the TypeScript through tsx.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
