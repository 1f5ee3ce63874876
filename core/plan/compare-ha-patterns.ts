import type { Inventory, SqlEdition } from '../model/inventory';
import { SQL_HA_PATTERNS, type PlanOptions, type PurchaseOption, type SqlHaPattern } from '../model/options';
import type { Suppression } from '../model/suppression';
import { nodesOfKind, type Topology } from '../model/topology';
import { estimateTopology, monthlyByResource } from '../pricing/estimate';
import { resolveUsage } from '../pricing/usage';
import type { RuleSeverity } from '../security/rule';
import { evaluateChecks } from '../security/evaluate';
import type { SizingResult } from '../sizing/size-server';
import { buildTopology } from '../topology/build-topology';
import { haPattern } from '../topology/ha-patterns';
import { Money, toCents } from '../util/money';
import type { PriceContext } from './plan-project';

/** SQL Server licences a pattern deploys: per platform and edition, how many and how large. */
export interface LicenceLine {
  platform: 'ec2' | 'rds';
  edition: SqlEdition;
  count: number;
  /** vCPUs each instance is licensed for (Optimize CPUs lowers it); null when the type is unknown. */
  vcpuEach: number | null;
  /** "2 × SQL Server Enterprise on EC2, 32 vCPUs each (64 licensed)" */
  text: string;
}

/** One row of the HA comparison: what the pattern costs, licenses, promises and leaves open. */
export interface HaComparisonRow {
  pattern: SqlHaPattern;
  title: string;
  summary: string;
  /** The project's current pattern. */
  selected: boolean;
  highlyAvailable: boolean;
  fits: boolean;
  fitReasons: string[];
  purchaseOption: PurchaseOption;
  /** The whole design with this pattern, per month and per year; priced lines only (decimal USD). */
  monthlyUsd: string;
  yearlyUsd: string;
  /** The database tier alone: SQL Server instances or RDS, FSx, the directory and its secret. */
  databaseMonthlyUsd: string;
  /** Monthly difference to the project's current pattern ("+1234.56", "-80.00", "0.00"). */
  deltaMonthlyUsd: string;
  /** Lines without a price: when > 0 the figures are a lower bound. */
  linesWithoutPrice: number;
  licensing: string;
  licences: LicenceLine[];
  rpo: string;
  rto: string;
  serverFailure: string;
  azFailure: string;
  constraints: string[];
  operations: string[];
  /** Checklist rules that fail with this pattern (suppressed ones do not count). */
  failingChecks: { ruleId: string; title: string; severity: RuleSeverity; detail: string }[];
}

const EDITION_NAME: Record<SqlEdition, string> = {
  none: 'none',
  express: 'Express',
  web: 'Web',
  standard: 'Standard',
  enterprise: 'Enterprise',
};

/** Nodes whose cost is the database tier's. */
function databaseNodeIds(topology: Topology): Set<string> {
  const ids = new Set<string>();
  for (const n of topology.nodes) {
    if (
      (n.kind === 'ec2-instance' && n.role === 'sql') ||
      n.kind === 'rds-sql-server' ||
      n.kind === 'fsx-windows' ||
      n.kind === 'directory-service'
    )
      ids.add(n.id);
  }
  // The directory's admin password belongs with the directory.
  if (nodesOfKind(topology, 'directory-service').length > 0) ids.add('secret-directory-admin');
  return ids;
}

