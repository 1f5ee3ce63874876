import { lintWithCfnLint } from './services/cfn-lint';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { guardUnsavedChanges } from './close-guard';
import { createDialogPickers } from './dialogs';
import { createHandlers } from './handlers/create-handlers';
import { logToStderr } from './handlers/host-context';
import type { IpcDeps } from './ipc/register-channel';
import { registerAppIpc } from './ipc/register-app';
import { registerExportIpc } from './ipc/register-export';
import { registerPricingIpc } from './ipc/register-pricing';
import { registerProjectIpc } from './ipc/register-project';
import { isTrustedSender } from './ipc/sender';
import { MENU_COMMAND_CHANNEL } from './menu-commands';
import { buildMenuTemplate } from './menu';
import { printHtmlToPdfInElectron } from './print-to-pdf';
import { resolveResourceDir } from './services/app-paths';
import { createRecentFilesStore } from './services/recent-files';
import { createWindowOptions, denyAllPermissions, hardenWebContents } from './window';
import { refreshedPricingDir } from './services/user-data-dir';

/**
 * Electron entry (dist/main/main.cjs). Thin on purpose: it wires Electron to the shared handlers
 * (main/handlers), the hardening in window.ts and the app:// protocol; the logic lives, and is tested,
 * in those modules.
 */

// Before ready: the privileged scheme (one call, it replaces earlier ones) and sandboxing for every renderer.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

const devTools = !app.isPackaged && process.env.ARCHPLAN_DEVTOOLS === '1';
let mainWindow: BrowserWindow | null = null;

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, logToStderr));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(startDesktopApp)
    .catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      logToStderr(`could not start: ${e instanceof Error ? (e.stack ?? message) : message}`);
      dialog.showErrorBox('Architecture Planner could not start', message);
      app.exit(1);
    });
}

async function startDesktopApp(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(resolveResourceDir(join('dist', 'renderer'))));

  const handlers = createHandlers({
    mode: 'desktop',
    version: app.getVersion(),
    pricingDataDir: resolveResourceDir('pricing-data'),
    refreshedPricingDir: refreshedPricingDir(app.getPath('userData')),
    workspaceDir: null,
    recentFiles: createRecentFilesStore(join(app.getPath('userData'), 'recent-files.json')),
    recoveryFile: join(app.getPath('userData'), 'recovery', 'autosave.archplan-recovery.json'),
    ...createDialogPickers(() => mainWindow),
    printPdf: (html, outFile, paper) => printHtmlToPdfInElectron(html, outFile, paper),
    lintCfn: lintWithCfnLint,
    log: logToStderr,
  });
  const deps: IpcDeps = {
    handlers,
    isTrustedSender: (event) => isTrustedSender(event, mainWindow),
    log: logToStderr,
  };
  registerAppIpc(ipcMain, deps);
  registerPricingIpc(ipcMain, deps);
  registerProjectIpc(ipcMain, deps);
  registerExportIpc(ipcMain, deps);

  const preload = join(dirname(fileURLToPath(import.meta.url)), 'preload.cjs');
  const win = new BrowserWindow(createWindowOptions(preload, { devTools }));
  mainWindow = win;
  win.on('closed', () => {
    mainWindow = null;
  });
  win.once('ready-to-show', () => win.show());
  guardUnsavedChanges(win, dialog, win);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(
        (command) => {
          if (!win.isDestroyed()) win.webContents.send(MENU_COMMAND_CHANNEL, command);
        },
        process.platform,
        { devTools },
      ),
    ),
  );
  await win.loadURL(APP_ENTRY_URL);
}
