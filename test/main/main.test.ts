import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../core/ipc/contract';
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES } from '../../main/app-protocol';
import { MENU_COMMAND_CHANNEL } from '../../main/menu-commands';
import { createWindowOptions } from '../../main/window';

/** A stand-in for the parts of Electron main.ts touches, recording what it is asked to do. */
const fake = vi.hoisted(() => {
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  const appEvents: Record<string, (...args: unknown[]) => void> = {};
  const windows: {
    options: unknown;
    loadURL: ReturnType<typeof vi.fn>;
    webContents: { send: ReturnType<typeof vi.fn>; mainFrame: unknown; on: ReturnType<typeof vi.fn> };
  }[] = [];
  const mainFrame = {
    url: 'app://renderer/index.html',
    parent: null,
    detached: false,
    processId: 1,
    frameToken: 'main',
  };
  class BrowserWindow {
    options: unknown;
    webContents = { send: vi.fn(), mainFrame, on: vi.fn() };
    loadURL = vi.fn(async () => undefined);
    constructor(options: unknown) {
      this.options = options;
      windows.push(this);
    }
    on(): void {}
    once(): void {}
    isDestroyed(): boolean {
      return false;
    }
  }
  return {
    markReady,
    appEvents,
    windows,
    electron: {
      BrowserWindow,
      app: {
        isPackaged: false,
        enableSandbox: vi.fn(),
        requestSingleInstanceLock: vi.fn(() => true),
        on: vi.fn((event: string, listener: (...args: unknown[]) => void) => (appEvents[event] = listener)),
        whenReady: vi.fn(() => ready),
        getVersion: () => '0.1.0',
        getPath: () => join(process.env.ARCHPLAN_TEST_USERDATA ?? '/nonexistent', 'user-data'),
        quit: vi.fn(),
        exit: vi.fn(),
      },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      session: {
        defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
      },
      ipcMain: { handle: vi.fn() },
      Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() },
      dialog: {
        showOpenDialog: vi.fn(),
        showSaveDialog: vi.fn(),
        showErrorBox: vi.fn(),
        showMessageBoxSync: vi.fn(),
      },
    },
  };
});
vi.mock('electron', () => fake.electron);

let resources: string;
const { electron } = fake;

/** What main.ts did, copied out of the mocks (vitest clears mock call records before each test). */
const seen = {
  beforeReady: { privileged: [] as unknown[][], sandboxed: 0, protocolHandled: 0, windows: 0 },
  afterReady: {
    permissionRequest: 0,
    permissionCheck: 0,
    protocols: [] as unknown[],
    channels: [] as string[],
    listeners: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
    menu: [] as MenuItemConstructorOptions[],
    loaded: [] as unknown[][],
  },
};

beforeAll(async () => {
  resources = await mkdtemp(join(tmpdir(), 'archplan-main-'));
  await mkdir(join(resources, 'dist', 'renderer'), { recursive: true });
  process.env.ARCHPLAN_RESOURCES = resources;
  process.env.ARCHPLAN_TEST_USERDATA = resources;
  await import('../../main/main');
  seen.beforeReady = {
    privileged: electron.protocol.registerSchemesAsPrivileged.mock.calls,
    sandboxed: electron.app.enableSandbox.mock.calls.length,
    protocolHandled: electron.protocol.handle.mock.calls.length,
    windows: fake.windows.length,
  };
  fake.markReady();
  await vi.waitFor(() => expect(fake.windows[0]?.loadURL).toHaveBeenCalled());
  seen.afterReady = {
    permissionRequest: electron.session.defaultSession.setPermissionRequestHandler.mock.calls.length,
    permissionCheck: electron.session.defaultSession.setPermissionCheckHandler.mock.calls.length,
    protocols: electron.protocol.handle.mock.calls.map((c) => c[0]),
    channels: electron.ipcMain.handle.mock.calls.map((c) => c[0] as string),
    listeners: new Map(
      electron.ipcMain.handle.mock.calls.map((c) => [
        c[0] as string,
        c[1] as (event: unknown, input: unknown) => Promise<unknown>,
      ]),
    ),
    menu: electron.Menu.setApplicationMenu.mock.calls[0]?.[0] as MenuItemConstructorOptions[],
    loaded: fake.windows[0]?.loadURL.mock.calls ?? [],
  };
});
afterAll(async () => {
  delete process.env.ARCHPLAN_RESOURCES;
  delete process.env.ARCHPLAN_TEST_USERDATA;
  await rm(resources, { recursive: true, force: true });
});

describe('Electron entry (main.ts) wiring', () => {
  it('before ready: registers the app:// scheme as privileged and sandboxes every renderer', () => {
    expect(seen.beforeReady.privileged).toEqual([[[APP_SCHEME_PRIVILEGES]]]);
    expect(seen.beforeReady.sandboxed).toBe(1);
    expect(seen.beforeReady.protocolHandled).toBe(0);
    expect(seen.beforeReady.windows).toBe(0);
  });

  it('hardens every web contents as it is created', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    fake.appEvents['web-contents-created']?.({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-navigate', event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('on ready: denies permissions, serves app://, registers every channel, and loads the app in a locked-down window', () => {
    expect(seen.afterReady.permissionRequest).toBe(1);
    expect(seen.afterReady.permissionCheck).toBe(1);
    expect(seen.afterReady.protocols).toEqual(['app']);
    expect([...seen.afterReady.channels].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]?.options).toEqual(
      createWindowOptions(expect.stringMatching(/preload\.cjs$/) as unknown as string, { devTools: false }),
    );
    expect(seen.afterReady.loaded).toEqual([[APP_ENTRY_URL]]);
  });

  it('answers IPC from its own window and refuses any other sender', async () => {
    const win = fake.windows[0];
    const listener = seen.afterReady.listeners.get('app.info');
    if (!listener) throw new Error('app.info not registered');
    await expect(
      listener({ sender: win?.webContents, senderFrame: win?.webContents.mainFrame }, {}),
    ).resolves.toMatchObject({ mode: 'desktop', version: '0.1.0', workspace: null });
    await expect(
      listener({ sender: { mainFrame: null }, senderFrame: win?.webContents.mainFrame }, {}),
    ).resolves.toMatchObject({ status: 'error', issues: [{ code: 'ipc.untrusted-sender' }] });
  });

  it('sends File-menu commands to the window', () => {
    const file = seen.afterReady.menu.find((m) => m.label === '&File');
    const save = Array.isArray(file?.submenu) ? file.submenu.find((i) => i.label === 'Save') : undefined;
    (save?.click as () => void)();
    expect(fake.windows[0]?.webContents.send).toHaveBeenCalledWith(MENU_COMMAND_CHANNEL, 'save');
  });
});
