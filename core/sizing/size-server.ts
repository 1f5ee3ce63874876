import type { Issue } from '../model/issue';
import type { Server, SqlEdition } from '../model/inventory';
import type { Percentile, PlanOptions } from '../model/options';
import { HOURS_PER_MONTH, Money, toCents } from '../util/money';
import type { CatalogEntry } from './instance-catalog';

/** Floors below which Windows Server and SQL Server do not run comfortably. */
export const WINDOWS_MIN_VCPU = 2;
export const WINDOWS_MIN_MEMORY_GIB = 4;
/** SQL Server Standard and Enterprise are licensed for at least 4 cores. */
export const SQL_MIN_VCPU = 4;

export type Confidence = 'high' | 'medium' | 'low';

export interface SizedInstance {
  instanceType: string;
  vcpu: number;
  memoryGib: number;
  hourlyUsd: string;
  derivedPrice: boolean;
}

export interface Alternative extends SizedInstance {
  /** Extra monthly cost over the chosen type (730 h), rounded to cents. */
  monthlyDeltaUsd: string;
}

/** One entry of sizing.json (ARCHITECTURE.md contract). */
export interface SizingResult {
  serverId: string;
  server: string;
  role: Server['role'];
  sqlEdition: SqlEdition;
  current: { vcpu: number; memoryGib: number; storageGib: number };
  /** Utilisation at the percentile sizing used. */
  utilization: { percentile: Percentile; cpuPct: number | null; memoryPct: number | null };
  required: { vcpu: number; memoryGib: number };
  chosen: SizedInstance | null;
  alternatives: Alternative[];
  confidence: Confidence;
  rationale: string;
}

/** Edition the instance is licensed for: a SQL server without a stated edition is priced as Standard. */
export function effectiveEdition(server: Server): SqlEdition {
  if (server.role === 'sql' && (server.sqlEdition === 'none' || server.sqlEdition === 'express'))
    return server.sqlEdition === 'express' ? 'express' : 'standard';
  return server.sqlEdition;
}

function round2(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}

/**
 * Requirement from measured utilisation: allocated × utilisation at the chosen percentile × headroom,
 * with Windows/SQL floors.
 * SQL Server keeps its memory: it caches data up to what it is given, so OS "used memory" says little.
 */
export function requiredCapacity(
  server: Server,
  options: Pick<PlanOptions, 'headroom' | 'percentile'>,
): { vcpu: number; memoryGib: number; notes: string[] } {
  const notes: string[] = [];
  const isSql = server.role === 'sql';
  const p = options.percentile;
  const cpuPct = server.cpu[p];
  const memPct = server.memory[p];
  let vcpu: number;
  if (cpuPct === null) {
    vcpu = server.vcpu;
    notes.push(`no CPU utilisation given, so ${server.vcpu} vCPU as on premises`);
  } else {
    const raw = server.vcpu * (cpuPct / 100) * options.headroom;
    vcpu = Math.max(1, Math.ceil(raw - 1e-9));
    notes.push(
      `${server.vcpu} vCPU × ${cpuPct}% ${p} × ${options.headroom} headroom = ${round2(raw)} → ${vcpu} vCPU`,
    );
  }
  let memoryGib: number;
  if (isSql) {
    memoryGib = server.memoryGib;
    notes.push(
      `SQL Server keeps its ${server.memoryGib} GiB (it uses what it is given, so OS memory figures do not show its need)`,
    );
  } else if (memPct === null) {
    memoryGib = server.memoryGib;
    notes.push(`no memory utilisation given, so ${server.memoryGib} GiB as on premises`);
  } else {
    const raw = server.memoryGib * (memPct / 100) * options.headroom;
    memoryGib = Math.ceil(raw * 10 - 1e-9) / 10;
    notes.push(
      `${server.memoryGib} GiB × ${memPct}% ${p} × ${options.headroom} headroom = ${round2(raw)} → ${memoryGib} GiB`,
    );
  }
  const minVcpu = isSql ? SQL_MIN_VCPU : WINDOWS_MIN_VCPU;
  if (vcpu < minVcpu) {
    notes.push(
      `raised to ${minVcpu} vCPU, the minimum for ${isSql ? 'SQL Server licensing' : 'Windows Server'}`,
    );
    vcpu = minVcpu;
  }
  if (memoryGib < WINDOWS_MIN_MEMORY_GIB) {
    notes.push(`raised to ${WINDOWS_MIN_MEMORY_GIB} GiB, the minimum for Windows Server`);
    memoryGib = WINDOWS_MIN_MEMORY_GIB;
  }
  return { vcpu, memoryGib, notes };
}

