import type { Issue } from '../model/issue';
import type { Server, SqlEdition, Utilization } from '../model/inventory';
import type { Percentile, PlanOptions } from '../model/options';
import { PERCENTILES } from '../model/options';
import { HOURS_PER_MONTH, Money, toCents } from '../util/money';
import { type CpuOptions, fewestActiveVcpu, licenceIsPerVcpu, priceWithActiveVcpu } from './cpu-options';
import { type PlannedVolume, planVolumes } from './ebs-volumes';
import { type FamilyRule, type SqlExtraFamily, familyRuleFor } from './family-policy';
import { type CatalogEntry, type InstanceCatalog, byPrice, comparePrices } from './instance-catalog';

/** Floors below which Windows Server and SQL Server do not run comfortably. */
export const WINDOWS_MIN_VCPU = 2;
export const WINDOWS_MIN_MEMORY_GIB = 4;
/** SQL Server Standard and Enterprise are licensed for at least 4 cores. */
export const SQL_MIN_VCPU = 4;
/** SQL Server Standard: at most 24 cores and a 128 GB buffer pool; Web: 16 cores, 64 GB. */
export const SQL_EDITION_CAPS: Partial<Record<SqlEdition, { cores: number; bufferPoolGb: number }>> = {
  standard: { cores: 24, bufferPoolGb: 128 },
  web: { cores: 16, bufferPoolGb: 64 },
};

export type Confidence = 'high' | 'medium' | 'low';
/** Where a utilisation figure came from: the chosen percentile, a fallback, or the average. */
export type UtilizationSource = Percentile | 'avg';

export interface SizedInstance {
  instanceType: string;
  vcpu: number;
  memoryGib: number;
  /** Exact decimal USD per hour under the server's licence, with Optimize CPUs applied when set. */
  hourlyUsd: string;
  derivedPrice: boolean;
  /** vCPUs licensed and running: all of them unless Optimize CPUs switches some off. */
  activeVcpu: number;
  burstable: boolean;
}

export interface Alternative extends SizedInstance {
  /** Monthly cost over the chosen type (730 h), rounded to cents; negative when cheaper (a pinned choice). */
  monthlyDeltaUsd: string;
}

export interface OptimizeCpuResult extends CpuOptions {
  /** Licence saved a month against every vCPU active, to the cent. */
  monthlySavingUsd: string;
}

export interface PinResult {
  instanceType: string;
  /** The pinned type has the required vCPU and memory. */
  meetsRequirement: boolean;
  /** What sizing would choose without the pin. */
  recommended: SizedInstance | null;
  /** Pinned minus recommended, a month (730 h), to the cent. */
  monthlyDeltaUsd: string | null;
}

export interface RunnerNeed {
  concurrentAutomations: number;
  /** One unattended automation runs at a time per runner session (one session per runner). */
  runnersNeeded: number;
}

/** One entry of sizing.json (ARCHITECTURE.md contract, extended). */
export interface SizingResult {
  serverId: string;
  server: string;
  role: Server['role'];
  sqlEdition: SqlEdition;
  current: { vcpu: number; memoryGib: number; storageGib: number };
  /** Utilisation sizing used: the chosen percentile, or the fallback named in `cpuSource`/`memorySource`. */
  utilization: {
    percentile: Percentile;
    cpuPct: number | null;
    memoryPct: number | null;
    cpuSource: UtilizationSource | null;
    memorySource: UtilizationSource | null;
  };
  required: { vcpu: number; memoryGib: number; iops: number | null };
  chosen: SizedInstance | null;
  alternatives: Alternative[];
  confidence: Confidence;
  /** One sentence a customer can read. */
  rationale: string;
  /** Every step behind the sentence, for the expandable grid row and the proposal. */
  details: string[];
  /** The family rule applied, e.g. "memory-optimised (r)". */
  family: string;
  /** Optimize CPUs for License Included SQL Server; the topology sets it on the instance. */
  optimizeCpu: OptimizeCpuResult | null;
  /** EBS volumes for the instance; the topology uses them. */
  volumes: PlannedVolume[];
  pin: PinResult | null;
  runners: RunnerNeed | null;
}

export type SizingOptions = Pick<PlanOptions, 'headroom' | 'region' | 'percentile'> &
  Partial<Pick<PlanOptions, 'allowBurstable'>> & {
    /** SQL Server families beyond r/x2iedn the architect asked for. */
    sqlExtraFamilies?: readonly SqlExtraFamily[];
  };

