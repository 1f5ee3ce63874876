import type { RendererApi } from '../host/renderer-api';

/** What the store's commands need from the outside world, injected so tests can fake each one. */
export interface StoreDeps {
  api: RendererApi;
  /** ISO timestamp for createdAt/updatedAt and import records. */
  now(): string;
  /** Asks before unsaved changes are thrown away (the app's own dialog, which can also save); true means go ahead. */
  confirmDiscard(message: string): boolean | Promise<boolean>;
  /** Browser-mode Save As: a file name inside the workspace, or null when the user cancels. */
  askFileName(suggested: string): string | null;
  /**
   * Runs a task after the current one (the app passes a zero timeout): the checks, sizing, canvas
   * badges and grid catch up there, so an edit's new total is on screen first. Without it (tests)
   * they follow synchronously.
   */
  deferAnalysis?(task: () => void): void;
}
