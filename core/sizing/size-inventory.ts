import type { Inventory, SqlEdition } from '../model/inventory';
import type { Issue } from '../model/issue';
import type { PriceBook } from '../pricing/price-book';
import type { InstanceTypeInfo } from '../pricing/snapshot';
import { type InstanceCatalog, buildInstanceCatalog } from './instance-catalog';
import {
  type SizingOptions,
  type SizingResult,
  createSizingMemo,
  effectiveEdition,
  sizeServer,
} from './size-server';

/**
 * RPA runners the automations need, against the runners the inventory lists. One unattended
 * automation runs at a time on a runner, so concurrent automations = runners. A control room's
 * `concurrentAutomations` is the estate's peak; otherwise each runner's own figure counts.
 * The topology decides where extra runners go.
 */
export interface BotRunnerPlan {
  listed: number;
  required: number;
  /** Runners to add (never negative: the plan does not remove servers the customer has). */
  extra: number;
  basis: 'control-room' | 'per-runner';
  /** The type most listed runners were sized to; extra runners are the same. */
  instanceType: string | null;
  rationale: string;
}

export interface InventorySizing {
  results: SizingResult[];
  issues: Issue[];
  botRunners: BotRunnerPlan | null;
}

/** Sizes every server; one catalog per licence model, built once. */
export function sizeInventory(
  inventory: Inventory,
  instanceTypes: readonly InstanceTypeInfo[],
  book: PriceBook,
  options: SizingOptions,
): InventorySizing {
  const catalogs = new Map<SqlEdition, InstanceCatalog>();
  const catalogFor = (edition: SqlEdition): InstanceCatalog => {
    let c = catalogs.get(edition);
    if (!c) {
      c = buildInstanceCatalog(instanceTypes, book, edition);
      catalogs.set(edition, c);
    }
    return c;
  };
  const results: SizingResult[] = [];
  const issues: Issue[] = [];
  const memo = createSizingMemo();
  for (const server of inventory.servers) {
    const sized = sizeServer(server, catalogFor(effectiveEdition(server)), options, memo);
    results.push(sized.result);
    issues.push(...sized.issues);
  }
  const botRunners = planBotRunners(inventory, results);
  if (botRunners && botRunners.extra > 0)
    issues.push({
      code: 'sizing.more-runners-needed',
      severity: 'warning',
      message: `The automations need ${botRunners.required} bot runners at once; the inventory lists ${botRunners.listed}, so ${botRunners.extra} more ${botRunners.extra === 1 ? 'is' : 'are'} needed.`,
      hint: 'Add the runners to the design (one automation runs per runner at a time), or confirm the concurrency figure.',
    });
  return { results, issues, botRunners };
}

export function planBotRunners(inventory: Inventory, results: readonly SizingResult[]): BotRunnerPlan | null {
  const bots = inventory.servers.filter((s) => s.role === 'bot');
  const controlRoomPeaks = inventory.servers
    .filter((s) => s.role === 'control-room' && s.concurrentAutomations !== null)
    .map((s) => s.concurrentAutomations as number);
  const perRunner = bots.some((s) => s.concurrentAutomations !== null);
  if (controlRoomPeaks.length === 0 && !perRunner) return null;
  const counts = new Map<string, number>();
  for (const r of results)
    if (r.role === 'bot' && r.chosen)
      counts.set(r.chosen.instanceType, (counts.get(r.chosen.instanceType) ?? 0) + 1);
  const instanceType =
    [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  const listed = bots.length;
  if (controlRoomPeaks.length > 0) {
    const peak = Math.max(...controlRoomPeaks);
    const extra = Math.max(0, peak - listed);
    return {
      listed,
      required: peak,
      extra,
      basis: 'control-room',
      instanceType,
      rationale: `The control room runs up to ${peak} automations at once; one runs per bot runner, so ${peak} runners are needed and ${listed} are listed${extra > 0 ? `: ${extra} more${instanceType ? ` ${instanceType}` : ''}` : ''}.`,
    };
  }
  const required = bots.reduce((a, s) => a + Math.max(1, s.concurrentAutomations ?? 1), 0);
  const extra = Math.max(0, required - listed);
  return {
    listed,
    required,
    extra,
    basis: 'per-runner',
    instanceType,
    rationale: `The listed runners must run ${required} automations at once; one runs per bot runner, so ${required} runners are needed and ${listed} are listed${extra > 0 ? `: ${extra} more${instanceType ? ` ${instanceType}` : ''}` : ''}.`,
  };
}
