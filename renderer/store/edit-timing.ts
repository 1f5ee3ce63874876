/**
 * Performance marks around an edit, read by `npm run bench:ui`: the store marks when a command starts
 * changing the project, the estimate panel when the new total has been committed to the page. The
 * measure between them is the script time from an edit to the updated total.
 */
export const EDIT_MARK = 'archplan:edit';
export const TOTAL_MARK = 'archplan:total';
export const EDIT_TO_TOTAL = 'archplan:edit-to-total';

let pending = false;

export function markEditStart(): void {
  pending = true;
  performance.mark(EDIT_MARK);
}

/** Called after the total is committed; measures only when an edit is waiting for it. */
export function markTotalRendered(): void {
  if (!pending) return;
  pending = false;
  performance.mark(TOTAL_MARK);
  performance.measure(EDIT_TO_TOTAL, EDIT_MARK, TOTAL_MARK);
}
