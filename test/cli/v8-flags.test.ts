import { describe, expect, it } from 'vitest';
import { CLI_V8_FLAGS, cliV8Flags } from '../../src/cli/v8-flags.ts';

describe('the CLI\'s V8 flags', () => {
  it('keeps harfbuzz on baseline code and optimizes after 4× V8\'s interrupt budget', () => {
    expect(cliV8Flags([])).toEqual(['--wasm-tiering-budget=2147483647', '--interrupt-budget=270336']);
    expect(CLI_V8_FLAGS['interrupt-budget']).toBe(4 * 67_584);
  });

  it('leaves a flag that node was started with to node\'s value, however it is spelled', () => {
    expect(cliV8Flags(['--interrupt_budget=1000'])).toEqual(['--wasm-tiering-budget=2147483647']);
    expect(cliV8Flags(['--wasm-tiering-budget', '5', '--interrupt-budget=9'])).toEqual([]);
    expect(cliV8Flags(['--max-old-space-size=4096', '--import', 'tsx'])).toEqual(['--wasm-tiering-budget=2147483647', '--interrupt-budget=270336']);
  });
});
