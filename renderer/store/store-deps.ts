import type { RendererApi } from '../host/renderer-api';

/** What the store's commands need from the outside world, injected so tests can fake each one. */
export interface StoreDeps {
  api: RendererApi;
  /** ISO timestamp for createdAt/updatedAt and import records. */
  now(): string;
  /** Asks before unsaved changes are thrown away; true means go ahead. */
  confirmDiscard(message: string): boolean;
  /** Browser-mode Save As: a file name inside the workspace, or null when the user cancels. */
  askFileName(suggested: string): string | null;
}
