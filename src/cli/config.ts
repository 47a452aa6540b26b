/**
 * `pulse.config.json`: the defaults a team reruns every week (inputs, notebooks, output folder,
 * thresholds). `readConfig` does the I/O; `normalizeConfig` checks every key and resolves paths
 * against the file's folder. Flags given on the command line win over the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliError } from './errors.ts';

/** The name looked for in the current folder. */
export const CONFIG_FILE = 'pulse.config.json';

/** The built-in notebooks, in report order. */
export const BUILT_IN_NAMES = ['overview', 'tags', 'authors', 'trends', 'compare', 'headlines', 'growth'] as const;

/** A project file, every key optional; paths are relative to the file's folder. */
export interface PulseConfig {
  /** Archive folders and export files read when a command names none. */
  inputs?: string[];
  /** Folder of the team's own notebooks, run after the built-in ones. */
  notebooks?: string;
  /** Report folder. @default 'output' */
  out?: string;
  /** Date ages are measured to (`YYYY-MM-DD`). */
  asOf?: string;
  /** Least articles for a tag to be ranked. @default 20 */
  minCount?: number;
  /** Least articles for an author to be ranked. @default 3 */
  minAuthorCount?: number;
  /** Numbers in charts as 12k (en) or 1.2万 (zh). @default 'en' */
  locale?: 'en' | 'zh';
  /** true: every built-in notebook; false: none; a list: those. @default true */
  builtIn?: boolean | string[];
}

type Check = (value: unknown) => string | null;
const isText: Check = (v) => (typeof v === 'string' && v !== '' ? null : 'a non-empty string');
const isWhole: Check = (v) => (Number.isInteger(v) && (v as number) >= 1 ? null : 'a whole number of at least 1');
const CHECKS: Record<keyof PulseConfig, Check> = {
  inputs: (v) => (Array.isArray(v) && v.length > 0 && v.every((x) => isText(x) === null) ? null : 'a non-empty list of paths'),
  notebooks: isText,
  out: isText,
  asOf: (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'a date like "2025-06-30"'),
  minCount: isWhole,
  minAuthorCount: isWhole,
  locale: (v) => (v === 'en' || v === 'zh' ? null : '"en" or "zh"'),
  builtIn: (v) => (typeof v === 'boolean' || (Array.isArray(v) && v.every((x) => (BUILT_IN_NAMES as readonly unknown[]).includes(x)))
    ? null : `true, false or a list of ${BUILT_IN_NAMES.map((n) => `"${n}"`).join(', ')}`),
};

/**
 * Checks a parsed project file and resolves its paths against `folder`.
 * @throws CliError naming the file and the key for an unknown key or a value of the wrong type
 * @example normalizeConfig({ inputs: ['archive'], minCount: 10 }, 'pulse.config.json', '/team')
 */
export function normalizeConfig(spec: unknown, file: string, folder: string): PulseConfig {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw new CliError(`${file}: expected a JSON object of settings`);
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec)) {
    const check = CHECKS[key as keyof PulseConfig];
    if (!check) throw new CliError(`${file}: unknown key "${key}" (known keys: ${Object.keys(CHECKS).join(', ')})`);
    const expected = check(value);
    if (expected) throw new CliError(`${file}: "${key}" must be ${expected}, got ${JSON.stringify(value)}`);
    config[key] = value;
  }
  const paths = config as PulseConfig;
  if (paths.inputs) paths.inputs = paths.inputs.map((p) => resolve(folder, p));
  if (paths.notebooks) paths.notebooks = resolve(folder, paths.notebooks);
  if (paths.out) paths.out = resolve(folder, paths.out);
  return paths;
}

/**
 * Reads `--config FILE`, or `pulse.config.json` in the current folder when present.
 * @returns an empty config when no file is named and none is there
 * @throws CliError when a named file is missing, or the file is not valid JSON or not valid settings
 */
export function readConfig(path?: string, cwd = process.cwd()): PulseConfig {
  const file = path ?? resolve(cwd, CONFIG_FILE);
  if (!existsSync(file)) {
    if (path !== undefined) throw new CliError(`--config ${path}: no such file`);
    return {};
  }
  let spec: unknown;
  try {
    spec = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return normalizeConfig(spec, file, dirname(resolve(file)));
}
