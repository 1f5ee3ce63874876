import type { StateCreator } from 'zustand/vanilla';
import { type ServerEdit, editServer as applyServerEdit } from '../../core/inventory/edit-inventory';
import {
  INVENTORY_FORMAT_LABELS,
  type InventoryFileInput,
  parseInventoryFiles,
} from '../../core/inventory/parse-inventory-file';
import { type Issue, hasErrors } from '../../core/model/issue';
import { createProject, planProject } from '../../core/plan/plan-project';
import { parseProject } from '../../core/project/load-project';
import { setProposalTemplateDir } from '../../core/proposal/proposal-settings';
import type { Project } from '../../core/project/schema';
import {
  type AttestationInput,
  type SuppressionInput,
  addSuppression,
  applyRuleFix,
  removeSuppression,
  signOffAttestation,
  withdrawAttestation,
} from '../../core/security/checklist-edits';
import { issuesFromFailure } from '../host/host-error';
import type { AppState } from './app-store';
import {
  type NodeMove,
  UNTITLED_PROJECT,
  baseName,
  moveNodesInLayout,
  projectNameFromFile,
  suggestedFileName,
} from './project-edits';
import type { StoreDeps } from './store-deps';

export interface ProjectSlice {
  /** The open project, plain JSON exactly as it is saved. */
  project: Project;
  /**
   * The project as the slower views see it (checks, sizing, inventory grid, HA comparison): the same
   * object as `project`, or, for a moment after an edit, the one before it (see installSettledProject).
   */
  settledProject: Project;
  /** Where it is saved: absolute on the desktop, a workspace file name in browser mode; null if never saved. */
  filePath: string | null;
  dirty: boolean;
  /** Increments whenever another project replaces the open one (new, open, import), so the canvas refits. */
  loadSerial: number;
  /** True when there are no unsaved changes, the architect saved them, or agreed to lose them. */
  confirmDiscard(action: string): Promise<boolean>;
  newProject(): void;
  /**
   * Parses an inventory file (any supported format, detected from its content) and plans a new design
   * from it; on errors the open project is untouched.
   */
  importInventory(fileName: string, content: string | Uint8Array): Promise<boolean>;
  /** Several files at once: RVTools tab CSVs (vInfo, vCPU, vMemory, vDisk); one file of any format also works. */
  importInventoryFiles(files: readonly InventoryFileInput[]): Promise<boolean>;
  /**
   * An edit from the inventory grid (role, SQL edition, pinned instance type): applied through core
   * and re-planned, so the design, sizing and estimate follow. Manual diagram positions are kept.
   */
  editServer(serverId: string, edit: ServerEdit): Promise<boolean>;
  /** Opens a project through the host: a path in the workspace, or (desktop, no path) the Open dialog. */
  openProject(path?: string): Promise<boolean>;
  /** Opens a project file the browser read from disk; it is saved into the workspace under its name. */
  openProjectText(fileName: string, text: string): boolean;
  saveProject(): Promise<boolean>;
  saveProjectAs(): Promise<boolean>;
  moveNodes(moves: readonly NodeMove[]): void;
  /** Security checklist: applies a failing rule's one-click fix to the design (undoable). */
  applyFix(ruleId: string): boolean;
  /** Accepts a failing rule as a documented risk: justification, owner and review date are required. */
  suppressCheck(input: SuppressionInput): Issue[];
  unsuppressCheck(ruleId: string): void;
  /** Signs off an attestation item: who confirmed it with the customer, when, and how. */
  attestCheck(input: AttestationInput): Issue[];
  withdrawAttestation(ruleId: string): void;
  /** The proposal's brand folder (a path on the exporting machine); blank for the built-in look. */
  setProposalTemplateDir(dir: string): Issue[];
}

