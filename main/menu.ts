import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './menu-commands';

/**
 * The application menu as a plain template (tests assert it without Electron). File commands do not
 * act in main: they are forwarded to the renderer, which owns the open project and decides, e.g.,
 * whether unsaved changes need a prompt before New or Open.
 */
export function buildMenuTemplate(
  sendCommand: (command: MenuCommand) => void,
  platform: NodeJS.Platform,
  options: { devTools?: boolean } = {},
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const command = (label: string, accelerator: string, cmd: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => sendCommand(cmd),
  });
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('New', 'CmdOrCtrl+N', 'new'),
      command('Open…', 'CmdOrCtrl+O', 'open'),
      { type: 'separator' },
      command('Save', 'CmdOrCtrl+S', 'save'),
      command('Save As…', 'CmdOrCtrl+Shift+S', 'saveAs'),
      { type: 'separator' },
      command('Export…', 'CmdOrCtrl+E', 'export'),
      { type: 'separator' },
      // On macOS Quit lives in the app menu; Close Window is the File-menu convention there.
      isMac ? { role: 'close' } : { label: 'Quit', role: 'quit', accelerator: 'Ctrl+Q' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push(file, edit);
  if (options.devTools) template.push({ label: '&View', submenu: [{ role: 'toggleDevTools' }] });
  return template;
}
