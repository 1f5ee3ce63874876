import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, methodName } from '../../core/ipc/contract';
import { MENU_COMMAND_CHANNEL } from '../../main/menu-commands';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async (channel: string) => ({ answeredBy: channel })),
    on: vi.fn(),
    removeListener: vi.fn(),
    send: vi.fn(),
  },
}));
vi.mock('electron', () => electron);

let exposed: Record<string, unknown>;

beforeAll(async () => {
  await import('../../main/preload');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [
    string,
    Record<string, unknown>,
  ];
  expect(key).toBe('archplan');
  exposed = api;
});

describe('preload', () => {
  it('exposes exactly one named method per channel plus onMenuCommand, all plain functions', () => {
    expect(Object.keys(exposed).sort()).toEqual([...CHANNEL_NAMES.map(methodName), 'onMenuCommand'].sort());
    expect(Object.keys(exposed)).toEqual(
      expect.arrayContaining([
        'appInfo',
        'pricingSnapshot',
        'projectOpen',
        'projectSave',
        'projectRecent',
        'exportPlan',
      ]),
    );
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
    for (const forbidden of ['invoke', 'send', 'ipcRenderer', 'on'])
      expect(exposed).not.toHaveProperty(forbidden);
  });

  it('forwards each method to ipcRenderer.invoke on its own channel, with only the input', async () => {
    for (const channel of CHANNEL_NAMES) {
      electron.ipcRenderer.invoke.mockClear();
      const input = { marker: channel };
      const method = exposed[methodName(channel)] as (input: unknown) => Promise<unknown>;
      await expect(method(input)).resolves.toEqual({ answeredBy: channel });
      expect(electron.ipcRenderer.invoke.mock.calls).toEqual([[channel, input]]);
    }
  });

  it('delivers menu commands without the event object, ignores anything else, and can unsubscribe', () => {
    const callback = vi.fn();
    const unsubscribe = (exposed.onMenuCommand as (cb: (c: string) => void) => () => void)(callback);
    const [channel, listener] = electron.ipcRenderer.on.mock.calls.at(-1) as [
      string,
      (event: unknown, ...args: unknown[]) => void,
    ];
    expect(channel).toBe(MENU_COMMAND_CHANNEL);
    const event = { sender: { send: vi.fn() }, ports: [] };
    listener(event, 'saveAs');
    listener(event, 'format-disk');
    listener(event, { command: 'save' });
    expect(callback.mock.calls).toEqual([['saveAs']]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(MENU_COMMAND_CHANNEL, listener);
  });
});