function countBySeverity(issues: readonly Issue[]): string {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  const notices = issues.filter((i) => i.severity === 'notice').length;
  const parts = [
    errors && `${errors} error${errors === 1 ? '' : 's'}`,
    warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`,
    notices && `${notices} notice${notices === 1 ? '' : 's'}`,
  ].filter(Boolean);
  return parts.join(', ');
}

function describeEdit(name: string, edit: ServerEdit): string {
  if (edit.pinnedInstanceType !== undefined)
    return edit.pinnedInstanceType
      ? `${name} is pinned to ${edit.pinnedInstanceType}; the design and estimate follow.`
      : `${name} is sized automatically again.`;
  if (edit.role !== undefined) return `${name} is now planned as ${edit.role}.`;
  if (edit.sqlEdition !== undefined) return `${name}'s SQL Server edition is now ${edit.sqlEdition}.`;
  return `${name} was updated.`;
}

export function createProjectSlice(deps: StoreDeps): StateCreator<AppState, [], [], ProjectSlice> {
  return (set, get) => {
    /** Replaces the open project with another one (not an edit of it). */
    const replaceProject = (project: Project, filePath: string | null, dirty: boolean): void => {
      set((s) => ({
        project,
        filePath,
        dirty,
        loadSerial: s.loadSerial + 1,
        selectedNodeId: null,
        selectedNodeIds: [],
        selectedEdgeIds: [],
        revealRequest: null,
      }));
      void get().ensurePrices(project.options.region);
    };

    const save = async (saveAs: boolean): Promise<boolean> => {
      const state = get();
      let path = state.filePath ?? undefined;
      // Browser mode: a first Save lets the host name the file after the project; Save As asks for a name.
      if (deps.api.mode === 'browser' && saveAs) {
        const name = deps.askFileName(path ?? suggestedFileName(state.project));
        if (name === null) return false;
        path = name;
      }
      const project: Project = {
        ...state.project,
        project: { ...state.project.project, updatedAt: deps.now() },
      };
      state.setBusy('Saving…');
      try {
        const answer = await deps.api.projectSave({
          project,
          ...(path !== undefined ? { path } : {}),
          ...(saveAs ? { saveAs: true } : {}),
        });
        if (answer.status === 'cancelled') {
          get().report('info', 'Save cancelled; nothing was written.');
          return false;
        }
        if (answer.status === 'error') {
          get().report('error', `Could not save ${state.project.project.name}.`, answer.issues);
          return false;
        }
        // Edits made while the file was being written stay unsaved.
        if (get().project === state.project) set({ project, filePath: answer.path, dirty: false });
        else set({ filePath: answer.path });
        get().report('success', `Saved ${baseName(answer.path)}.`);
        return true;
      } catch (e) {
        get().report(
          'error',
          `Could not save ${state.project.project.name}.`,
          issuesFromFailure(e, 'Saving'),
        );
        return false;
      } finally {
        get().setBusy(null);
      }
    };

    const initial = createProject({ name: UNTITLED_PROJECT }, deps.now());
    return {
      project: initial,
      settledProject: initial,
      filePath: null,
      dirty: false,
      loadSerial: 0,

      async confirmDiscard(action) {
        if (!get().dirty) return true;
        return deps.confirmDiscard(
          `${get().project.project.name} has unsaved changes. ${action} anyway and lose them?`,
        );
      },

      newProject() {
        replaceProject(createProject({ name: UNTITLED_PROJECT }, deps.now()), null, false);
        get().report('info', 'New project. Import an inventory CSV to plan the design.');
      },

      importInventory(fileName, content) {
        const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
        return get().importInventoryFiles([{ name: fileName, bytes }]);
      },

      async editServer(serverId, edit) {
        const before = get().project;
        const inventory = applyServerEdit(before.inventory, serverId, edit);
        if (inventory === before.inventory) return false;
        const server = inventory.servers.find((x) => x.id === serverId);
        get().setBusy(`Re-planning for ${server?.name ?? serverId}…`);
        try {
          const prices = await get().ensurePrices(before.options.region);
          if (!prices) {
            get().report(
              'error',
              `Prices for ${before.options.region} are not available; the change was not applied.`,
            );
            return false;
          }
          const planned = await planProject(before, inventory, prices);
          if (get().project !== before) {
            get().report(
              'warning',
              'The change was not applied: the project changed while it was being re-planned.',
            );
            return false;
          }
          get().labelNextChange(describeEdit(server?.name ?? serverId, edit).replace(/\.$/, ''));
          set({ project: planned.project, dirty: true });
          get().report(
            planned.issues.some((i) => i.severity !== 'notice') ? 'warning' : 'success',
            describeEdit(server?.name ?? serverId, edit),
            planned.issues.filter((i) => i.path?.row === undefined || i.path.row === server?.source?.row),
          );
          return true;
        } catch (e) {
          get().report(
            'error',
            'The change was not applied.',
            issuesFromFailure(e, 'Re-planning the design'),
          );
          return false;
        } finally {
          get().setBusy(null);
        }
      },

      async importInventoryFiles(files) {
        const fileName =
          files.length === 1
            ? (files[0]?.name ?? 'inventory')
            : `${files[0]?.name ?? 'inventory'} and ${files.length - 1} more`;
        const before = get().project;
        const parsed = parseInventoryFiles(files, deps.now());
        if (hasErrors(parsed.issues)) {
          get().report(
            'error',
            `${fileName} was not imported (${countBySeverity(parsed.issues)}); the open project is unchanged.`,
            parsed.issues,
          );
          return false;
        }
        get().setBusy(`Planning the design for ${fileName}…`);
        try {
          const prices = await get().ensurePrices(before.options.region);
          if (!prices) {
            const entry = get().snapshots[before.options.region];
            get().report(
              'error',
              `${fileName} was not imported: prices for ${before.options.region} are not available.`,
              entry?.status === 'error' ? entry.issues : [],
            );
            return false;
          }
          const named =
            before.inventory.servers.length === 0 && before.project.name === UNTITLED_PROJECT
              ? { ...before, project: { ...before.project, name: projectNameFromFile(fileName) } }
              : before;
          const planned = await planProject(named, parsed.inventory, prices);
          if (get().project !== before) {
            get().report(
              'warning',
              `${fileName} was not imported: another project was opened while it was being planned.`,
            );
            return false;
          }
          replaceProject(planned.project, get().filePath, true);
          const issues = [...parsed.issues, ...planned.issues];
          const n = parsed.inventory.servers.length;
          const format = parsed.format ? ` (${INVENTORY_FORMAT_LABELS[parsed.format]})` : '';
          get().report(
            issues.some((i) => i.severity === 'warning') ? 'warning' : 'success',
            `Imported ${n} server${n === 1 ? '' : 's'} from ${fileName}${format}${issues.length > 0 ? `: ${countBySeverity(issues)}` : ''}.`,
            issues,
          );
          return true;
        } catch (e) {
          get().report(
            'error',
            `${fileName} was not imported; the open project is unchanged.`,
            issuesFromFailure(e, 'Planning the design'),
          );
          return false;
        } finally {
          get().setBusy(null);
        }
      },

      async openProject(path) {
        get().setBusy('Opening…');
        try {
          const answer = await deps.api.projectOpen(path !== undefined ? { path } : {});
          if (answer.status === 'cancelled') return false;
          if (answer.status === 'error') {
            get().report(
              'error',
              `Could not open ${path !== undefined ? baseName(path) : 'the project'}; the open project is unchanged.`,
              answer.issues,
            );
            return false;
          }
          replaceProject(answer.project, answer.path, false);
          get().report(
            answer.issues.length > 0 ? 'warning' : 'success',
            `Opened ${baseName(answer.path)}.`,
            answer.issues,
          );
          return true;
        } catch (e) {
          get().report(
            'error',
            'Could not open the project; the open project is unchanged.',
            issuesFromFailure(e, 'Opening'),
          );
          return false;
        } finally {
          get().setBusy(null);
        }
      },

      openProjectText(fileName, text) {
        const parsed = parseProject(text, fileName);
        if (!parsed.ok) {
          get().report(
            'error',
            `${fileName} could not be opened; the open project is unchanged.`,
            parsed.issues,
          );
          return false;
        }
        const name = baseName(fileName);
        replaceProject(parsed.value, name, false);
        get().report(
          parsed.issues.length > 0 ? 'warning' : 'success',
          `Opened ${name} from disk; Save writes it to the workspace as ${name}.`,
          parsed.issues,
        );
        return true;
      },

      saveProject: () => save(false),
      saveProjectAs: () => save(true),

      moveNodes(moves) {
        const { project } = get();
        const layout = moveNodesInLayout(project.layout, moves);
        if (layout !== project.layout) set({ project: { ...project, layout }, dirty: true });
      },

      applyFix(ruleId) {
        const result = applyRuleFix(get().project, ruleId);
        if (!result.ok) {
          get().report('error', `Could not fix ${ruleId}.`, result.issues);
          return false;
        }
        get().labelNextChange(`Fix ${ruleId}`);
        set({ project: result.value, dirty: true });
        get().report('success', `Applied the fix for ${ruleId}.`);
        return true;
      },
      suppressCheck(input) {
        const result = addSuppression(get().project, input, deps.now().slice(0, 10));
        if (!result.ok) return result.issues;
        get().labelNextChange(`Accept risk ${input.ruleId}`);
        set({ project: result.value, dirty: true });
        return [];
      },
      unsuppressCheck(ruleId) {
        const project = removeSuppression(get().project, ruleId);
        if (project === get().project) return;
        get().labelNextChange(`Remove acceptance of ${ruleId}`);
        set({ project, dirty: true });
      },
      attestCheck(input) {
        const result = signOffAttestation(get().project, input);
        if (!result.ok) return result.issues;
        get().labelNextChange(`Sign off ${input.ruleId}`);
        set({ project: result.value, dirty: true });
        return [];
      },
      withdrawAttestation(ruleId) {
        const project = withdrawAttestation(get().project, ruleId);
        if (project === get().project) return;
        get().labelNextChange(`Withdraw sign-off of ${ruleId}`);
        set({ project, dirty: true });
      },
      setProposalTemplateDir(dir) {
        const result = setProposalTemplateDir(get().project, dir);
        if (!result.ok) return result.issues;
        if (result.value === get().project) return [];
        get().labelNextChange(
          dir.trim() ? 'Set the proposal template folder' : 'Use the built-in proposal look',
        );
        set({ project: result.value, dirty: true });
        return [];
      },
    };
  };
}
