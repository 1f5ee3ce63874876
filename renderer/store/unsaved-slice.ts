import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

export interface UnsavedSlice {
  /** The question on screen when unsaved changes are about to be lost, or null. */
  unsavedPrompt: { message: string } | null;
  /**
   * Asks (in the app's own dialog) what to do with unsaved changes: Save (true once saved), Don't save
   * (true), or Cancel (false). Wire it as StoreDeps.confirmDiscard.
   */
  promptUnsaved(message: string): Promise<boolean>;
  answerUnsaved(choice: UnsavedChoice): void;
}

export function createUnsavedSlice(): StateCreator<AppState, [], [], UnsavedSlice> {
  let resolve: ((choice: UnsavedChoice) => void) | null = null;
  return (set, get) => ({
    unsavedPrompt: null,
    async promptUnsaved(message) {
      // A second question replaces the first, which counts as cancelled.
      resolve?.('cancel');
      const choice = await new Promise<UnsavedChoice>((r) => {
        resolve = r;
        set({ unsavedPrompt: { message } });
      });
      if (choice === 'cancel') return false;
      if (choice === 'discard') return true;
      return get().saveProject();
    },
    answerUnsaved(choice) {
      const r = resolve;
      resolve = null;
      set({ unsavedPrompt: null });
      r?.(choice);
    },
  });
}
