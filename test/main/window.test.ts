import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createWindowOptions, denyAllPermissions, hardenWebContents } from '../../main/window';

// window.ts imports only electron's types; the mock makes sure no runtime use slips in unnoticed.
vi.mock('electron', () => {
  throw new Error('window.ts must not need electron at runtime');
});

describe('createWindowOptions', () => {
  it('sets every security preference explicitly (Electron checklist #2-#4, #6, #8, #9)', () => {
    const prefs = createWindowOptions('/app/dist/main/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    for (const key of [
      'contextIsolation',
      'sandbox',
      'nodeIntegration',
      'webSecurity',
      'allowRunningInsecureContent',
      'experimentalFeatures',
    ] as const) {
      expect(Object.hasOwn(prefs ?? {}, key), key).toBe(true);
    }
  });

  it('allows DevTools only when asked (development builds)', () => {
    expect(createWindowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('waits for the first paint before showing the window', () => {
    expect(createWindowOptions('/p.cjs').show).toBe(false);
  });
});

class FakeWebContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

function harden(): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as WebContents);
  return contents;
}

describe('hardenWebContents', () => {
  it('cancels every navigation, to remote sites and local files alike', () => {
    const contents = harden();
    for (const url of ['https://evil.example/phish', 'file:///etc/passwd', 'app://renderer/index.html']) {
      const event = { preventDefault: vi.fn() };
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault, url).toHaveBeenCalledOnce();
    }
  });

  it('denies every new window, including links to https sites', () => {
    const contents = harden();
    expect(contents.openHandler).not.toBeNull();
    expect(contents.openHandler?.({ url: 'https://aws.amazon.com/pricing/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const contents = harden();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('denyAllPermissions', () => {
  it('answers every permission request and check with no', () => {
    let request:
      ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((wc: unknown, permission: string) => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: vi.fn((h: typeof request) => (request = h)),
      setPermissionCheckHandler: vi.fn((h: typeof check) => (check = h)),
    };
    denyAllPermissions(session as unknown as Session);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'fullscreen',
    ]) {
      const callback = vi.fn();
      request?.(null, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(check?.(null, permission), permission).toBe(false);
    }
  });
});
