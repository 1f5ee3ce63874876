import type { StateCreator } from 'zustand/vanilla';
import type { ChannelOutput } from '../../core/ipc/contract';
import type { Issue } from '../../core/model/issue';
import { issuesFromFailure } from '../host/host-error';
import type { AppState } from './app-store';
import type { StoreDeps } from './store-deps';

export type StatusTone = 'info' | 'success' | 'warning' | 'error';

/** The latest thing the app has to tell the architect, with the issues behind it (rows, columns, hints). */
export interface StatusReport {
  /** Increments per report so the status bar can tell a repeated message from an old one. */
  serial: number;
  tone: StatusTone;
  message: string;
  issues: Issue[];
}

export type AppInfo = ChannelOutput<'app.info'>;
export type RecentFile = ChannelOutput<'project.recent'>['files'][number];
export type RecentFiles =
  | { status: 'idle' | 'loading' }
  | { status: 'ready'; files: RecentFile[] }
  | { status: 'error'; issues: Issue[] };

export interface UiSlice {
  /** The node the inspector shows: the one selected last (null when nothing, or only connections, are selected). */
  selectedNodeId: string | null;
  /** Every selected node (the canvas selects several with Shift/Ctrl-click or a Shift-drag box). */
  selectedNodeIds: string[];
  /** Selected connections (Delete removes them). */
  selectedEdgeIds: string[];
  /** Set when something outside the canvas (a finding) selects a node, so the canvas brings it into view. */
  revealRequest: { nodeId: string; serial: number } | null;
  status: StatusReport | null;
  /** What the app is busy with ("Importing rpa-estate.csv…"), or null. */
  busy: string | null;
  appInfo: AppInfo | null;
  /** Browser mode's Open dialog and the workspace files it lists. */
  openDialogVisible: boolean;
  recentFiles: RecentFiles;
  selectNode(nodeId: string | null, options?: { reveal?: boolean }): void;
  /** Replaces the selection; the last id becomes the inspected node. */
  setSelection(nodeIds: readonly string[], edgeIds?: readonly string[]): void;
  report(tone: StatusTone, message: string, issues?: readonly Issue[]): void;
  clearStatus(): void;
  setBusy(label: string | null): void;
  /** Shows the browser-mode Open dialog and (re)loads the workspace's project list. */
  showOpenDialog(): Promise<void>;
  hideOpenDialog(): void;
  loadAppInfo(): Promise<void>;
}

export function createUiSlice(deps: StoreDeps): StateCreator<AppState, [], [], UiSlice> {
  let serial = 0;
  return (set, get) => ({
    selectedNodeId: null,
    selectedNodeIds: [],
    selectedEdgeIds: [],
    revealRequest: null,
    status: null,
    busy: null,
    appInfo: null,
    openDialogVisible: false,
    recentFiles: { status: 'idle' },
    selectNode(nodeId, options) {
      set((s) => ({
        selectedNodeId: nodeId,
        selectedNodeIds: nodeId !== null ? [nodeId] : [],
        selectedEdgeIds: [],
        revealRequest:
          nodeId !== null && options?.reveal
            ? { nodeId, serial: (s.revealRequest?.serial ?? 0) + 1 }
            : s.revealRequest,
      }));
    },
    setSelection(nodeIds, edgeIds = []) {
      const s = get();
      const same = (a: readonly string[], b: readonly string[]) =>
        a.length === b.length && a.every((x, i) => x === b[i]);
      if (same(s.selectedNodeIds, nodeIds) && same(s.selectedEdgeIds, edgeIds)) return;
      set({
        selectedNodeIds: [...nodeIds],
        selectedEdgeIds: [...edgeIds],
        selectedNodeId: nodeIds.length > 0 ? (nodeIds[nodeIds.length - 1] as string) : null,
      });
    },
    report(tone, message, issues = []) {
      serial += 1;
      set({ status: { serial, tone, message, issues: [...issues] } });
    },
    clearStatus() {
      set({ status: null });
    },
    setBusy(label) {
      set({ busy: label });
    },
    async showOpenDialog() {
      set({ openDialogVisible: true, recentFiles: { status: 'loading' } });
      try {
        const answer = await deps.api.projectRecent({});
        if (get().openDialogVisible) set({ recentFiles: { status: 'ready', files: answer.files } });
      } catch (e) {
        set({ recentFiles: { status: 'error', issues: issuesFromFailure(e, 'Listing the workspace') } });
      }
    },
    hideOpenDialog() {
      set({ openDialogVisible: false });
    },
    async loadAppInfo() {
      try {
        const info = await deps.api.appInfo({});
        set({ appInfo: info });
      } catch (e) {
        serial += 1;
        set({
          status: {
            serial,
            tone: 'error',
            message: 'Could not reach the Architecture Planner host.',
            issues: issuesFromFailure(e, 'Asking the host for its settings'),
          },
        });
      }
    },
  });
}
