import { emptyInventory, type Inventory } from '../model/inventory';
import type { Issue } from '../model/issue';
import { emptyLayout } from '../model/layout';
import { DEFAULT_PLAN_OPTIONS, type PlanOptions } from '../model/options';
import { emptyTopology } from '../model/topology';
import { type PurchaseOptionSummary, comparePurchaseOptions } from '../pricing/compare';
import { type HaComparisonRow, compareHaPatterns } from './compare-ha-patterns';
import { type Estimate, estimateTopology } from '../pricing/estimate';
import type { PriceBook } from '../pricing/price-book';
import type { InstanceTypeInfo } from '../pricing/snapshot';
import { resolveUsage } from '../pricing/usage';
import { type CheckResult, evaluateChecks } from '../security/evaluate';
import { PROJECT_FORMAT, PROJECT_VERSION, type Project, type ProjectInfo } from '../project/schema';
import { type BotRunnerPlan, sizeInventory } from '../sizing/size-inventory';
import type { SizingResult } from '../sizing/size-server';
import { buildTopology } from '../topology/build-topology';
import { layoutTopology } from '../topology/layout';

/** What pricing and sizing need from a snapshot or a live refresh. */
export interface PriceContext {
  book: PriceBook;
  instanceTypes: readonly InstanceTypeInfo[];
}

export function createProject(
  info: Pick<ProjectInfo, 'name'> & Partial<ProjectInfo>,
  now: string,
  options: Partial<PlanOptions> = {},
): Project {
  const merged = { ...DEFAULT_PLAN_OPTIONS, ...options };
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    project: { customer: '', preparedBy: '', createdAt: now, updatedAt: now, ...info },
    inventory: emptyInventory(),
    options: merged,
    topology: emptyTopology(merged.region),
    layout: emptyLayout(),
    suppressions: [],
    attestations: [],
    scenarios: [],
    proposal: {},
  };
}

/**
 * Inventory → sizing → topology → layout. Returns a new project; the old one is untouched, so a
 * failed import leaves the open project as it was.
 */
export async function planProject(
  project: Project,
  inventory: Inventory,
  prices: PriceContext,
): Promise<{ project: Project; sizing: SizingResult[]; issues: Issue[] }> {
  const { results, issues } = sizeInventory(inventory, prices.instanceTypes, prices.book, project.options);
  const topology = buildTopology(inventory, results, project.options);
  const layout = await layoutTopology(topology, project.layout);
  return { project: { ...project, inventory, topology, layout }, sizing: results, issues };
}

export interface ProjectAnalysis {
  sizing: SizingResult[];
  /** RPA runners the automations need against those listed (null when the inventory gives no concurrency). */
  botRunners: BotRunnerPlan | null;
  estimate: Estimate;
  /** Every purchase option side by side; computed only when asked for (exports and the proposal). */
  purchaseOptions?: PurchaseOptionSummary[];
  /** Every SQL Server HA pattern side by side; computed only when asked for (exports and the proposal). */
  haPatterns?: HaComparisonRow[];
  checks: CheckResult[];
  issues: Issue[];
}

/** Everything derived from a project: computed, never stored beside it. Pure and synchronous. */
export function analyzeProject(
  project: Project,
  prices: PriceContext,
  extras: {
    comparePurchaseOptions?: boolean;
    compareHaPatterns?: boolean;
    /** Today as YYYY-MM-DD: suppressions past their review date stop applying. */
    today?: string;
  } = {},
): ProjectAnalysis {
  const sized = sizeInventory(project.inventory, prices.instanceTypes, prices.book, project.options);
  const { usage, issues: usageIssues } = resolveUsage(
    project.options.usageProfile,
    project.options.usageOverrides,
  );
  const estimate = estimateTopology(project.topology, prices.book, project.options.purchaseOption, usage);
  const checks = evaluateChecks(project.topology, project.suppressions, {
    attestations: project.attestations,
    ...(extras.today ? { today: extras.today } : {}),
  });
  return {
    sizing: sized.results,
    botRunners: sized.botRunners,
    estimate,
    ...(extras.comparePurchaseOptions
      ? { purchaseOptions: comparePurchaseOptions(project.topology, prices.book, usage) }
      : {}),
    ...(extras.compareHaPatterns
      ? {
          haPatterns: compareHaPatterns(
            project.inventory,
            sized.results,
            project.options,
            prices,
            project.suppressions,
          ),
        }
      : {}),
    checks,
    issues: [...sized.issues, ...usageIssues, ...estimate.issues],
  };
}

export function withOptions(project: Project, options: PlanOptions): Project {
  return { ...project, options };
}
