/**
 * Undo and redo as a bounded history of whole snapshots. The project is plain, immutable JSON and
 * every edit shares what it did not change, so a snapshot costs only the objects the edit replaced.
 * Pure: each function returns a new history.
 */

export interface HistoryEntry<T> {
  value: T;
  /** What the change was ("Moved SQL-PRD-02 to Data subnet B"), for the Undo/Redo tooltips. */
  label: string;
}

export interface History<T> {
  past: readonly HistoryEntry<T>[];
  future: readonly HistoryEntry<T>[];
  limit: number;
  /** The label and time of the last recorded change, so rapid edits of one field become one step. */
  last: { coalesceKey: string; at: number } | null;
}

export const DEFAULT_HISTORY_LIMIT = 200;

export function createHistory<T>(limit = DEFAULT_HISTORY_LIMIT): History<T> {
  return { past: [], future: [], limit, last: null };
}

/**
 * Records that the value changed away from `previous`. A change with the same `coalesceKey` as the
 * one before, within `windowMs`, extends that step instead of adding one (typing in a field); the
 * redo list is dropped, as after any new change.
 */
export function recordChange<T>(
  history: History<T>,
  previous: T,
  label: string,
  options: { coalesceKey?: string; now?: number; windowMs?: number } = {},
): History<T> {
  const now = options.now ?? 0;
  const key = options.coalesceKey;
  if (
    key !== undefined &&
    history.last?.coalesceKey === key &&
    now - history.last.at <= (options.windowMs ?? 1500) &&
    history.past.length > 0
  )
    return { ...history, future: [], last: { coalesceKey: key, at: now } };
  const past = [...history.past, { value: previous, label }];
  return {
    ...history,
    past: past.length > history.limit ? past.slice(past.length - history.limit) : past,
    future: [],
    last: key !== undefined ? { coalesceKey: key, at: now } : null,
  };
}

/** Steps back: the value to show and the history with `current` on the redo list; null when there is nothing to undo. */
export function undo<T>(
  history: History<T>,
  current: T,
): { history: History<T>; value: T; label: string } | null {
  const entry = history.past[history.past.length - 1];
  if (!entry) return null;
  return {
    value: entry.value,
    label: entry.label,
    history: {
      ...history,
      past: history.past.slice(0, -1),
      future: [...history.future, { value: current, label: entry.label }],
      last: null,
    },
  };
}

/** Steps forward again after an undo; null when there is nothing to redo. */
export function redo<T>(
  history: History<T>,
  current: T,
): { history: History<T>; value: T; label: string } | null {
  const entry = history.future[history.future.length - 1];
  if (!entry) return null;
  return {
    value: entry.value,
    label: entry.label,
    history: {
      ...history,
      past: [...history.past, { value: current, label: entry.label }],
      future: history.future.slice(0, -1),
      last: null,
    },
  };
}