function licenceLines(topology: Topology, prices: PriceContext): LicenceLine[] {
  const vcpuOf = new Map(prices.instanceTypes.map((t) => [t.instanceType, t.vcpu]));
  const lines: LicenceLine[] = [];
  const ec2 = new Map<string, { edition: SqlEdition; count: number; vcpuEach: number | null }>();
  for (const n of nodesOfKind(topology, 'ec2-instance')) {
    if (n.role !== 'sql' || n.sqlEdition === 'none') continue;
    const vcpu = n.optimizeCpu
      ? n.optimizeCpu.coreCount * n.optimizeCpu.threadsPerCore
      : (vcpuOf.get(n.instanceType) ?? null);
    const key = `${n.sqlEdition}|${vcpu ?? '?'}`;
    const entry = ec2.get(key) ?? { edition: n.sqlEdition, count: 0, vcpuEach: vcpu };
    entry.count += 1;
    ec2.set(key, entry);
  }
  for (const e of ec2.values()) {
    const size =
      e.vcpuEach === null
        ? 'size to confirm'
        : `${e.vcpuEach} vCPUs each${e.count > 1 ? ` (${e.vcpuEach * e.count} licensed)` : ''}`;
    lines.push({
      platform: 'ec2',
      edition: e.edition,
      count: e.count,
      vcpuEach: e.vcpuEach,
      text: `${e.count} × SQL Server ${EDITION_NAME[e.edition]} on EC2, ${size}`,
    });
  }
  for (const db of nodesOfKind(topology, 'rds-sql-server')) {
    const vcpu = vcpuOf.get(db.instanceClass.replace(/^db\./, '')) ?? null;
    lines.push({
      platform: 'rds',
      edition: db.edition,
      count: 1,
      vcpuEach: vcpu,
      text: `1 × SQL Server ${EDITION_NAME[db.edition]} on RDS${db.multiAz ? ' Multi-AZ' : ''} (${db.instanceClass}${vcpu !== null ? `, ${vcpu} vCPUs` : ''}), licence in the RDS price`,
    });
  }
  return lines;
}

function signed(value: Money): string {
  const cents = toCents(value);
  return value.gt(0) ? `+${cents}` : cents;
}

/**
 * Every SQL Server HA pattern for the same inventory, sizing and options, side by side: the design
 * is built with each pattern, priced under the project's purchase option and usage, and checked.
 * Pure and deterministic; rows come in the order of SQL_HA_PATTERNS.
 */
export function compareHaPatterns(
  inventory: Inventory,
  sizing: readonly SizingResult[],
  options: PlanOptions,
  prices: PriceContext,
  suppressions: readonly Suppression[] = [],
): HaComparisonRow[] {
  const { usage } = resolveUsage(options.usageProfile, options.usageOverrides);
  const built = SQL_HA_PATTERNS.map((pattern) => {
    const topology = buildTopology(inventory, sizing, { ...options, sqlHa: pattern });
    const estimate = estimateTopology(topology, prices.book, options.purchaseOption, usage);
    const checks = evaluateChecks(topology, suppressions);
    return { pattern, topology, estimate, checks };
  });
  const current = built.find((b) => b.pattern === options.sqlHa) ?? built[0];
  const currentMonthly = new Money(current?.estimate.totals.monthlyUsd ?? '0');
  return built.map(({ pattern, topology, estimate, checks }) => {
    const module = haPattern(pattern);
    const fit = module.fits(inventory, sizing);
    const byResource = monthlyByResource(estimate);
    const database = [...databaseNodeIds(topology)].reduce(
      (acc, id) => acc.plus(byResource.get(id) ?? '0'),
      new Money(0),
    );
    const monthly = new Money(estimate.totals.monthlyUsd);
    return {
      pattern,
      title: module.title,
      summary: module.summary,
      selected: pattern === options.sqlHa,
      highlyAvailable: module.highlyAvailable,
      fits: fit.fits,
      fitReasons: fit.reasons,
      purchaseOption: options.purchaseOption,
      monthlyUsd: estimate.totals.monthlyUsd,
      yearlyUsd: estimate.totals.yearlyUsd,
      databaseMonthlyUsd: toCents(database),
      deltaMonthlyUsd: signed(monthly.minus(currentMonthly)),
      linesWithoutPrice: estimate.totals.linesWithoutPrice,
      licensing: module.licensing,
      licences: licenceLines(topology, prices),
      rpo: module.rpo,
      rto: module.rto,
      serverFailure: module.serverFailure,
      azFailure: module.azFailure,
      constraints: [...module.constraints],
      operations: [...module.operations],
      failingChecks: checks
        .filter((c) => c.status === 'fail')
        .map((c) => ({ ruleId: c.ruleId, title: c.title, severity: c.severity, detail: c.detail })),
    };
  });
}

/** ha-comparison.json, written with the plan: the rows as they are (money as exact decimal strings). */
export function haComparisonJson(rows: readonly HaComparisonRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}
