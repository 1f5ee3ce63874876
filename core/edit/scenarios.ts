import { slugify, uniqueId } from '../model/ids';
import type { PlanOptions } from '../model/options';
import type { Scenario } from '../model/scenario';
import { type PriceContext, planProject } from '../plan/plan-project';
import { type EstimateTotals, estimateTopology } from '../pricing/estimate';
import { resolveUsage } from '../pricing/usage';
import type { Project } from '../project/schema';
import { evaluateChecks } from '../security/evaluate';
import { type EditResult, refuse } from './edit-result';

/**
 * Scenarios: named variants of the design kept in the project (an availability group against a
 * failover cluster, On-Demand against a 3-year Reserved Instance…). The open design is the working
 * copy; a scenario is a saved variant of it that can be opened (it becomes the working copy), updated
 * from the working copy, renamed, deleted, and compared with the others.
 */

export const MAX_SCENARIOS = 50;

/** The scenario whose options, topology and layout are exactly the working copy's, if any. */
export function matchingScenario(project: Project): Scenario | null {
  return (
    project.scenarios.find(
      (s) => s.options === project.options && s.topology === project.topology && s.layout === project.layout,
    ) ??
    project.scenarios.find(
      (s) =>
        JSON.stringify(s.options) === JSON.stringify(project.options) &&
        JSON.stringify(s.topology) === JSON.stringify(project.topology) &&
        JSON.stringify(s.layout) === JSON.stringify(project.layout),
    ) ??
    null
  );
}

function cleanName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').slice(0, 200);
}

/** Keeps the working copy as a new named scenario (shares its objects: nothing is copied). */
export function saveScenario(project: Project, name: string, now: string): EditResult {
  const clean = cleanName(name);
  if (clean === '')
    return refuse('scenario.no-name', 'A scenario needs a name.', 'Type a name such as "3-year RI".');
  if (project.scenarios.length >= MAX_SCENARIOS)
    return refuse(
      'scenario.too-many',
      `A project keeps at most ${MAX_SCENARIOS} scenarios.`,
      'Delete one first.',
    );
  if (project.scenarios.some((s) => s.name.toLowerCase() === clean.toLowerCase()))
    return refuse(
      'scenario.name-taken',
      `There is already a scenario named "${clean}".`,
      'Choose another name.',
    );
  const scenario: Scenario = {
    id: uniqueId(`scenario-${slugify(clean)}`, new Set(project.scenarios.map((s) => s.id))),
    name: clean,
    options: project.options,
    topology: project.topology,
    layout: project.layout,
    createdAt: now,
  };
  return {
    ok: true,
    project: { ...project, scenarios: [...project.scenarios, scenario] },
    select: [],
    issues: [],
    summary: `Saved the design as scenario "${clean}"`,
  };
}

/** A new scenario from the working copy with other options, re-planned (e.g. another HA pattern). */
export async function deriveScenario(
  project: Project,
  name: string,
  options: Partial<PlanOptions>,
  prices: PriceContext,
  now: string,
): Promise<EditResult> {
  const merged: PlanOptions = { ...project.options, ...options };
  const replan = merged.sqlHa !== project.options.sqlHa || merged.azCount !== project.options.azCount;
  const variant = replan
    ? (await planProject({ ...project, options: merged }, project.inventory, prices)).project
    : { ...project, options: merged };
  const saved = saveScenario(variant, name, now);
  if (!saved.ok) return saved;
  // The working copy stays as it was; only the new scenario is added.
  return { ...saved, project: { ...project, scenarios: saved.project.scenarios } };
}

function findScenario(project: Project, id: string): Scenario | undefined {
  return project.scenarios.find((s) => s.id === id);
}

