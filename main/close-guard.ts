import type { BrowserWindow, Dialog, Event } from 'electron';

/** What the guard needs from a window and from Electron's dialog module (tests pass fakes). */
export interface GuardedWindow {
  webContents: {
    on(event: 'will-prevent-unload', listener: (event: Pick<Event, 'preventDefault'>) => void): unknown;
  };
}

/**
 * The prompt before unsaved changes are lost when the window closes (or reloads). The renderer refuses
 * to unload while it has unsaved changes (`beforeunload`); Electron shows no dialog for that by itself
 * but emits `will-prevent-unload`, where we ask. Choosing to close lets the unload go ahead.
 */
export function guardUnsavedChanges(
  win: GuardedWindow,
  dialog: Pick<Dialog, 'showMessageBoxSync'>,
  owner?: BrowserWindow,
): void {
  win.webContents.on('will-prevent-unload', (event) => {
    const options = {
      type: 'warning' as const,
      buttons: ['Keep editing', 'Close without saving'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
      title: 'Unsaved changes',
      message: 'The project has unsaved changes.',
      detail: 'Close Architecture Planner anyway and lose them? Choose Keep editing, then File > Save.',
    };
    const choice = owner ? dialog.showMessageBoxSync(owner, options) : dialog.showMessageBoxSync(options);
    if (choice === 1) event.preventDefault();
  });
}
