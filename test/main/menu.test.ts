import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../main/menu';
import { MENU_COMMANDS, isMenuCommand } from '../../main/menu-commands';

function fileMenu(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  const file = template.find((m) => m.label === '&File');
  if (!file || !Array.isArray(file.submenu)) throw new Error('no File menu');
  return file.submenu;
}

describe('buildMenuTemplate', () => {
  it('has New, Open…, Save, Save As…, Export… and Quit with the usual shortcuts', () => {
    const items = fileMenu(buildMenuTemplate(() => undefined, 'linux')).filter((i) => i.type !== 'separator');
    expect(items.map((i) => [i.label, i.accelerator])).toEqual([
      ['New', 'CmdOrCtrl+N'],
      ['Open…', 'CmdOrCtrl+O'],
      ['Save', 'CmdOrCtrl+S'],
      ['Save As…', 'CmdOrCtrl+Shift+S'],
      ['Export…', 'CmdOrCtrl+E'],
      ['Export Diagram as SVG…', undefined],
      ['Export Diagram as PNG…', undefined],
      ['Quit', 'Ctrl+Q'],
    ]);
    expect(items.at(-1)?.role).toBe('quit');
  });

  it('sends each file command to the renderer instead of acting in main', () => {
    const send = vi.fn();
    const items = fileMenu(buildMenuTemplate(send, 'win32')).filter((i) => i.click);
    for (const item of items) (item.click as () => void)();
    expect(send.mock.calls).toEqual([
      ['new'],
      ['open'],
      ['save'],
      ['saveAs'],
      ['export'],
      ['exportDiagramSvg'],
      ['exportDiagramPng'],
    ]);
  });

  it('has Edit commands for the canvas whose keys the page handles (so text fields keep theirs)', () => {
    const send = vi.fn();
    const template = buildMenuTemplate(send, 'linux');
    const edit = template.find((m) => m.label === '&Edit');
    if (!edit || !Array.isArray(edit.submenu)) throw new Error('no Edit menu');
    const items = edit.submenu.filter((i) => i.type !== 'separator');
    expect(items.map((i) => [i.label, i.accelerator])).toEqual([
      ['Undo', 'CmdOrCtrl+Z'],
      ['Redo', 'Ctrl+Y'],
      ['Cut', 'CmdOrCtrl+X'],
      ['Copy', 'CmdOrCtrl+C'],
      ['Paste', 'CmdOrCtrl+V'],
      ['Duplicate', 'CmdOrCtrl+D'],
      ['Delete', 'Delete'],
      ['Select All', 'CmdOrCtrl+A'],
    ]);
    expect(items.every((i) => i.registerAccelerator === false)).toBe(true);
    for (const item of items) (item.click as () => void)();
    expect(send.mock.calls.map((c) => c[0])).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'duplicate',
      'deleteSelection',
      'selectAll',
    ]);
  });

  it('has View commands to fit the diagram and lay it out again', () => {
    const send = vi.fn();
    const view = buildMenuTemplate(send, 'linux').find((m) => m.label === '&View');
    if (!view || !Array.isArray(view.submenu)) throw new Error('no View menu');
    for (const item of view.submenu) (item.click as (() => void) | undefined)?.();
    expect(send.mock.calls.map((c) => c[0])).toEqual(['fitView', 'autoLayout', 'relayoutAll']);
  });

  it('follows macOS conventions: an app menu (with Quit) first, Close Window in File', () => {
    const template = buildMenuTemplate(() => undefined, 'darwin');
    expect(template[0]?.role).toBe('appMenu');
    expect(fileMenu(template).at(-1)?.role).toBe('close');
  });

  it('offers DevTools only when enabled', () => {
    const hasDevTools = (options: { devTools?: boolean }) => {
      const view = buildMenuTemplate(() => undefined, 'linux', options).find((m) => m.label === '&View');
      return Array.isArray(view?.submenu) && view.submenu.some((i) => i.role === 'toggleDevTools');
    };
    expect(hasDevTools({})).toBe(false);
    expect(hasDevTools({ devTools: true })).toBe(true);
  });
});

describe('isMenuCommand', () => {
  it('accepts exactly the menu commands', () => {
    for (const c of MENU_COMMANDS) expect(isMenuCommand(c)).toBe(true);
    for (const v of ['delete', 'quit', '', null, 1, { command: 'save' }])
      expect(isMenuCommand(v)).toBe(false);
  });
});
