import type { StateCreator } from 'zustand/vanilla';
import type { Issue } from '../../core/model/issue';
import type { Project } from '../../core/project/schema';
import { issuesFromFailure } from '../host/host-error';
import type { AppState, AppStore } from './app-store';
import type { StoreDeps } from './store-deps';

/** What the last session left unsaved, offered once on launch. */
export interface RecoveryOffer {
  savedAt: string;
  /** The file the work belongs to, or null when it was never saved. */
  path: string | null;
  project: Project;
  issues: Issue[];
}

export interface RecoverySlice {
  recoveryOffer: RecoveryOffer | null;
  /** When the open work was last written to the recovery file (ISO), or null. */
  lastAutosaveAt: string | null;
  /** On launch: asks the host for a recovery file and offers it. Autosave waits until this is answered. */
  checkRecovery(): Promise<void>;
  /** Opens the recovered work (unsaved) in place of the empty project. */
  acceptRecovery(): void;
  /** Removes the recovery file; the recovered work is gone. */
  declineRecovery(): Promise<void>;
  /**
   * Every 30 s: writes the open project to the recovery file when it has unsaved changes not yet
   * written there. True when it wrote.
   */
  autosave(): Promise<boolean>;
}

export const AUTOSAVE_INTERVAL_MS = 30_000;

/** Shared by the slice and the cleanup watcher of one store. */
interface RecoveryState {
  /** Offer answered (or none found): autosave may overwrite the recovery file from now on. */
  ready: boolean;
  /** The project last written to the recovery file by this session. */
  written: Project | null;
  /** Writes and removals run one at a time, in order. */
  queue: Promise<unknown>;
}

export function createRecoveryState(): RecoveryState {
  return { ready: false, written: null, queue: Promise.resolve() };
}

export function createRecoverySlice(
  deps: StoreDeps,
  rs: RecoveryState,
): StateCreator<AppState, [], [], RecoverySlice> {
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = rs.queue.then(task, task);
    rs.queue = next.catch(() => undefined);
    return next;
  };
  return (set, get) => ({
    recoveryOffer: null,
    lastAutosaveAt: null,

    async checkRecovery() {
      try {
        const answer = await deps.api.projectRecovery({ action: 'read' });
        if (answer.status === 'found') {
          set({
            recoveryOffer: {
              savedAt: answer.savedAt,
              path: answer.path,
              project: answer.project,
              issues: answer.issues,
            },
          });
          return;
        }
        if (answer.status === 'error')
          get().report(
            'warning',
            'Unsaved work from the last session could not be recovered.',
            answer.issues,
          );
      } catch (e) {
        get().report(
          'warning',
          'Could not look for unsaved work from the last session.',
          issuesFromFailure(e, 'Reading the recovery file'),
        );
      }
      rs.ready = true;
    },

    acceptRecovery() {
      const offer = get().recoveryOffer;
      if (!offer) return;
      set((s) => ({
        recoveryOffer: null,
        project: offer.project,
        filePath: offer.path,
        dirty: true,
        loadSerial: s.loadSerial + 1,
        selectedNodeId: null,
        selectedNodeIds: [],
        selectedEdgeIds: [],
        revealRequest: null,
      }));
      rs.ready = true;
      // The recovery file stays until the work is saved: a second crash loses nothing either.
      rs.written = offer.project;
      void get().ensurePrices(offer.project.options.region);
      get().report(
        'success',
        `Recovered ${offer.project.project.name} as it was at ${offer.savedAt.slice(0, 16).replace('T', ' ')} UTC. Save it to keep it.`,
        offer.issues,
      );
    },

    async declineRecovery() {
      set({ recoveryOffer: null });
      await serial(async () => {
        try {
          await deps.api.projectRecovery({ action: 'discard' });
        } catch {
          // Nothing to do: the next launch offers it again.
        }
      });
      rs.ready = true;
    },

    autosave() {
      return serial(async () => {
        const { project, dirty, filePath } = get();
        if (
          !rs.ready ||
          !dirty ||
          project === rs.written ||
          project.topology.nodes.length + project.inventory.servers.length === 0
        )
          return false;
        try {
          const answer = await deps.api.projectAutosave({ project, path: filePath });
          if (answer.status === 'error') {
            get().report('warning', 'Autosave failed; save the project to keep your work.', answer.issues);
            return false;
          }
          rs.written = project;
          set({ lastAutosaveAt: answer.savedAt });
          return true;
        } catch (e) {
          get().report(
            'warning',
            'Autosave failed; save the project to keep your work.',
            issuesFromFailure(e, 'Autosaving'),
          );
          return false;
        }
      });
    },
  });
}

/**
 * Removes the recovery file once the work it holds is safe or deliberately dropped: after a
 * successful save, or when another project replaces the open one without unsaved changes.
 */
export function installRecoveryCleanup(store: AppStore, deps: StoreDeps, rs: RecoveryState): () => void {
  return store.subscribe((state, prev) => {
    if (state.dirty || !prev.dirty || rs.written === null) return;
    rs.written = null;
    const next = rs.queue.then(async () => {
      try {
        await deps.api.projectRecovery({ action: 'discard' });
      } catch {
        // The next launch would offer the saved work again; harmless.
      }
    });
    rs.queue = next.catch(() => undefined);
  });
}
