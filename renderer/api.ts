/**
 * The only door from the renderer to its host. On the desktop the Electron preload exposes
 * `window.archplan` (one method per channel); in a plain browser the page talks to the local
 * browser-mode host over HTTP with the launch token. Everything else imports `api` from here.
 */
import { toAppCommand } from './host/app-commands';
import { buildHostApi } from './host/build-host-api';
import { createHttpInvoke } from './host/http-host';
import { takeHostToken } from './host/host-token';
import { type PreloadBridge, createPreloadInvoke } from './host/preload-host';
import type { RendererApi } from './host/renderer-api';

export type { RendererApi } from './host/renderer-api';

declare global {
  interface Window {
    /** Set by main/preload.ts through contextBridge; absent in browser mode. */
    archplan?: PreloadBridge;
  }
}

/** sessionStorage can be disabled by browser policy; the token then lives only as long as the page. */
function sessionStore(): { getItem(key: string): string | null; setItem(key: string, value: string): void } {
  try {
    const storage = window.sessionStorage;
    storage.getItem('archplan.probe');
    return storage;
  } catch {
    const memory = new Map<string, string>();
    return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };
  }
}

function createDesktopApi(bridge: PreloadBridge): RendererApi {
  return {
    ...buildHostApi(createPreloadInvoke(bridge)),
    mode: 'desktop',
    onMenuCommand(listener) {
      const unsubscribe = bridge.onMenuCommand?.((raw) => {
        const command = toAppCommand(raw);
        if (command !== null) listener(command);
      });
      return typeof unsubscribe === 'function' ? unsubscribe : () => undefined;
    },
  };
}

function createBrowserApi(): RendererApi {
  const token = takeHostToken({
    location: window.location,
    storage: sessionStore(),
    replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
  });
  const invoke = createHttpInvoke(
    (url, init) => window.fetch(url, init),
    () => token,
  );
  return { ...buildHostApi(invoke), mode: 'browser', onMenuCommand: () => () => undefined };
}

export const api: RendererApi = window.archplan ? createDesktopApi(window.archplan) : createBrowserApi();
