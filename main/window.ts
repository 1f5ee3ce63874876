import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/**
 * The main window's options. Every security-relevant preference is set explicitly even where it is
 * Electron's default, so a reviewer (or Electronegativity) sees the intent and a changed default
 * cannot weaken the app (Electron security checklist #2–#4, #6, #8–#10).
 */
export function createWindowOptions(
  preloadPath: string,
  options: { devTools?: boolean } = {},
): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Architecture Planner',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
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
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools ?? false,
      // Middle-click must not open links in new windows (Electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  };
}

/**
 * Locks down any web contents: the app is a single page, so every navigation, new window and
 * <webview> is refused (checklist #12–#15). Links are not opened externally at all, so there is no
 * shell.openExternal call for untrusted content to reach. Hash changes are in-page navigations and
 * do not trigger will-navigate.
 */
export function hardenWebContents(
  contents: WebContents,
  log: (message: string) => void = () => undefined,
): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    log(`blocked navigation to ${url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked a new window for ${url}`);
    return { action: 'deny' };
  });
}

/** The app needs no camera, microphone, notifications, geolocation…: refuse every request and check (checklist #5). */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
