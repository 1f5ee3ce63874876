import { type PriceContext, type ProjectAnalysis, analyzeProject } from '../../core/plan/plan-project';
import { createSnapshotPriceBook } from '../../core/pricing/price-book';
import type { PricingSnapshot } from '../../core/pricing/snapshot';
import type { Project } from '../../core/project/schema';
import type { AppState } from './app-store';

/**
 * Derived data, computed from the project and never stored beside it. Analysis depends only on the
 * inventory, topology, options and suppressions, so moving a node (a layout change) or saving (an
 * updatedAt change) reuses the last result instead of re-pricing the design.
 */

const contexts = new WeakMap<PricingSnapshot, PriceContext>();

/** The price book over a loaded snapshot; built once per snapshot (its lookup cache lives inside). */
export function priceContextFor(snapshot: PricingSnapshot): PriceContext {
  let context = contexts.get(snapshot);
  if (!context) {
    context = { book: createSnapshotPriceBook(snapshot), instanceTypes: snapshot.instanceTypes };
    contexts.set(snapshot, context);
  }
  return context;
}

interface AnalysisInputs {
  inventory: Project['inventory'];
  topology: Project['topology'];
  options: Project['options'];
  suppressions: Project['suppressions'];
  snapshot: PricingSnapshot;
}

let last: { inputs: AnalysisInputs; result: ProjectAnalysis } | null = null;

function sameInputs(a: AnalysisInputs, b: AnalysisInputs): boolean {
  return (
    a.inventory === b.inventory &&
    a.topology === b.topology &&
    a.options === b.options &&
    a.suppressions === b.suppressions &&
    a.snapshot === b.snapshot
  );
}

/** core analyzeProject, memoised on the identity of the parts it reads. */
export function analyzeProjectCached(project: Project, snapshot: PricingSnapshot): ProjectAnalysis {
  const inputs: AnalysisInputs = {
    inventory: project.inventory,
    topology: project.topology,
    options: project.options,
    suppressions: project.suppressions,
    snapshot,
  };
  if (last && sameInputs(last.inputs, inputs)) return last.result;
  const result = analyzeProject(project, priceContextFor(snapshot));
  last = { inputs, result };
  return result;
}

/** The snapshot loaded for the open project's region, or null while loading / on error. */
export function selectSnapshot(state: AppState): PricingSnapshot | null {
  const entry = state.snapshots[state.project.options.region];
  return entry?.status === 'ready' ? entry.snapshot : null;
}

/** Sizing, estimate and checks of the open project; null until its region's prices are loaded. */
export function selectAnalysis(state: AppState): ProjectAnalysis | null {
  const snapshot = selectSnapshot(state);
  return snapshot ? analyzeProjectCached(state.project, snapshot) : null;
}