/** Edition the instance is licensed for: a SQL server without a stated edition is priced as Standard. */
export function effectiveEdition(server: Server): SqlEdition {
  if (server.role === 'sql' && (server.sqlEdition === 'none' || server.sqlEdition === 'express'))
    return server.sqlEdition === 'express' ? 'express' : 'standard';
  return server.sqlEdition;
}

function fmt(n: number, digits = 1): string {
  // Math.round(x × f) ÷ f prints as its shortest decimal: 15.6, 15, 9.57.
  const f = 10 ** digits;
  return String(Math.round(n * f) / f);
}

export interface UtilizationReading {
  value: number;
  source: UtilizationSource;
  /** The chosen percentile itself, not a fallback. */
  exact: boolean;
}

/**
 * The figure at the chosen percentile, or the nearest one there is: higher percentiles first (they
 * over-size a little, never under-size), then lower ones, then the average.
 */
const FALLBACK_ORDER: Readonly<Record<Percentile, readonly UtilizationSource[]>> = Object.fromEntries(
  PERCENTILES.map((p, i) => [
    p,
    [p, ...PERCENTILES.slice(i + 1), ...PERCENTILES.slice(0, i).reverse(), 'avg'],
  ]),
) as unknown as Record<Percentile, readonly UtilizationSource[]>;

export function pickUtilization(u: Utilization, p: Percentile): UtilizationReading | null {
  for (const source of FALLBACK_ORDER[p]) {
    const value = u[source];
    if (value !== null) return { value, source, exact: source === p };
  }
  return null;
}

function sourceText(r: UtilizationReading, p: Percentile): string {
  const name = r.source === 'avg' ? 'average' : r.source;
  return r.exact ? `${name} ${fmt(r.value)}%` : `${name} ${fmt(r.value)}% (no ${p})`;
}

export interface Requirement {
  vcpu: number;
  memoryGib: number;
  cpu: UtilizationReading | null;
  memory: UtilizationReading | null;
  /** Sentence parts: "8 vCPU at p95 30% × 1.3 = 3.1 → 4 vCPU". */
  cpuText: string;
  memoryText: string;
  /** Longer explanations for the details list. */
  notes: string[];
}

/**
 * Requirement from measured utilisation: allocated × utilisation at the chosen percentile × comfort
 * factor, with Windows/SQL floors. SQL Server keeps its memory: it caches data up to what it is
 * given, so OS "used memory" says little about what it needs.
 */