export function confidenceOf(server: Server, percentile: Percentile): Confidence {
  const known =
    (server.cpu[percentile] !== null ? 1 : 0) +
    (server.memory[percentile] !== null || server.role === 'sql' ? 1 : 0);
  return known === 2 ? 'high' : known === 1 ? 'medium' : 'low';
}

/** Cheapest first; ties to fewer vCPU, then less memory, then name, so the choice is stable. */
export function byPrice(a: CatalogEntry, b: CatalogEntry): number {
  return (
    new Money(a.hourlyUsd).cmp(b.hourlyUsd) ||
    a.vcpu - b.vcpu ||
    a.memoryGib - b.memoryGib ||
    a.instanceType.localeCompare(b.instanceType)
  );
}

/** The first `count` entries of a price-sorted catalog that meet the requirement. */
function cheapestFits(
  sortedCatalog: readonly CatalogEntry[],
  vcpu: number,
  memoryGib: number,
  count: number,
): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const e of sortedCatalog) {
    if (e.vcpu >= vcpu && e.memoryGib >= memoryGib) {
      out.push(e);
      if (out.length === count) break;
    }
  }
  return out;
}

function sized(e: CatalogEntry): SizedInstance {
  return {
    instanceType: e.instanceType,
    vcpu: e.vcpu,
    memoryGib: e.memoryGib,
    hourlyUsd: e.hourlyUsd,
    derivedPrice: e.derivedPrice,
  };
}

/**
 * The cheapest catalogued type that meets both requirements, with the next two as alternatives.
 * `catalog` must be priced for the server's licence and sorted with `byPrice` (buildInstanceCatalog does both).
 */
export function sizeServer(
  server: Server,
  catalog: readonly CatalogEntry[],
  options: Pick<PlanOptions, 'headroom' | 'region' | 'percentile'>,
): { result: SizingResult; issues: Issue[] } {
  const req = requiredCapacity(server, options);
  const edition = effectiveEdition(server);
  const fits = cheapestFits(catalog, req.vcpu, req.memoryGib, 3);
  const best = fits[0];
  const issues: Issue[] = [];
  const base = {
    serverId: server.id,
    server: server.name,
    role: server.role,
    sqlEdition: edition,
    current: { vcpu: server.vcpu, memoryGib: server.memoryGib, storageGib: server.storageGib },
    utilization: {
      percentile: options.percentile,
      cpuPct: server.cpu[options.percentile],
      memoryPct: server.memory[options.percentile],
    },
    required: { vcpu: req.vcpu, memoryGib: req.memoryGib },
    confidence: confidenceOf(server, options.percentile),
  };
  if (server.role === 'sql' && server.sqlEdition === 'none') {
    issues.push({
      code: 'sizing.sql-edition-missing',
      severity: 'warning',
      message: `${server.name} is a SQL Server but no edition was given; it is priced as SQL Server Standard.`,
      hint: 'Set sql_edition (web, standard or enterprise) in the inventory.',
      ...(server.source
        ? { path: { file: server.source.file, row: server.source.row, column: 'sql_edition' } }
        : {}),
    });
  }
  if (!best) {
    issues.push({
      code: 'sizing.no-instance-fits',
      severity: 'error',
      message: `${server.name}: no current-generation Windows instance in ${options.region} has ${req.vcpu} vCPU and ${req.memoryGib} GiB.`,
      hint: 'Check the server’s vCPU and memory figures, or split the workload across servers.',
      ...(server.source ? { path: { file: server.source.file, row: server.source.row } } : {}),
    });
    return {
      result: {
        ...base,
        chosen: null,
        alternatives: [],
        rationale: `${req.notes.join('; ')}. No instance type fits.`,
      },
      issues,
    };
  }
  const bestMonthly = new Money(best.hourlyUsd).times(HOURS_PER_MONTH);
  const alternatives = fits.slice(1, 3).map((e) => ({
    ...sized(e),
    monthlyDeltaUsd: toCents(new Money(e.hourlyUsd).times(HOURS_PER_MONTH).minus(bestMonthly)),
  }));
  const priceNote = best.derivedPrice ? ' (derived License Included price)' : '';
  const rationale =
    `${req.notes.join('; ')}. Cheapest current-generation Windows License Included type in ${options.region} ` +
    `with at least ${req.vcpu} vCPU and ${req.memoryGib} GiB: ${best.instanceType} (${best.vcpu} vCPU, ${best.memoryGib} GiB) at $${best.hourlyUsd}/h${priceNote}.`;
  return { result: { ...base, chosen: sized(best), alternatives, rationale }, issues };
}
