/**
 * Commands the application menu (desktop) and keyboard shortcuts (browser) trigger. The preload
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
] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

const ALIASES: Readonly<Record<string, AppCommand>> = {
  new: 'new-project',
  'new-project': 'new-project',
  open: 'open-project',
  'open-project': 'open-project',
  save: 'save-project',
  'save-project': 'save-project',
  'save-as': 'save-project-as',
  'save-project-as': 'save-project-as',
  import: 'import-inventory',
  'import-csv': 'import-inventory',
  'import-inventory': 'import-inventory',
  export: 'export-plan',
  'export-plan': 'export-plan',
};

/** "file.saveAs" → "save-project-as"; null for commands the window does not handle. */
export function toAppCommand(menuCommand: string): AppCommand | null {
  const normalized = menuCommand
    .trim()
    .replace(/^(file|project|menu)[.:/]/i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[\s_.]+/g, '-')
    .toLowerCase();
  return ALIASES[normalized] ?? null;
}

/** Ctrl/Cmd+S, Ctrl/Cmd+Shift+S, Ctrl/Cmd+O, Ctrl/Cmd+N, Ctrl/Cmd+E as commands; null for other keys. */
export function commandForShortcut(key: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): AppCommand | null {
  if (!(key.ctrlKey || key.metaKey) || key.altKey) return null;
  switch (key.key.toLowerCase()) {
    case 's':
      return key.shiftKey ? 'save-project-as' : 'save-project';
    case 'o':
      return key.shiftKey ? null : 'open-project';
    case 'n':
      return key.shiftKey ? null : 'new-project';
    case 'e':
      return key.shiftKey ? null : 'export-plan';
    default:
      return null;
  }
}
