/**
 * Commands the application menu sends to the renderer. Not a channel of core/ipc/contract.ts: they
 * flow main → renderer only, and the renderer answers by calling the ordinary channels (project.open…).
 * Imported by both the menu (main) and the preload, so it must not import electron.
 */
export const MENU_COMMAND_CHANNEL = 'menu.command';

export const MENU_COMMANDS = [
  'new',
  'open',
  'save',
  'saveAs',
  'export',
  'exportDiagramSvg',
  'exportDiagramPng',
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'duplicate',
  'deleteSelection',
  'selectAll',
  'fitView',
  'autoLayout',
  'relayoutAll',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
