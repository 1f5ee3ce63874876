/**
 * Commands the application menu (desktop) and keyboard shortcuts (both modes) trigger. The preload
 * forwards menu clicks as strings; the spelling is normalised here so "file.saveAs", "save-as" and
 * "saveProjectAs" all reach the same action.
 */
export const APP_COMMANDS = [
  'new-project',
  'open-project',
  'save-project',
  'save-project-as',
  'import-inventory',
  'export-plan',
  'export-diagram-svg',
  'export-diagram-png',
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'duplicate',
  'delete-selection',
  'select-all',
  'clear-selection',
  'fit-view',
  'auto-layout',
  'relayout-all',
] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

/**
 * Commands that act on the canvas selection or the design's history. In a text field their keys keep
 * their usual meaning (undo typing, copy text), so the window only runs them elsewhere.
 */
export const EDIT_COMMANDS: ReadonlySet<AppCommand> = new Set<AppCommand>([
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'duplicate',
  'delete-selection',
  'select-all',
  'clear-selection',
  'fit-view',
]);

const ALIASES: Readonly<Record<string, AppCommand>> = {
  new: 'new-project',
  open: 'open-project',
  save: 'save-project',
  'save-as': 'save-project-as',
  import: 'import-inventory',
  'import-csv': 'import-inventory',
  export: 'export-plan',
  delete: 'delete-selection',
  ...Object.fromEntries(APP_COMMANDS.map((c) => [c, c])),
};

/** "file.saveAs" → "save-project-as"; null for commands the window does not handle. */
export function toAppCommand(menuCommand: string): AppCommand | null {
  const normalized = menuCommand
    .trim()
    .replace(/^(file|project|menu|edit|view)[.:/]/i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[\s_.]+/g, '-')
    .toLowerCase();
  return ALIASES[normalized] ?? null;
}

export interface KeyPress {
  key: string;
  /** KeyboardEvent.code, layout-independent ("Digit1"); optional for callers that only know the key. */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * Shortcuts: Ctrl/Cmd+N, O, S, Shift+S, E for files; Ctrl/Cmd+Z, Shift+Z or Y, X, C, V, D, A and
 * Delete/Backspace for editing; Shift+1 fits the diagram, Ctrl/Cmd+Shift+L lays it out, Escape
 * clears the selection. Null for other keys.
 */
export function commandForShortcut(key: KeyPress): AppCommand | null {
  if (key.altKey) return null;
  const k = key.key.toLowerCase();
  if (!(key.ctrlKey || key.metaKey)) {
    if ((k === 'delete' || k === 'backspace') && !key.shiftKey) return 'delete-selection';
    if (k === 'escape') return 'clear-selection';
    if (key.shiftKey && (key.code === 'Digit1' || k === '!')) return 'fit-view';
    return null;
  }
  switch (k) {
    case 's':
      return key.shiftKey ? 'save-project-as' : 'save-project';
    case 'o':
      return key.shiftKey ? null : 'open-project';
    case 'n':
      return key.shiftKey ? null : 'new-project';
    case 'e':
      return key.shiftKey ? null : 'export-plan';
    case 'z':
      return key.shiftKey ? 'redo' : 'undo';
    case 'y':
      return key.shiftKey ? null : 'redo';
    case 'x':
      return key.shiftKey ? null : 'cut';
    case 'c':
      return key.shiftKey ? null : 'copy';
    case 'v':
      return key.shiftKey ? null : 'paste';
    case 'd':
      return key.shiftKey ? null : 'duplicate';
    case 'a':
      return key.shiftKey ? null : 'select-all';
    case 'l':
      return key.shiftKey ? 'auto-layout' : null;
    default:
      return null;
  }
}
