import { type BrowserWindow, app, dialog } from 'electron';
import { join } from 'node:path';
import type { HostContext } from './handlers/host-context';

// Filters by the last extension only: macOS cannot filter on a compound one like ".archplan.json".
const PROJECT_FILTERS = [
  { name: 'Architecture Planner project (*.archplan.json)', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

/** Native Open/Save dialogs and the export folder picker for the desktop HostContext, attached to the main window when there is one. */
export function createDialogPickers(
  getWindow: () => BrowserWindow | null,
): Required<Pick<HostContext, 'pickOpenPath' | 'pickSavePath' | 'pickExportDir' | 'pickDiagramPath'>> {
  return {
    async pickOpenPath() {
      const options = { title: 'Open project', properties: ['openFile' as const], filters: PROJECT_FILTERS };
      const win = getWindow();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async pickSavePath(suggestedName) {
      const options = {
        title: 'Save project',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: PROJECT_FILTERS,
        properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const],
      };
      const win = getWindow();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async pickDiagramPath(suggestedName, format) {
      const options = {
        title: 'Export the diagram',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [
          format === 'svg'
            ? { name: 'SVG image (*.svg)', extensions: ['svg'] }
            : { name: 'PNG image (*.png)', extensions: ['png'] },
        ],
        properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const],
      };
      const win = getWindow();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async pickExportDir() {
      const options = {
        title: 'Export the plan into a folder',
        buttonLabel: 'Export here',
        message: 'Files of the same name in this folder are replaced.',
        defaultPath: app.getPath('documents'),
        properties: ['openDirectory' as const, 'createDirectory' as const, 'promptToCreate' as const],
      };
      const win = getWindow();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