export function requiredCapacity(
  server: Server,
  options: Pick<PlanOptions, 'headroom' | 'percentile'>,
): Requirement {
  const notes: string[] = [];
  const isSql = server.role === 'sql';
  const p = options.percentile;
  const h = options.headroom;
  const cpu = pickUtilization(server.cpu, p);
  const memory = isSql ? null : pickUtilization(server.memory, p);
  let vcpu: number;
  let cpuText: string;
  if (cpu === null) {
    vcpu = server.vcpu;
    cpuText = `${server.vcpu} vCPU kept (no CPU figures)`;
    notes.push(`No CPU utilisation in the inventory, so ${server.vcpu} vCPU as on premises.`);
  } else {
    const raw = server.vcpu * (cpu.value / 100) * h;
    vcpu = Math.max(1, Math.ceil(raw - 1e-9));
    cpuText = `${server.vcpu} vCPU at ${sourceText(cpu, p)} × ${h} = ${raw.toFixed(1)} → ${vcpu} vCPU`;
    notes.push(
      `CPU: ${server.vcpu} vCPU × ${fmt(cpu.value)}% (${cpu.source === 'avg' ? 'average' : cpu.source}) × comfort factor ${h} = ${fmt(raw, 2)}, rounded up to ${vcpu} vCPU.` +
        (cpu.exact
          ? ''
          : ` The inventory has no ${p} CPU figure, so the ${cpu.source === 'avg' ? 'average' : cpu.source} was used.`),
    );
  }
  let memoryGib: number;
  let memoryText: string;
  if (isSql) {
    memoryGib = server.memoryGib;
    memoryText = `${server.memoryGib} GiB kept for the SQL buffer pool`;
    notes.push(
      `Memory: SQL Server keeps its ${server.memoryGib} GiB — it uses what it is given as buffer pool, so OS memory figures do not show its need.`,
    );
  } else if (memory === null) {
    memoryGib = server.memoryGib;
    memoryText = `${server.memoryGib} GiB kept (no memory figures)`;
    notes.push(`No memory utilisation in the inventory, so ${server.memoryGib} GiB as on premises.`);
  } else {
    const raw = server.memoryGib * (memory.value / 100) * h;
    memoryGib = Math.ceil(raw * 10 - 1e-9) / 10;
    memoryText = `${server.memoryGib} GiB at ${sourceText(memory, p)} × ${h} = ${raw.toFixed(1)} → ${fmt(memoryGib)} GiB`;
    notes.push(
      `Memory: ${server.memoryGib} GiB × ${fmt(memory.value)}% (${memory.source === 'avg' ? 'average' : memory.source}) × ${h} = ${fmt(raw, 2)} GiB.` +
        (memory.exact
          ? ''
          : ` The inventory has no ${p} memory figure, so the ${memory.source === 'avg' ? 'average' : memory.source} was used.`),
    );
  }
  const minVcpu = isSql ? SQL_MIN_VCPU : WINDOWS_MIN_VCPU;
  if (vcpu < minVcpu) {
    notes.push(
      `Raised to ${minVcpu} vCPU, the minimum for ${isSql ? 'SQL Server licensing' : 'Windows Server'}.`,
    );
    cpuText = `${cpuText.replace(/ → \d+ vCPU$/, '')} → ${minVcpu} vCPU (the ${isSql ? 'SQL Server' : 'Windows'} minimum)`;
    vcpu = minVcpu;
  }
  if (memoryGib < WINDOWS_MIN_MEMORY_GIB) {
    notes.push(`Raised to ${WINDOWS_MIN_MEMORY_GIB} GiB, the minimum for Windows Server.`);
    memoryText = `${memoryText.replace(/ → [\d.]+ GiB$/, '')} → ${WINDOWS_MIN_MEMORY_GIB} GiB (the Windows minimum)`;
    memoryGib = WINDOWS_MIN_MEMORY_GIB;
  }
  return { vcpu, memoryGib, cpu, memory, cpuText, memoryText, notes };
}

/**
 * Confidence from data coverage: CPU and memory each count 2 when measured at the chosen percentile,
 * less for a fallback (a higher percentile 1.5, a lower one 1, an average 0.5) and 0 when missing
 * (SQL Server's memory is kept, so it counts 2). 4 = high, 2 or more = medium, below = low.
 */
export function confidenceOf(server: Server, percentile: Percentile): Confidence {
  return confidenceFrom(
    pickUtilization(server.cpu, percentile),
    server.role === 'sql' ? 'kept' : pickUtilization(server.memory, percentile),
    percentile,
  );
}

/** Measured at the percentile 2, a higher percentile 1.5, a lower one 1, only an average 0.5, nothing 0. */
function score(r: UtilizationReading | null | 'kept', percentile: Percentile): number {
  if (r === 'kept') return 2;
  if (r === null) return 0;
  if (r.exact) return 2;
  if (r.source === 'avg') return 0.5;
  return PERCENTILES.indexOf(r.source) > PERCENTILES.indexOf(percentile) ? 1.5 : 1;
}

function confidenceFrom(
  cpu: UtilizationReading | null,
  memory: UtilizationReading | null | 'kept',
  percentile: Percentile,
): Confidence {
  const total = score(cpu, percentile) + score(memory, percentile);
  return total >= 4 ? 'high' : total >= 2 ? 'medium' : 'low';
}

function issuePath(server: Server, column?: string): Pick<Issue, 'path'> {
  return server.source
    ? { path: { file: server.source.file, row: server.source.row, ...(column ? { column } : {}) } }
    : {};
}

interface Candidate {
  entry: CatalogEntry;
  hourlyUsd: string;
  cpu: CpuOptions | null;
}

function priced(entry: CatalogEntry, edition: SqlEdition, requiredVcpu: number): Candidate {
  if (licenceIsPerVcpu(edition)) {
    const cpu = fewestActiveVcpu(entry, requiredVcpu);
    const price = cpu ? priceWithActiveVcpu(entry, edition, cpu.activeVcpu) : null;
    if (cpu && price !== null) return { entry, hourlyUsd: price, cpu };
  }
  return { entry, hourlyUsd: entry.hourlyUsd, cpu: null };
}

