#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npm link` / `npm install -g` give a working `pulse`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
