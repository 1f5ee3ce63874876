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
      ['Quit', 'Ctrl+Q'],
    ]);
    expect(items.at(-1)?.role).toBe('quit');
  });

  it('sends each file command to the renderer instead of acting in main', () => {
    const send = vi.fn();
    const items = fileMenu(buildMenuTemplate(send, 'win32')).filter((i) => i.click);
    for (const item of items) (item.click as () => void)();
    expect(send.mock.calls).toEqual([['new'], ['open'], ['save'], ['saveAs'], ['export']]);
  });

  it('follows macOS conventions: an app menu (with Quit) first, Close Window in File', () => {
    const template = buildMenuTemplate(() => undefined, 'darwin');
    expect(template[0]?.role).toBe('appMenu');
    expect(fileMenu(template).at(-1)?.role).toBe('close');
  });

  it('offers DevTools only when enabled', () => {
    expect(buildMenuTemplate(() => undefined, 'linux').some((m) => m.label === '&View')).toBe(false);
    expect(
      buildMenuTemplate(() => undefined, 'linux', { devTools: true }).some((m) => m.label === '&View'),
    ).toBe(true);
  });
});

describe('isMenuCommand', () => {
  it('accepts exactly the menu commands', () => {
    for (const c of MENU_COMMANDS) expect(isMenuCommand(c)).toBe(true);
    for (const v of ['delete', '', null, 1, { command: 'save' }]) expect(isMenuCommand(v)).toBe(false);
  });
});
