import type { SqlHaPattern } from '../../../core/model/options';
import { planProject } from '../../../core/plan/plan-project';
import { haPattern } from '../../../core/topology/ha-patterns';
import { issuesFromFailure } from '../../host/host-error';
import type { AppStore } from '../../store/app-store';

/**
 * Switches the open project to another SQL Server HA pattern and re-plans it through core: sizing,
 * topology and layout are rebuilt, and nodes the architect moved by hand keep their place (the
 * layout's manual positions carry over). The project is marked unsaved. Returns false, with the reason
 * in the status bar, when nothing changed.
 */
export async function switchSqlHaPattern(store: AppStore, pattern: SqlHaPattern): Promise<boolean> {
  const state = store.getState();
  const before = state.project;
  if (before.options.sqlHa === pattern) return false;
  const title = haPattern(pattern).title;
  state.setBusy(`Re-planning with ${title}…`);
  try {
    const prices = await store.getState().ensurePrices(before.options.region);
    if (!prices) {
      store
        .getState()
        .report(
          'error',
          `Prices for ${before.options.region} are not available; the pattern was not changed.`,
        );
      return false;
    }
    const changed = { ...before, options: { ...before.options, sqlHa: pattern } };
    const planned = await planProject(changed, before.inventory, prices);
    if (store.getState().project !== before) {
      store
        .getState()
        .report('warning', 'The pattern was not changed: the project changed while it was being re-planned.');
      return false;
    }
    store.setState({ project: planned.project, dirty: true });
    store.getState().report('success', `SQL Server now runs as: ${title}. Manual diagram moves were kept.`);
    return true;
  } catch (e) {
    store
      .getState()
      .report('error', 'The pattern was not changed.', issuesFromFailure(e, 'Re-planning the design'));
    return false;
  } finally {
    store.getState().setBusy(null);
  }
}