function byCandidatePrice(a: Candidate, b: Candidate): number {
  return comparePrices(a.hourlyUsd, b.hourlyUsd) || byPrice(a.entry, b.entry);
}

/**
 * The `count` cheapest types that meet the requirement and the family rule. Without per-vCPU
 * licensing the catalog's price order holds, so the scan stops early; with it (SQL Server) every
 * fitting type is priced with Optimize CPUs and re-sorted.
 */
function cheapestFits(
  entries: readonly CatalogEntry[],
  accepts: (e: CatalogEntry) => boolean,
  required: { vcpu: number; memoryGib: number },
  edition: SqlEdition,
  count: number,
): Candidate[] {
  const perVcpu = licenceIsPerVcpu(edition);
  const out: Candidate[] = [];
  for (const e of entries) {
    if (e.vcpu < required.vcpu || e.memoryGib < required.memoryGib || !accepts(e)) continue;
    out.push(priced(e, edition, required.vcpu));
    if (!perVcpu && out.length === count) return out;
  }
  return out.sort(byCandidatePrice).slice(0, count);
}

function sizedFrom(c: Candidate): SizedInstance {
  return {
    instanceType: c.entry.instanceType,
    vcpu: c.entry.vcpu,
    memoryGib: c.entry.memoryGib,
    hourlyUsd: c.hourlyUsd,
    derivedPrice: c.entry.derivedPrice,
    activeVcpu: c.cpu?.activeVcpu ?? c.entry.vcpu,
    burstable: c.entry.burstable,
  };
}

const monthly = (hourly: string) => new Money(hourly).times(HOURS_PER_MONTH);
const deltaUsd = (a: string, b: string) => toCents(monthly(a).minus(monthly(b)));

