import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './menu-commands';

/**
 * The application menu as a plain template (tests assert it without Electron). Commands do not act in
 * main: they are forwarded to the renderer, which owns the open project and decides, e.g., whether
 * unsaved changes need a prompt before New or Open.
 *
 * Edit and View items show their shortcuts but do not register them (`registerAccelerator: false`):
 * the page handles those keys itself, so Ctrl+Z in a text field undoes typing and on the canvas
 * undoes the last design change, and a key never runs a command twice.
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
  const pageKey = (label: string, accelerator: string, cmd: MenuCommand): MenuItemConstructorOptions => ({
    ...command(label, accelerator, cmd),
    registerAccelerator: false,
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
      { label: 'Export Diagram as SVG…', click: () => sendCommand('exportDiagramSvg') },
      { label: 'Export Diagram as PNG…', click: () => sendCommand('exportDiagramPng') },
      { type: 'separator' },
      // On macOS Quit lives in the app menu; Close Window is the File-menu convention there.
      isMac ? { role: 'close' } : { label: 'Quit', role: 'quit', accelerator: 'Ctrl+Q' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      pageKey('Undo', 'CmdOrCtrl+Z', 'undo'),
      pageKey('Redo', isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y', 'redo'),
      { type: 'separator' },
      pageKey('Cut', 'CmdOrCtrl+X', 'cut'),
      pageKey('Copy', 'CmdOrCtrl+C', 'copy'),
      pageKey('Paste', 'CmdOrCtrl+V', 'paste'),
      pageKey('Duplicate', 'CmdOrCtrl+D', 'duplicate'),
      pageKey('Delete', 'Delete', 'deleteSelection'),
      { type: 'separator' },
      pageKey('Select All', 'CmdOrCtrl+A', 'selectAll'),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      pageKey('Fit Diagram', 'Shift+1', 'fitView'),
      pageKey('Auto-layout (Keep Moved Nodes)', 'CmdOrCtrl+Shift+L', 'autoLayout'),
      { label: 'Auto-layout Everything', click: () => sendCommand('relayoutAll') },
      ...(options.devTools ? [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }] : []),
    ],
  };
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push(file, edit, view);
  return template;
}
