import type { AppStore } from './app-store';

/**
 * Keeps `settledProject` following `project`. Another project (new, open, import, recovery) is taken
 * at once; an edit of the open one is taken in a deferred task when `defer` is given, so the edit's
 * commit renders only what must show at once (the total, the inspector) and the slower views (checks,
 * sizing of 500 servers, the grid, the HA comparison) re-render right after.
 */
export function installSettledProject(store: AppStore, defer?: (task: () => void) => void): () => void {
  let pending = false;
  const settle = (): void => {
    pending = false;
    const s = store.getState();
    if (s.settledProject !== s.project) store.setState({ settledProject: s.project });
  };
  return store.subscribe((state, prev) => {
    if (state.project === state.settledProject) return;
    if (defer === undefined || state.loadSerial !== prev.loadSerial) {
      settle();
      return;
    }
    if (pending) return;
    pending = true;
    defer(settle);
  });
}