function usdText(value: string): string {
  const m = new Money(value);
  return `$${m
    .abs()
    .toDecimalPlaces(2)
    .toFixed(2)
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

export function licenceText(edition: SqlEdition): string {
  switch (edition) {
    case 'web':
      return 'Windows with SQL Server Web';
    case 'standard':
      return 'Windows with SQL Server Standard';
    case 'enterprise':
      return 'Windows with SQL Server Enterprise';
    case 'express':
    case 'none':
      return 'Windows';
  }
}

function typeText(c: Candidate): string {
  return c.cpu
    ? `${c.entry.instanceType} with ${c.cpu.coreCount} cores active${c.cpu.threadsPerCore === 2 ? ' (2 threads each)' : ''}`
    : c.entry.instanceType;
}

/** The types that fit one requirement under one family rule: the same for every server with that requirement. */
interface Selection {
  fits: Candidate[];
  family: string;
  familyReason: string;
  fallbackNote: string | null;
  alternatives: Alternative[];
  optimizeCpu: OptimizeCpuResult | null;
  /** The detail lines about the choice (cheapest type, Optimize CPUs, alternatives). */
  choiceLines: string[];
}

/** Selections shared by servers with the same requirement (an estate has few distinct shapes). */
export interface SizingMemo {
  selections: Map<string, Selection>;
  volumes: Map<string, { volumes: PlannedVolume[]; line: string }>;
}

export function createSizingMemo(): SizingMemo {
  return { selections: new Map(), volumes: new Map() };
}

function selectionKey(server: Server, req: Requirement, edition: SqlEdition, options: SizingOptions): string {
  const burst =
    options.allowBurstable && server.role !== 'sql' && server.cpu.avg !== null
      ? `${server.vcpu * server.cpu.avg * options.headroom}`
      : '-';
  return `${edition}|${server.role}|${req.vcpu}|${req.memoryGib}|${burst}|${(options.sqlExtraFamilies ?? []).join(',')}`;
}

function selectInstances(
  server: Server,
  req: Requirement,
  catalog: InstanceCatalog,
  edition: SqlEdition,
  options: SizingOptions,
): Selection {
  const rule: FamilyRule = familyRuleFor({
    server,
    required: req,
    headroom: options.headroom,
    allowBurstable: options.allowBurstable ?? false,
    sqlExtraFamilies: options.sqlExtraFamilies ?? [],
  });
  let fits = cheapestFits(catalog.entries, rule.accepts, req, edition, 3);
  let family = rule.label;
  let fallbackNote: string | null = null;
  if (fits.length === 0) {
    const any = cheapestFits(catalog.entries, (e) => !e.burstable, req, edition, 3);
    if (any.length > 0) {
      fits = any;
      family = 'any family (none of the role’s families is large enough)';
      fallbackNote = `No ${rule.label} type is large enough, so every family was considered.`;
    }
  }
  const best = fits[0];
  const alternatives = best
    ? fits
        .slice(1, 3)
        .map((c) => ({ ...sizedFrom(c), monthlyDeltaUsd: deltaUsd(c.hourlyUsd, best.hourlyUsd) }))
    : [];
  const optimizeCpu = best ? optimizeResult(best) : null;
  const choiceLines: string[] = [];
  if (best) {
    choiceLines.push(
      `Cheapest current-generation ${family} type in ${options.region} with at least ${req.vcpu} vCPU and ${fmt(req.memoryGib)} GiB, priced ${licenceText(edition)} licence included: ` +
        `${best.entry.instanceType} (${best.entry.vcpu} vCPU, ${best.entry.memoryGib} GiB) at $${best.hourlyUsd}/h${best.entry.derivedPrice ? ' (derived License Included price)' : ''}.`,
    );
    if (optimizeCpu)
      choiceLines.push(
        `Optimize CPUs: ${optimizeCpu.coreCount} cores × ${optimizeCpu.threadsPerCore} thread${optimizeCpu.threadsPerCore === 1 ? '' : 's'} = ${optimizeCpu.activeVcpu} of ${best.entry.vcpu} vCPU active, so the licence is billed for ${optimizeCpu.activeVcpu} vCPU: ${usdText(optimizeCpu.monthlySavingUsd)} a month less (price computed from the Linux and licence parts of the catalog price).`,
      );
    if (alternatives.length > 0)
      choiceLines.push(
        `Next cheapest: ${alternatives
          .map(
            (a) =>
              `${a.instanceType}${a.activeVcpu < a.vcpu ? ` (${a.activeVcpu} vCPU active)` : ''} ${new Money(a.monthlyDeltaUsd).isZero() ? 'at the same price' : `+${usdText(a.monthlyDeltaUsd)} a month`}`,
          )
          .join('; ')}.`,
      );
  }
  return {
    fits,
    family,
    familyReason: `${rule.reason}.`,
    fallbackNote,
    alternatives,
    optimizeCpu,
    choiceLines,
  };
}

/**
 * Sizes one server: the requirement, the family rule for its role, the cheapest catalogued type that
 * meets both under its licence (with Optimize CPUs for License Included SQL Server), the next two as
 * alternatives, the architect's pin if any, its EBS volumes, and a sentence saying why.
 */
export function sizeServer(
  server: Server,
  catalog: InstanceCatalog,
  options: SizingOptions,
  memo?: SizingMemo,
): { result: SizingResult; issues: Issue[] } {
  const req = requiredCapacity(server, options);
  const edition = effectiveEdition(server);
  const issues: Issue[] = [];
  const details = [...req.notes];
  const key = memo ? selectionKey(server, req, edition, options) : '';
  let selection = memo?.selections.get(key);
  if (!selection) {
    selection = selectInstances(server, req, catalog, edition, options);
    memo?.selections.set(key, selection);
  }
  const { fits, family } = selection;
  details.push(selection.familyReason);
  if (selection.fallbackNote) details.push(selection.fallbackNote);
  const volumeKey = `${server.role === 'sql' ? 'sql' : 'app'}|${server.storageGib}|${server.diskIopsP95}|${options.headroom}`;
  let planned = memo?.volumes.get(volumeKey);
  if (!planned) {
    const volumes = planVolumes(server, options.headroom);
    planned = {
      volumes,
      line: `Volumes: ${volumes.map((v) => `${v.name} ${v.sizeGib} GiB ${v.type}${v.type !== 'gp3' || v.iops > 3000 ? ` ${v.iops} IOPS` : ''}`).join('; ')}.`,
    };
    memo?.volumes.set(volumeKey, planned);
  }
  const volumes = planned.volumes;
  const runners: RunnerNeed | null =
    server.role === 'bot' && server.concurrentAutomations !== null
      ? {
          concurrentAutomations: server.concurrentAutomations,
          runnersNeeded: Math.max(1, server.concurrentAutomations),
        }
      : null;
  const utilization: SizingResult['utilization'] = {
    percentile: options.percentile,
    cpuPct: req.cpu?.value ?? null,
    memoryPct: req.memory?.value ?? null,
    cpuSource: req.cpu?.source ?? null,
    memorySource: req.memory?.source ?? null,
  };
  const confidence = confidenceFrom(req.cpu, server.role === 'sql' ? 'kept' : req.memory, options.percentile);
  // Built field by field (no object spread): sizing 10,000 servers makes 10,000 of these.
  const resultWith = (
    chosen: SizedInstance | null,
    alternatives: Alternative[],
    optimizeCpu: OptimizeCpuResult | null,
    pin: PinResult | null,
    rationale: string,
    detailLines: string[],
  ): SizingResult => ({
    serverId: server.id,
    server: server.name,
    role: server.role,
    sqlEdition: edition,
    current: { vcpu: server.vcpu, memoryGib: server.memoryGib, storageGib: server.storageGib },
    utilization,
    required: {
      vcpu: req.vcpu,
      memoryGib: req.memoryGib,
      iops: server.diskIopsP95 === null ? null : Math.ceil(server.diskIopsP95 * options.headroom),
    },
    chosen,
    alternatives,
    confidence,
    rationale,
    details: detailLines,
    family,
    optimizeCpu,
    volumes,
    pin,
    runners,
  });

  if (server.role === 'sql' && server.sqlEdition === 'none')
    issues.push({
      code: 'sizing.sql-edition-missing',
      severity: 'warning',
      message: `${server.name} is a SQL Server but no edition was given; it is priced as SQL Server Standard.`,
      hint: 'Set the SQL edition (web, standard or enterprise) in the inventory grid.',
      ...issuePath(server, 'sql_edition'),
    });
  const cap = server.role === 'sql' ? SQL_EDITION_CAPS[edition] : undefined;
  if (cap && req.vcpu > cap.cores) {
    issues.push({
      code: 'sizing.sql-edition-core-cap',
      severity: 'warning',
      message: `${server.name} needs ${req.vcpu} vCPU, but SQL Server ${edition} uses at most ${cap.cores} cores.`,
      hint: 'Plan SQL Server Enterprise for this server, or confirm the workload fits the edition’s limit.',
      ...issuePath(server, 'sql_edition'),
    });
    details.push(
      `SQL Server ${edition} uses at most ${cap.cores} cores: Enterprise edition is suggested for ${req.vcpu} vCPU.`,
    );
  }
  if (cap && server.memoryGib > cap.bufferPoolGb) {
    issues.push({
      code: 'sizing.sql-edition-memory-cap',
      severity: 'warning',
      message: `${server.name} keeps ${server.memoryGib} GiB, but SQL Server ${edition}'s buffer pool is capped at ${cap.bufferPoolGb} GB; the rest serves Windows and other caches.`,
      hint: 'Plan SQL Server Enterprise if the database needs the memory, or keep it: memory is never cut from SQL Server.',
      ...issuePath(server, 'sql_edition'),
    });
    details.push(
      `SQL Server ${edition}'s buffer pool is capped at ${cap.bufferPoolGb} GB; Enterprise edition would use all ${server.memoryGib} GiB.`,
    );
  }
  if (runners && runners.runnersNeeded > 1)
    details.push(
      `It must run ${runners.concurrentAutomations} automations at once; one unattended automation runs per runner, so ${runners.runnersNeeded - 1} more runner${runners.runnersNeeded === 2 ? '' : 's'} of this size ${runners.runnersNeeded === 2 ? 'is' : 'are'} needed.`,
    );
  details.push(planned.line);

  const best = fits[0];
  const recommended = best ? sizedFrom(best) : null;
  const pinnedType = server.pinnedInstanceType;
  const pinnedEntry = pinnedType ? catalog.byType.get(pinnedType) : undefined;
  if (pinnedType && !pinnedEntry)
    issues.push({
      code: 'sizing.pin-unavailable',
      severity: 'warning',
      message: `${server.name} is pinned to ${pinnedType}, which has no ${licenceText(edition)} price in ${options.region}; the recommendation is used instead.`,
      hint: 'Pin a type listed in the grid’s instance menu, or clear the pin.',
      ...issuePath(server),
    });

  if (pinnedEntry) {
    const pin = priced(pinnedEntry, edition, Math.min(req.vcpu, pinnedEntry.vcpu));
    const meets = pinnedEntry.vcpu >= req.vcpu && pinnedEntry.memoryGib >= req.memoryGib;
    if (!meets)
      issues.push({
        code: 'sizing.pin-below-requirement',
        severity: 'warning',
        message: `${server.name} is pinned to ${pinnedEntry.instanceType} (${pinnedEntry.vcpu} vCPU, ${pinnedEntry.memoryGib} GiB), below the ${req.vcpu} vCPU and ${req.memoryGib} GiB it needs.`,
        hint: 'Pin a larger type, or clear the pin to use the recommendation.',
        ...issuePath(server),
      });
    if (!pinnedEntry.currentGeneration)
      details.push(
        `${pinnedEntry.instanceType} is a previous-generation type; current generations give more for the price.`,
      );
    const delta = recommended ? deltaUsd(pin.hourlyUsd, recommended.hourlyUsd) : null;
    const deltaText =
      recommended && delta !== null
        ? recommended.instanceType === pinnedEntry.instanceType
          ? ' (the same as the recommendation)'
          : ` (sizing would choose ${recommended.instanceType}, ${usdText(delta)} a month ${new Money(delta).isNegative() ? 'more' : 'less'})`
        : '';
    const chosen = sizedFrom(pin);
    const alternatives = fits
      .filter((c) => c.entry.instanceType !== pinnedEntry.instanceType)
      .slice(0, 2)
      .map((c) => ({ ...sizedFrom(c), monthlyDeltaUsd: deltaUsd(c.hourlyUsd, pin.hourlyUsd) }));
    details.push(
      `Pinned by the architect: ${typeText(pin)} (${pinnedEntry.vcpu} vCPU, ${pinnedEntry.memoryGib} GiB) at $${pin.hourlyUsd}/h, ${licenceText(edition)} licence included${pinnedEntry.derivedPrice ? ' (derived price)' : ''}${meets ? '' : ' — below the requirement'}.`,
    );
    return {
      result: resultWith(
        chosen,
        alternatives,
        optimizeResult(pin),
        {
          instanceType: pinnedEntry.instanceType,
          meetsRequirement: meets,
          recommended,
          monthlyDeltaUsd: delta,
        },
        `${req.cpuText}; ${req.memoryText} → ${typeText(pin)}, pinned by the architect${deltaText}${meets ? '' : ', below the requirement'}.`,
        details,
      ),
      issues,
    };
  }

  if (!best) {
    issues.push({
      code: 'sizing.no-instance-fits',
      severity: 'error',
      message: `${server.name}: no current-generation Windows instance in ${options.region} has ${req.vcpu} vCPU and ${req.memoryGib} GiB.`,
      hint: 'Check the server’s vCPU and memory figures, or split the workload across servers.',
      ...issuePath(server),
    });
    return {
      result: resultWith(null, [], null, null, `${req.cpuText}; ${req.memoryText} → no instance type fits.`, [
        ...details,
        'No instance type in the price catalog is that large.',
      ]),
      issues,
    };
  }
  const { alternatives, optimizeCpu } = selection;
  details.push(...selection.choiceLines);
  if (best.entry.burstable)
    details.push(
      `Burstable: the average CPU (${fmt(server.cpu.avg ?? 0)}% of ${server.vcpu} vCPU × ${options.headroom}) stays within ${best.entry.instanceType}'s baseline, so it earns more CPU credits than it spends.`,
    );
  details.push(
    `Confidence ${confidence}: ${[
      req.cpu
        ? req.cpu.exact
          ? `CPU at ${options.percentile}`
          : `CPU from the ${req.cpu.source === 'avg' ? 'average' : req.cpu.source} (no ${options.percentile})`
        : 'no CPU figures',
      server.role === 'sql'
        ? 'memory kept'
        : req.memory
          ? req.memory.exact
            ? `memory at ${options.percentile}`
            : `memory from the ${req.memory.source === 'avg' ? 'average' : req.memory.source} (no ${options.percentile})`
          : 'no memory figures',
    ].join(', ')}.`,
  );
  return {
    result: resultWith(
      sizedFrom(best),
      alternatives,
      optimizeCpu,
      null,
      `${req.cpuText}; ${req.memoryText} → ${typeText(best)}.`,
      details,
    ),
    issues,
  };
}

function optimizeResult(c: Candidate): OptimizeCpuResult | null {
  if (!c.cpu) return null;
  return { ...c.cpu, monthlySavingUsd: deltaUsd(c.entry.hourlyUsd, c.hourlyUsd) };
}
