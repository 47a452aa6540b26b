import { describe, expect, it } from 'vitest';
import { CLI_V8_FLAGS, cliV8Flags } from '../../src/cli/v8-flags.ts';

const NODE_20_V8 = '11.3.244.8-node.38';

describe('the CLI\'s V8 flags', () => {
  it('keeps harfbuzz on baseline code and optimizes after 4× V8\'s interrupt budget', () => {
    expect(cliV8Flags([], NODE_20_V8)).toEqual(['--wasm-tiering-budget=2147483647', '--interrupt-budget=270336']);
    expect(CLI_V8_FLAGS['interrupt-budget']).toBe(4 * 67_584);
  });

  it('leaves a flag that node was started with to node\'s value, however it is spelled', () => {
    expect(cliV8Flags(['--interrupt_budget=1000'], NODE_20_V8)).toEqual(['--wasm-tiering-budget=2147483647']);
    expect(cliV8Flags(['--wasm-tiering-budget', '5', '--interrupt-budget=9'], NODE_20_V8)).toEqual([]);
    expect(cliV8Flags(['--max-old-space-size=4096', '--import', 'tsx'], NODE_20_V8)).toEqual(['--wasm-tiering-budget=2147483647', '--interrupt-budget=270336']);
  });

  it('sets none on another V8, which may scale or name them differently', () => {
    expect(cliV8Flags([], '12.4.254.21-node.33')).toEqual([]);
    expect(cliV8Flags([])).toEqual(process.versions.v8.startsWith('11.') ? cliV8Flags([], NODE_20_V8) : []);
  });
});
