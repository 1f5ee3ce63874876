import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../core/ipc/contract';
import { createHandlers } from '../../main/handlers/create-handlers';
import type { Handlers } from '../../main/handlers/host-context';
import type { IpcDeps, IpcRegistrar } from '../../main/ipc/register-channel';
import { registerAppIpc } from '../../main/ipc/register-app';
import { registerExportIpc } from '../../main/ipc/register-export';
import { registerPricingIpc } from '../../main/ipc/register-pricing';
import { registerProjectIpc } from '../../main/ipc/register-project';
import { isTrustedSender } from '../../main/ipc/sender';

// The registrars and the sender check use electron's types only; ipcMain is passed in.
vi.mock('electron', () => {
  throw new Error('the IPC registrars must not need electron at runtime');
});

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function recorder(): IpcRegistrar & { listeners: Map<string, Listener> } {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    handle: vi.fn((channel: string, listener: Listener) => {
      if (listeners.has(channel)) throw new Error(`${channel} registered twice`);
      listeners.set(channel, listener);
    }),
  };
}

let userData: string;
let handlers: Handlers;
const logs: string[] = [];

beforeAll(async () => {
  userData = await mkdtemp(join(tmpdir(), 'archplan-ipc-'));
  handlers = createHandlers({
    mode: 'desktop',
    version: '1.0.0',
    pricingDataDir: resolve('pricing-data'),
    workspaceDir: null,
    recentFiles: null,
    printPdf: async () => {
      throw new Error('these tests print nothing');
    },
    log: (m) => logs.push(m),
  });
});
afterAll(() => rm(userData, { recursive: true, force: true }));

const trusting = (): IpcDeps => ({ handlers, isTrustedSender: () => true, log: (m) => logs.push(m) });
const fakeEvent = { senderFrame: { url: 'app://renderer/index.html' } } as unknown as IpcMainInvokeEvent;

describe('register<Area>Ipc', () => {
  it('each registers exactly the channels of its area, and together exactly the contract', () => {
    const seen: Record<string, string[]> = {};
    for (const [area, register] of [
      ['app', registerAppIpc],
      ['pricing', registerPricingIpc],
      ['project', registerProjectIpc],
      ['export', registerExportIpc],
    ] as const) {
      const ipc = recorder();
      register(ipc, trusting());
      seen[area] = [...ipc.listeners.keys()];
      for (const channel of seen[area] ?? []) expect(channel.startsWith(`${area}.`), channel).toBe(true);
    }
    const all = Object.values(seen).flat();
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('answers a well-formed request through the shared handlers', async () => {
    const ipc = recorder();
    registerAppIpc(ipc, trusting());
    const answer = await ipc.listeners.get('app.info')?.(fakeEvent, {});
    expect(answer).toEqual({
      version: '1.0.0',
      mode: 'desktop',
      regions: ['ap-south-1', 'us-east-1'],
      workspace: null,
    });
  });

  it('rejects malformed input with an error result and never runs the handler', async () => {
    const recent = vi.fn();
    const ipc = recorder();
    registerProjectIpc(ipc, { ...trusting(), handlers: { ...handlers, 'project.recent': recent } });
    for (const bad of [undefined, null, 'project.recent', [], { limit: 5 }]) {
      const answer = await ipc.listeners.get('project.recent')?.(fakeEvent, bad);
      expect(answer, JSON.stringify(bad)).toMatchObject({
        status: 'error',
        issues: [{ code: 'ipc.invalid-input', severity: 'error' }],
      });
    }
    expect(recent).not.toHaveBeenCalled();
    const save = await ipc.listeners.get('project.save')?.(fakeEvent, {
      project: { format: 'archplan', version: 99 },
    });
    expect(save).toMatchObject({
      status: 'error',
      issues: expect.arrayContaining([
        expect.objectContaining({ code: 'ipc.invalid-input', path: { field: 'project.version' } }),
      ]),
    });
  });

  it('refuses a sender that fails the check, without running the handler', async () => {
    const snapshot = vi.fn();
    const ipc = recorder();
    registerPricingIpc(ipc, {
      handlers: { ...handlers, 'pricing.snapshot': snapshot },
      isTrustedSender: () => false,
      log: (m) => logs.push(m),
    });
    const answer = await ipc.listeners.get('pricing.snapshot')?.(
      { senderFrame: { url: 'https://evil.example/' } } as unknown as IpcMainInvokeEvent,
      { region: 'ap-south-1' },
    );
    expect(answer).toMatchObject({ status: 'error', issues: [{ code: 'ipc.untrusted-sender' }] });
    expect(snapshot).not.toHaveBeenCalled();
    expect(logs.join('\n')).toContain(
      'refused pricing.snapshot from an untrusted sender (https://evil.example/)',
    );
  });
});

describe('isTrustedSender', () => {
  interface FakeFrame {
    url: string;
    parent: FakeFrame | null;
    detached: boolean;
    processId: number;
    frameToken: string;
  }
  const frame = (over: Partial<FakeFrame> = {}): FakeFrame => ({
    url: 'app://renderer/index.html',
    parent: null,
    detached: false,
    processId: 7,
    frameToken: 'main-token',
    ...over,
  });

  function setup(mainFrameUrl = 'app://renderer/index.html') {
    const mainFrame = frame({ url: mainFrameUrl });
    const webContents = { mainFrame };
    const window = { webContents, isDestroyed: () => false } as unknown as BrowserWindow;
    const event = (senderFrame: FakeFrame | null, sender: unknown = webContents) =>
      ({ sender, senderFrame }) as unknown as IpcMainInvokeEvent;
    return { mainFrame, webContents, window, event };
  }

  it('trusts the main frame of our window showing app://renderer content', () => {
    const { mainFrame, window, event } = setup();
    expect(isTrustedSender(event(mainFrame), window)).toBe(true);
    // The same frame seen through a different wrapper object still counts.
    expect(isTrustedSender(event(frame({ url: 'app://renderer/index.html#/diagram' })), window)).toBe(true);
  });

  it('refuses an iframe inside our page', () => {
    const { mainFrame, window, event } = setup();
    expect(isTrustedSender(event(frame({ parent: mainFrame, frameToken: 'child' })), window)).toBe(false);
  });

  it('refuses our window once it shows anything but app://renderer', () => {
    for (const url of [
      'https://evil.example/',
      'file:///tmp/x.html',
      'app://other/index.html',
      'http://127.0.0.1:5173/',
      'about:blank',
      'not a url',
    ]) {
      const { mainFrame, window, event } = setup(url);
      expect(isTrustedSender(event(mainFrame), window), url).toBe(false);
    }
  });

  it('refuses other web contents, a frame from another process, a detached or missing frame, and a closed window', () => {
    const { mainFrame, window, event } = setup();
    expect(isTrustedSender(event(mainFrame, { mainFrame }), window)).toBe(false);
    expect(isTrustedSender(event(frame({ processId: 8 })), window)).toBe(false);
    expect(isTrustedSender(event(frame({ frameToken: 'other' })), window)).toBe(false);
    expect(isTrustedSender(event({ ...mainFrame, detached: true }), window)).toBe(false);
    expect(isTrustedSender(event(null), window)).toBe(false);
    expect(isTrustedSender(event(mainFrame), null)).toBe(false);
    expect(
      isTrustedSender(event(mainFrame), { ...window, isDestroyed: () => true } as unknown as BrowserWindow),
    ).toBe(false);
  });
});
