import { describe, expect, it } from 'vitest';
import { commandForShortcut, toAppCommand } from '../../../renderer/host/app-commands';
import { buildHostApi } from '../../../renderer/host/build-host-api';
import { HostError } from '../../../renderer/host/host-error';
import { createPreloadInvoke } from '../../../renderer/host/preload-host';

describe('desktop host API (Electron preload)', () => {
  it('calls the preload method named after the channel and parses its answer', async () => {
    const received: unknown[] = [];
    const bridge = {
      projectRecent: async (input: unknown) => {
        received.push(input);
        return {
          files: [
            {
              path: 'C:\\Jobs\\acme.archplan.json',
              name: 'acme.archplan.json',
              modifiedAt: '2026-11-20T09:00:00.000Z',
            },
          ],
        };
      },
    };
    const api = buildHostApi(createPreloadInvoke(bridge));
    const answer = await api.projectRecent({});
    expect(answer.files[0]?.name).toBe('acme.archplan.json');
    expect(received).toEqual([{}]);
  });

  it('rejects a preload answer that breaks the contract', async () => {
    const api = buildHostApi(createPreloadInvoke({ appInfo: async () => ({ version: 1 }) }));
    await expect(api.appInfo({})).rejects.toBeInstanceOf(HostError);
  });

  it('names a channel the preload does not offer (window and host from different versions)', async () => {
    const error = await buildHostApi(createPreloadInvoke({}))
      .projectRecent({})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).issues[0]?.code).toBe('host.missing-channel');
  });
});

describe('menu commands and shortcuts', () => {
  it('understands the File menu commands main sends', () => {
    expect(['new', 'open', 'save', 'saveAs'].map(toAppCommand)).toEqual([
      'new-project',
      'open-project',
      'save-project',
      'save-project-as',
    ]);
    expect(toAppCommand('file.import-csv')).toBe('import-inventory');
    expect(toAppCommand('export')).toBe('export-plan');
    expect(toAppCommand('quit')).toBeNull();
  });

  it('maps Ctrl/Cmd+S, Ctrl/Cmd+Shift+S, Ctrl/Cmd+O and Ctrl/Cmd+N', () => {
    const key = (
      k: string,
      mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {},
    ) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
    expect(commandForShortcut(key('s', { ctrlKey: true }))).toBe('save-project');
    expect(commandForShortcut(key('S', { metaKey: true, shiftKey: true }))).toBe('save-project-as');
    expect(commandForShortcut(key('o', { metaKey: true }))).toBe('open-project');
    expect(commandForShortcut(key('n', { ctrlKey: true }))).toBe('new-project');
    expect(commandForShortcut(key('e', { metaKey: true }))).toBe('export-plan');
    expect(commandForShortcut(key('s'))).toBeNull();
    expect(commandForShortcut(key('s', { ctrlKey: true, altKey: true }))).toBeNull();
  });
});