/** Makes a scenario the working copy (its options, topology and layout). */
export function openScenario(project: Project, id: string): EditResult {
  const s = findScenario(project, id);
  if (!s) return refuse('scenario.unknown', 'That scenario no longer exists.', '');
  return {
    ok: true,
    project: { ...project, options: s.options, topology: s.topology, layout: s.layout },
    select: [],
    issues: [],
    summary: `Opened scenario "${s.name}"`,
  };
}

/** Overwrites a scenario with the working copy. */
export function updateScenario(project: Project, id: string): EditResult {
  const s = findScenario(project, id);
  if (!s) return refuse('scenario.unknown', 'That scenario no longer exists.', '');
  return {
    ok: true,
    project: {
      ...project,
      scenarios: project.scenarios.map((x) =>
        x.id === id
          ? { ...x, options: project.options, topology: project.topology, layout: project.layout }
          : x,
      ),
    },
    select: [],
    issues: [],
    summary: `Updated scenario "${s.name}" from the design`,
  };
}

export function renameScenario(project: Project, id: string, name: string): EditResult {
  const s = findScenario(project, id);
  const clean = cleanName(name);
  if (!s) return refuse('scenario.unknown', 'That scenario no longer exists.', '');
  if (clean === '') return refuse('scenario.no-name', 'A scenario needs a name.', '');
  if (clean === s.name) return refuse('edit.no-change', 'Nothing changed.', '');
  if (project.scenarios.some((x) => x.id !== id && x.name.toLowerCase() === clean.toLowerCase()))
    return refuse(
      'scenario.name-taken',
      `There is already a scenario named "${clean}".`,
      'Choose another name.',
    );
  return {
    ok: true,
    project: {
      ...project,
      scenarios: project.scenarios.map((x) => (x.id === id ? { ...x, name: clean } : x)),
    },
    select: [],
    issues: [],
    summary: `Renamed scenario "${s.name}" to "${clean}"`,
  };
}

export function deleteScenario(project: Project, id: string): EditResult {
  const s = findScenario(project, id);
  if (!s) return refuse('scenario.unknown', 'That scenario no longer exists.', '');
  return {
    ok: true,
    project: { ...project, scenarios: project.scenarios.filter((x) => x.id !== id) },
    select: [],
    issues: [],
    summary: `Deleted scenario "${s.name}"`,
  };
}

/** One column of the side-by-side comparison. */
export interface ScenarioSummary {
  /** The scenario's id, or null for the working copy. */
  id: string | null;
  name: string;
  sqlHa: PlanOptions['sqlHa'];
  purchaseOption: PlanOptions['purchaseOption'];
  totals: EstimateTotals;
  /** Failing (not suppressed) checks, by rule id. */
  failingChecks: string[];
  instances: number;
}

function summarize(
  id: string | null,
  name: string,
  variant: Pick<Scenario, 'options' | 'topology'>,
  project: Project,
  prices: PriceContext,
): ScenarioSummary {
  const { usage } = resolveUsage(variant.options.usageProfile, variant.options.usageOverrides);
  const estimate = estimateTopology(variant.topology, prices.book, variant.options.purchaseOption, usage);
  const checks = evaluateChecks(variant.topology, project.suppressions);
  return {
    id,
    name,
    sqlHa: variant.options.sqlHa,
    purchaseOption: variant.options.purchaseOption,
    totals: estimate.totals,
    failingChecks: checks.filter((c) => c.status === 'fail').map((c) => c.ruleId),
    instances: variant.topology.nodes.filter((n) => n.kind === 'ec2-instance').length,
  };
}

/**
 * The working copy and every scenario side by side: monthly, yearly and upfront totals under each
 * one's purchase option, and the checks each fails. Priced per node with the estimate's cache, so
 * scenarios that share nodes with the working copy cost little to compare.
 */
export function compareScenarios(project: Project, prices: PriceContext): ScenarioSummary[] {
  return [
    summarize(null, 'Current design', project, project, prices),
    ...project.scenarios.map((s) => summarize(s.id, s.name, s, project, prices)),
  ];
}
