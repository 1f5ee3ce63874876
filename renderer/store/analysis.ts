import type { PriceContext, ProjectAnalysis } from '../../core/plan/plan-project';
import { type Estimate, estimateTopology } from '../../core/pricing/estimate';
import { createSnapshotPriceBook } from '../../core/pricing/price-book';
import type { PricingSnapshot } from '../../core/pricing/snapshot';
import { resolveUsage } from '../../core/pricing/usage';
import type { Project } from '../../core/project/schema';
import { type CheckResult, evaluateChecks } from '../../core/security/evaluate';
import { type InventorySizing, sizeInventory } from '../../core/sizing/size-inventory';
import type { AppState } from './app-store';

/**
 * Derived data, computed from the project and never stored beside it: core's analyzeProject, split
 * into its three parts so an edit recomputes only the part whose inputs changed.
 *
 * - sizing reads the inventory and options (tens of milliseconds for a large estate): a canvas edit
 *   does not touch it;
 * - the estimate reads the topology and options, and core prices it per node with a cache, so an
 *   edit re-prices only the nodes it replaced (and the few that depend on others, such as NAT);
 * - the checks read the topology and the suppressions.
 *
 * The composition mirrors analyzeProject (a test holds them equal on a realistic project).
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

/** A one-entry memo keyed on the identity of its inputs. */
function memoOne<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | null = null;
  return (...args: A): R => {
    if (last && last.args.length === args.length && last.args.every((a, i) => a === args[i]))
      return last.result;
    const result = compute(...args);
    last = { args, result };
    return result;
  };
}

const sizingOf = memoOne(
  (
    inventory: Project['inventory'],
    options: Project['options'],
    snapshot: PricingSnapshot,
  ): InventorySizing => {
    const prices = priceContextFor(snapshot);
    return sizeInventory(inventory, prices.instanceTypes, prices.book, options);
  },
);

const usageOf = memoOne((options: Project['options']) =>
  resolveUsage(options.usageProfile, options.usageOverrides),
);

const estimateOf = memoOne(
  (topology: Project['topology'], options: Project['options'], snapshot: PricingSnapshot): Estimate =>
    estimateTopology(
      topology,
      priceContextFor(snapshot).book,
      options.purchaseOption,
      usageOf(options).usage,
    ),
);

/** Today (UTC) as YYYY-MM-DD: a suppression past its review date stops applying the day after. */
function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

const checksOf = memoOne(
  (
    topology: Project['topology'],
    suppressions: Project['suppressions'],
    attestations: Project['attestations'],
    today: string,
  ): CheckResult[] => evaluateChecks(topology, suppressions, { attestations, today }),
);

const combine = memoOne(
  (
    sized: InventorySizing,
    estimate: Estimate,
    checks: CheckResult[],
    usageIssues: ProjectAnalysis['issues'],
  ) => ({
    sizing: sized.results,
    botRunners: sized.botRunners,
    estimate,
    checks,
    issues: [...sized.issues, ...usageIssues, ...estimate.issues],
  }),
);

/** Sizing, estimate and checks of a project, each part reused while its own inputs are unchanged. */
export function analyzeProjectCached(project: Project, snapshot: PricingSnapshot): ProjectAnalysis {
  return combine(
    sizingOf(project.inventory, project.options, snapshot),
    estimateOf(project.topology, project.options, snapshot),
    checksOf(project.topology, project.suppressions, project.attestations, todayIso()),
    usageOf(project.options).issues,
  );
}

/** The snapshot loaded for the open project's region, or null while loading / on error. */
export function selectSnapshot(state: AppState): PricingSnapshot | null {
  const entry = state.snapshots[state.project.options.region];
  return entry?.status === 'ready' ? entry.snapshot : null;
}

/**
 * Sizing, estimate and checks of the open project; null until its region's prices are loaded. The
 * estimate is the current project's; sizing and checks are the settled project's (settle-project.ts),
 * which is the same project except for a moment after an edit.
 */
export function selectAnalysis(state: AppState): ProjectAnalysis | null {
  const snapshot = selectSnapshot(state);
  if (!snapshot) return null;
  const { project, settledProject: settled } = state;
  if (settled === project) return analyzeProjectCached(project, snapshot);
  return combine(
    sizingOf(settled.inventory, settled.options, snapshot),
    estimateOf(project.topology, project.options, snapshot),
    checksOf(settled.topology, settled.suppressions, settled.attestations, todayIso()),
    usageOf(project.options).issues,
  );
}

/** The estimate alone: what the totals and the node costs need, without waiting for sizing. */
export function selectEstimate(state: AppState): Estimate | null {
  const snapshot = selectSnapshot(state);
  if (!snapshot) return null;
  const { topology, options } = state.project;
  const estimate = estimateOf(topology, options, snapshot);
  Object.assign(lastLive, { topology, options, snapshot, estimate });
  return estimate;
}

/** A second memo, so the settled project's estimate and the current one do not evict each other. */
const settledEstimateOf = memoOne(
  (topology: Project['topology'], options: Project['options'], snapshot: PricingSnapshot): Estimate =>
    topology === lastLive.topology &&
    options === lastLive.options &&
    snapshot === lastLive.snapshot &&
    lastLive.estimate
      ? lastLive.estimate
      : estimateTopology(
          topology,
          priceContextFor(snapshot).book,
          options.purchaseOption,
          usageOf(options).usage,
        ),
);
const lastLive: {
  topology: Project['topology'] | null;
  options: Project['options'] | null;
  snapshot: PricingSnapshot | null;
  estimate: Estimate | null;
} = { topology: null, options: null, snapshot: null, estimate: null };

/** The settled project's estimate: what the canvas's node costs and the breakdown show. */
export function selectSettledEstimate(state: AppState): Estimate | null {
  const snapshot = selectSnapshot(state);
  const { settledProject: s } = state;
  return snapshot ? settledEstimateOf(s.topology, s.options, snapshot) : null;
}

/** The checks alone (they need no prices), of the settled project. */
export function selectChecks(state: AppState): CheckResult[] {
  const settled = state.settledProject;
  return checksOf(settled.topology, settled.suppressions, settled.attestations, todayIso());
}

/** The sizing alone: the inventory grid and the inspector's "recommended" line. */
export function selectSizing(state: AppState): InventorySizing | null {
  const snapshot = selectSnapshot(state);
  return snapshot ? sizingOf(state.settledProject.inventory, state.settledProject.options, snapshot) : null;
}
