import type { StateCreator } from 'zustand/vanilla';
import type { ChannelInput } from '../../core/ipc/contract';
import { issuesFromFailure } from '../host/host-error';
import type { AppState } from './app-store';
import { describeExport } from './export-report';
import type { StoreDeps } from './store-deps';

/** The proposal PDF's paper: A4 or US Letter. */
export type PaperSize = ChannelInput<'export.plan'>['paper'];

export interface ExportSlice {
  /** The dialog that asks for the proposal's paper size before an export. */
  exportDialogVisible: boolean;
  /** Opens the export dialog; with nothing to export, says so instead. */
  showExportDialog(): void;
  hideExportDialog(): void;
  /**
   * Asks the host to write every plan file of the open project as it is now (saved or not):
   * CloudFormation, proposal HTML and PDF on `paper`, estimate, sizing and checks. The result goes to
   * the status bar. True when the files were written.
   */
  exportPlan(paper: PaperSize): Promise<boolean>;
}

export function hasSomethingToExport(state: Pick<AppState, 'project'>): boolean {
  return state.project.inventory.servers.length > 0;
}

export function createExportSlice(deps: StoreDeps): StateCreator<AppState, [], [], ExportSlice> {
  return (set, get) => ({
    exportDialogVisible: false,

    showExportDialog() {
      if (!hasSomethingToExport(get())) {
        get().report('info', 'Nothing to export yet: import an inventory CSV to plan the design first.');
        return;
      }
      set({ exportDialogVisible: true });
    },

    hideExportDialog() {
      set({ exportDialogVisible: false });
    },

    async exportPlan(paper) {
      const state = get();
      set({ exportDialogVisible: false });
      if (!hasSomethingToExport(state)) {
        get().report('info', 'Nothing to export yet: import an inventory CSV to plan the design first.');
        return false;
      }
      const name = state.project.project.name;
      get().setBusy(`Exporting ${name} (CloudFormation, proposal on ${paper}, data files)…`);
      try {
        const answer = await deps.api.exportPlan({ project: state.project, paper });
        if (answer.status === 'cancelled') {
          get().report('info', 'Export cancelled; nothing was written.');
          return false;
        }
        if (answer.status === 'error') {
          get().report('error', `Could not export ${name}.`, answer.issues);
          return false;
        }
        const report = describeExport(answer);
        get().report(report.tone, report.message, report.issues);
        return true;
      } catch (e) {
        get().report('error', `Could not export ${name}.`, issuesFromFailure(e, 'Exporting'));
        return false;
      } finally {
        get().setBusy(null);
      }
    },
  });
}
