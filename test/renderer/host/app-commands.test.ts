import { describe, expect, it } from 'vitest';
import { EDIT_COMMANDS, commandForShortcut, toAppCommand } from '../../../renderer/host/app-commands';

const key = (
  k: string,
  mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean; code: string }> = {},
) => ({
  key: k,
  ...(mods.code !== undefined ? { code: mods.code } : {}),
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('keyboard shortcuts', () => {
  it('maps the file, edit and view keys, with Ctrl or Cmd', () => {
    expect(commandForShortcut(key('s', { ctrl: true }))).toBe('save-project');
    expect(commandForShortcut(key('S', { meta: true, shift: true }))).toBe('save-project-as');
    expect(commandForShortcut(key('z', { ctrl: true }))).toBe('undo');
    expect(commandForShortcut(key('Z', { meta: true, shift: true }))).toBe('redo');
    expect(commandForShortcut(key('y', { ctrl: true }))).toBe('redo');
    expect(commandForShortcut(key('d', { ctrl: true }))).toBe('duplicate');
    expect(commandForShortcut(key('L', { ctrl: true, shift: true }))).toBe('auto-layout');
    expect(commandForShortcut(key('Delete'))).toBe('delete-selection');
    expect(commandForShortcut(key('Backspace'))).toBe('delete-selection');
    expect(commandForShortcut(key('Escape'))).toBe('clear-selection');
    expect(commandForShortcut(key('!', { shift: true, code: 'Digit1' }))).toBe('fit-view');
  });

  it('leaves other keys (and Alt combinations) alone, and marks the ones text fields keep', () => {
    expect(commandForShortcut(key('a'))).toBeNull();
    expect(commandForShortcut(key('s', { ctrl: true, alt: true }))).toBeNull();
    expect(commandForShortcut(key('q', { ctrl: true }))).toBeNull();
    expect(EDIT_COMMANDS.has('undo')).toBe(true);
    expect(EDIT_COMMANDS.has('save-project')).toBe(false);
  });
});

describe('menu commands', () => {
  it('normalises the spellings the desktop menu sends', () => {
    expect(toAppCommand('file.saveAs')).toBe('save-project-as');
    expect(toAppCommand('exportDiagramPng')).toBe('export-diagram-png');
    expect(toAppCommand('edit.undo')).toBe('undo');
    expect(toAppCommand('view.fitView')).toBe('fit-view');
    expect(toAppCommand('delete')).toBe('delete-selection');
    expect(toAppCommand('format-disk')).toBeNull();
  });
});
