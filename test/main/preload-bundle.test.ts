import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, methodName } from '../../core/ipc/contract';

/**
 * The built preload must run where Electron runs a sandboxed preload: inside a function wrapper with
 * only (require, process, Buffer, global, setImmediate, clearImmediate, exports, module), no
 * __filename, and a require that knows 'electron' but not node:url or node_modules.
 * (Wrapper as in electron/lib/sandboxed_renderer/init.ts.)
 */
let source: string;

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'pipe' });
  source = readFileSync('dist/main/preload.cjs', 'utf8');
}, 120_000);

describe('dist/main/preload.cjs', () => {
  it('runs in the sandboxed-preload wrapper and exposes the API', () => {
    const exposeInMainWorld = vi.fn();
    const electron = {
      contextBridge: { exposeInMainWorld },
      ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    };
    const requested: string[] = [];
    const sandboxRequire = (id: string): unknown => {
      requested.push(id);
      if (id === 'electron') return electron;
      throw new Error(`module not found: ${id}`);
    };
    // Deliberately reproduces Electron's preload wrapper around the bundle text.
    const run = new Function(
      'require',
      'process',
      'Buffer',
      'global',
      'setImmediate',
      'clearImmediate',
      'exports',
      'module',
      source,
    ) as (...args: unknown[]) => void;
    const exports = {};
    run(
      sandboxRequire,
      { env: {}, platform: 'linux' },
      Buffer,
      globalThis,
      setImmediate,
      clearImmediate,
      exports,
      { exports },
    );
    expect(requested).toEqual(['electron']);
    expect(exposeInMainWorld).toHaveBeenCalledOnce();
    const [key, api] = exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(key).toBe('archplan');
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES.map(methodName), 'onMenuCommand'].sort());
  });
});
