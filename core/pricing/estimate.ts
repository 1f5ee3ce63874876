import type { Issue } from '../model/issue';
import type { PurchaseOption } from '../model/options';
import type { Topology, TopologyNode } from '../model/topology';
import { Money, toCents } from '../util/money';
import type { CostComponent } from './cost-component';
import { type PriceFilter, describeFilter, filterKey } from './price-filter';
import type { PriceBook, PriceBookDescription, PriceSource } from './price-book';
import {
  type CommitmentPrice,
  effectiveMonthly,
  parsePurchaseOption,
  priceEc2Commitment,
  priceRdsCommitment,
  purchaseOptionShortLabel,
} from './purchase-options';
import { fsxWindowsComponents, rdsSqlServerComponents } from './resources/database';
import { ec2ArgsFromNode, ec2InstanceComponents } from './resources/ec2-instance';
import {
  directConnectComponents,
  internetGatewayComponents,
  loadBalancerComponents,
  natGatewayComponents,
  route53ZoneComponents,
  vpcComponents,
  vpcEndpointComponents,
  vpnConnectionComponents,
} from './resources/network';
import {
  cloudTrailComponents,
  cloudWatchComponents,
  configRecorderComponents,
  directoryComponents,
  guardDutyComponents,
  wafWebAclComponents,
} from './resources/security-operations';
import { kmsKeyComponents, s3BucketComponents, secretComponents } from './resources/storage-and-keys';
import type { PriceDimension } from './snapshot';
import { COST_TIERS, COST_TIER_LABELS, type CostTier } from './tiers';
import { DEFAULT_USAGE, type ResolvedUsage, USAGE_KEYS, describeUsage } from './usage';

/** A priced cost component: the estimate.json line contract (ARCHITECTURE.md). Money is decimal text. */
export interface EstimateLine {
  resourceId: string;
  resourceName: string;
  service: string;
  component: string;
  unit: string;
  quantity: string;
  /** Exact USD per unit as published (or derived); for tiered prices the first tier's; null when no price was found. */
  unitPriceUsd: string | null;
  /** Recurring monthly cost, rounded to cents; null when no price was found. */
  monthlyUsd: string | null;
  /** One-off fee for the term (Partial / All Upfront), to cents; "0.00" when none; null when no price. */
  upfrontUsd: string | null;
  /** Monthly + upfront ÷ term months, to cents; null when no price. */
  effectiveMonthlyUsd: string | null;
  /** The purchase option this line is priced under (On-Demand for everything RIs and Savings Plans do not cover). */
  purchaseOption: PurchaseOption;
  tier: CostTier;
  attributes: Record<string, string>;
  /** The Price List filter the unit price answers (service code, product family, attributes). */
  priceFilter: string;
  priceNotFound?: { filter: string; reason: string };
  source: PriceSource | null;
  assumption: string | null;
}

export interface EstimateTotals {
  /** Sum of the priced lines' rounded recurring monthly figures, so printed tables add up to the cent. */
  monthlyUsd: string;
  /** monthly × 12 (recurring only; upfront fees are apart). */
  yearlyUsd: string;
  /** Sum of the upfront fees. */
  upfrontUsd: string;
  /** Sum of the lines' effective monthly figures (upfront spread over its term). */
  effectiveMonthlyUsd: string;
  /** Lines without a price; when > 0 the totals are a lower bound and the UI says so. */
  linesWithoutPrice: number;
  /** Lines priced with a derived (not published) figure. */
  linesWithDerivedPrice: number;
}

export interface Estimate {
  region: string;
  currency: 'USD';
  purchaseOption: PurchaseOption;
  usageProfile: ResolvedUsage['profile'];
  priceSource: PriceBookDescription;
  lines: EstimateLine[];
  totals: EstimateTotals;
  assumptions: string[];
  issues: Issue[];
}

/** Components of one node, and whether they depend on other nodes (then they are never cached). */
interface NodeComponents {
  components: CostComponent[];
  shared: boolean;
}

interface DesignCounts {
  instances: number;
  instancesByZone: ReadonlyMap<string, number>;
  nats: number;
}

function componentsForNode(
  node: TopologyNode,
  topology: Topology,
  usage: ResolvedUsage,
  counts: () => DesignCounts,
): NodeComponents {
  const region = topology.region;
  const own = (components: CostComponent[]): NodeComponents => ({ components, shared: false });
  switch (node.kind) {
    case 'ec2-instance':
      return own(ec2InstanceComponents(node, ec2ArgsFromNode(node), region, usage));
    case 'nat-gateway': {
      const c = counts();
      // One NAT gateway per AZ serves the instances in its AZ; a single one serves them all.
      const served = c.nats <= 1 ? c.instances : (c.instancesByZone.get(node.zone) ?? 0);
      return { components: natGatewayComponents(node, region, served, usage), shared: true };
    }
    case 'load-balancer':
      return own(loadBalancerComponents(node, region, usage));
    case 's3-bucket':
      return own(s3BucketComponents(node, region, usage));
    case 'kms-key':
      return own(kmsKeyComponents(node, region, usage));
    case 'internet-gateway':
      return own(internetGatewayComponents(node, region, usage));
    case 'vpc':
      return own(vpcComponents(node, region, usage));
    case 'vpn-connection':
      return own(vpnConnectionComponents(node, region, usage));
    case 'direct-connect':
      return own(directConnectComponents(node, region, usage));
    case 'route53-zone':
      return own(route53ZoneComponents(node, usage));
    case 'vpc-endpoint':
      return own(vpcEndpointComponents(node, region, usage));
    case 'waf-web-acl':
      return own(wafWebAclComponents(node, region, usage));
    case 'directory-service':
      return own(directoryComponents(node, region));
    case 'fsx-windows':
      return own(fsxWindowsComponents(node, region, usage));
    case 'rds-sql-server':
      return own(rdsSqlServerComponents(node, region, usage));
    case 'cloudtrail':
      return own(cloudTrailComponents(node, region, usage));
    case 'guardduty':
      return own(guardDutyComponents(node, region, usage));
    case 'config-recorder':
      return own(configRecorderComponents(node, region, usage));
    case 'secrets-manager-secret':
      return own(secretComponents(node, region, usage));
    case 'cloudwatch':
      return { components: cloudWatchComponents(node, region, counts().instances, usage), shared: true };
    // No charge of their own: containers, security groups, and Patch Manager for EC2 instances.
    case 'availability-zone':
    case 'subnet':
    case 'service-group':
    case 'patch-manager':
      return own([]);
  }
}

function lazyCounts(topology: Topology): () => DesignCounts {
  let value: DesignCounts | null = null;
  return () => {
    if (!value) {
      const byZone = new Map<string, number>();
      let instances = 0;
      let nats = 0;
      for (const n of topology.nodes) {
        if (n.kind === 'ec2-instance') {
          instances++;
          byZone.set(n.zone, (byZone.get(n.zone) ?? 0) + 1);
        } else if (n.kind === 'nat-gateway') nats++;
      }
      value = { instances, instancesByZone: byZone, nats };
    }
    return value;
  };
}

/** Every cost component of the design. */
export function costComponentsFor(topology: Topology, usage: ResolvedUsage = DEFAULT_USAGE): CostComponent[] {
  const counts = lazyCounts(topology);
  return topology.nodes.flatMap((n) => componentsForNode(n, topology, usage, counts).components);
}

/** Applies tiered dimensions (S3 storage, io2 IOPS) to a quantity; a flat price is one tier. */
export function applyTiers(quantity: Money, tiers: readonly PriceDimension[]): Money {
  let remaining = quantity;
  let total = new Money(0);
  for (const tier of tiers) {
    if (remaining.lte(0)) break;
    const begin = new Money(tier.beginRange);
    const width =
      tier.endRange === 'Inf' ? remaining : Money.min(remaining, new Money(tier.endRange).minus(begin));
    total = total.plus(width.times(tier.usd));
    remaining = remaining.minus(width);
  }
  return total;
}

function unitMatches(unit: string, expected: CostComponent['priceUnit']): boolean {
  return typeof expected === 'string' ? unit === expected : expected.includes(unit);
}

export interface PricedLine {
  line: EstimateLine;
  issue: Issue | null;
  /** A note about how the purchase option applied (collected into the estimate's assumptions). */
  note: string | null;
  /** The line's figures in integer cents, for exact totals without re-reading the strings. */
  cents: { monthly: number; upfront: number; effective: number } | null;
}

function missing(c: CostComponent, option: PurchaseOption, filter: string, reason: string): PricedLine {
  return {
    line: {
      resourceId: c.resourceId,
      resourceName: c.resourceName,
      service: c.service,
      component: c.name,
      unit: c.unit,
      quantity: c.monthlyQuantity,
      unitPriceUsd: null,
      monthlyUsd: null,
      upfrontUsd: null,
      effectiveMonthlyUsd: null,
      purchaseOption: option,
      tier: c.tier,
      attributes: c.attributes,
      priceFilter: filter,
      priceNotFound: { filter, reason },
      source: null,
      assumption: c.assumption,
    },
    issue: {
      code: 'pricing.price-not-found',
      severity: 'warning',
      message: `${c.resourceName}: ${c.name} has no price (${reason}).`,
      hint: 'Refresh prices from the AWS Price List API (`archplan pricing refresh --region <code>`), or choose an option the bundled snapshot prices.',
      path: { field: c.resourceId },
    },
    note: null,
    cents: null,
  };
}

function notFoundReason(book: PriceBook, c: CostComponent): string {
  const gap = book.gapFor(c.filter);
  if (gap) return `needs a live price refresh: ${gap.what}. ${gap.reason}`;
  return book.description.kind === 'live'
    ? `needs a live price refresh: the refreshed price list has no price for ${describeFilter(c.filter)}`
    : `needs a live price refresh: the bundled snapshot has no price for ${describeFilter(c.filter)}`;
}

interface CommitmentFigures {
  ok: true;
  priced: Extract<CommitmentPrice, { ok: true }>;
  unitPriceUsd: string;
  monthlyUsd: string;
  upfrontUsd: string;
  effectiveMonthlyUsd: string;
  cents: { monthly: number; upfront: number; effective: number };
}

/**
 * Memos per price book: the same instance type, volume size or usage figure recurs across hundreds
 * of resources, so each distinct (price, quantity) is computed once in exact decimals.
 */
interface BookMemo {
  filters: Map<string, string>;
  commitments: Map<string, CommitmentFigures | Extract<CommitmentPrice, { ok: false }>>;
  tiered: WeakMap<readonly PriceDimension[], Map<string, { usd: string; cents: number }>>;
}
const memos = new WeakMap<PriceBook, BookMemo>();
function memoFor(book: PriceBook): BookMemo {
  let m = memos.get(book);
  if (!m) {
    m = { filters: new Map(), commitments: new Map(), tiered: new WeakMap() };
    memos.set(book, m);
  }
  return m;
}

/** describeFilter, remembered: thousands of lines share a few dozen filters. */
function filterText(book: PriceBook, filter: PriceFilter): string {
  const memo = memoFor(book);
  const key = filterKey(filter);
  let text = memo.filters.get(key);
  if (text === undefined) {
    text = describeFilter(filter);
    memo.filters.set(key, text);
  }
  return text;
}

function centsFigures(monthly: string, upfront: string, effective: string) {
  return { monthly: cents(monthly), upfront: cents(upfront), effective: cents(effective) };
}

function commitmentFigures(c: CostComponent, book: PriceBook, option: PurchaseOption) {
  const memo = memoFor(book);
  const activeVcpu = c.commitment?.kind === 'ec2-instance' ? (c.commitment.licence?.activeVcpu ?? '') : '';
  const key = `${option}|${c.monthlyQuantity}|${activeVcpu}|${filterKey(c.filter)}`;
  let figures = memo.commitments.get(key);
  if (!figures) {
    const priced =
      c.commitment?.kind === 'ec2-instance'
        ? priceEc2Commitment(c as Parameters<typeof priceEc2Commitment>[0], book, option)
        : priceRdsCommitment(c, book, option);
    if (!priced.ok) figures = priced;
    else {
      const monthlyUsd = toCents(priced.hourly.times(c.monthlyQuantity));
      const upfrontUsd = toCents(priced.upfront);
      const effectiveMonthlyUsd = toCents(effectiveMonthly(priced.hourly, priced.upfront, priced.termMonths));
      figures = {
        ok: true,
        priced,
        unitPriceUsd: priced.hourly.toFixed(),
        monthlyUsd,
        upfrontUsd,
        effectiveMonthlyUsd,
        cents: centsFigures(monthlyUsd, upfrontUsd, effectiveMonthlyUsd),
      };
    }
    memo.commitments.set(key, figures);
  }
  return figures;
}

function tieredMonthly(
  book: PriceBook,
  dims: readonly PriceDimension[],
  quantity: string,
): { usd: string; cents: number } {
  const memo = memoFor(book);
  let byQuantity = memo.tiered.get(dims);
  if (!byQuantity) {
    byQuantity = new Map();
    memo.tiered.set(dims, byQuantity);
  }
  let monthly = byQuantity.get(quantity);
  if (monthly === undefined) {
    const usd = toCents(applyTiers(new Money(quantity), dims));
    monthly = { usd, cents: cents(usd) };
    byQuantity.set(quantity, monthly);
  }
  return monthly;
}

/** Prices one component: quantity × unit price (tiered where AWS tiers it), or a flagged line. */
export function priceComponent(c: CostComponent, book: PriceBook, option: PurchaseOption): PricedLine {
  if (c.commitment) {
    const figures = commitmentFigures(c, book, option);
    const applied = figures.ok ? figures.priced.applied : option;
    const name = `${c.commitment.name.prefix} (${c.commitment.name.platform}, ${purchaseOptionShortLabel(applied)}, ${c.commitment.name.instanceType})`;
    if (!figures.ok) return missing({ ...c, name }, option, figures.filter, figures.reason);
    const note = figures.priced.note;
    return {
      line: {
        resourceId: c.resourceId,
        resourceName: c.resourceName,
        service: c.service,
        component: name,
        unit: c.unit,
        quantity: c.monthlyQuantity,
        unitPriceUsd: figures.unitPriceUsd,
        monthlyUsd: figures.monthlyUsd,
        upfrontUsd: figures.upfrontUsd,
        effectiveMonthlyUsd: figures.effectiveMonthlyUsd,
        purchaseOption: applied,
        tier: c.tier,
        attributes: c.attributes,
        priceFilter: filterText(book, c.filter),
        source: figures.priced.source,
        assumption: note ? (c.assumption ? `${c.assumption}. ${note}` : note) : c.assumption,
      },
      issue: null,
      note,
      cents: figures.cents,
    };
  }
  const match = book.lookup(c.filter);
  const dims = match?.product.onDemand ?? [];
  const first = dims[0];
  if (!match || !first) return missing(c, 'on-demand', describeFilter(c.filter), notFoundReason(book, c));
  if (!unitMatches(first.unit, c.priceUnit))
    return missing(
      c,
      'on-demand',
      describeFilter(c.filter),
      `Price unit "${first.unit}" does not match the expected "${typeof c.priceUnit === 'string' ? c.priceUnit : c.priceUnit.join('" or "')}"`,
    );
  const { usd: monthly, cents: m } = tieredMonthly(book, dims, c.monthlyQuantity);
  return {
    line: {
      resourceId: c.resourceId,
      resourceName: c.resourceName,
      service: c.service,
      component: c.name,
      unit: c.unit,
      quantity: c.monthlyQuantity,
      unitPriceUsd: first.usd,
      monthlyUsd: monthly,
      upfrontUsd: '0.00',
      effectiveMonthlyUsd: monthly,
      purchaseOption: 'on-demand',
      tier: c.tier,
      attributes: c.attributes,
      priceFilter: filterText(book, c.filter),
      source: match.source,
      assumption: c.assumption,
    },
    issue: null,
    note: null,
    cents: { monthly: m, upfront: 0, effective: m },
  };
}

/** Exact integer cents of a "123.45" string (safe far beyond any estimate: 2^53 cents). */
function cents(value: string | null): number {
  if (value === null) return 0;
  const [whole = '0', frac = '00'] = value.split('.');
  const sign = whole.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(whole)) * 100 + Number(frac.padEnd(2, '0').slice(0, 2)));
}

function fromCents(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

interface NodeResult {
  priced: PricedLine[];
  usageKeys: readonly string[];
}

/**
 * Priced lines per node, remembered per price book, purchase option and usage, keyed by the node
 * object. Topology edits replace only the nodes they change, so re-pricing after an edit prices just
 * those nodes (and the few whose cost depends on others, such as NAT gateways).
 */
const nodeCache = new WeakMap<PriceBook, Map<string, WeakMap<TopologyNode, NodeResult>>>();

function cacheFor(book: PriceBook, key: string): WeakMap<TopologyNode, NodeResult> {
  let byKey = nodeCache.get(book);
  if (!byKey) {
    byKey = new Map();
    nodeCache.set(book, byKey);
  }
  let cache = byKey.get(key);
  if (!cache) {
    // Few options and usage profiles are priced against one book; keep the map from growing without bound.
    if (byKey.size > 64) byKey.clear();
    cache = new WeakMap();
    byKey.set(key, cache);
  }
  return cache;
}

function usageKeysOf(components: readonly CostComponent[]): string[] {
  const keys: string[] = [];
  for (const c of components) if (c.usageKeys) keys.push(...c.usageKeys);
  return keys;
}

export interface EstimateOptions {
  usage?: ResolvedUsage;
}

/**
 * Prices the whole design under one purchase option: pure and synchronous, so it runs in the
 * renderer on every edit (cached per node) as well as in the CLI.
 */
export function estimateTopology(
  topology: Topology,
  book: PriceBook,
  purchaseOption: PurchaseOption,
  usage: ResolvedUsage = DEFAULT_USAGE,
): Estimate {
  const cache = cacheFor(book, `${purchaseOption}|${usage.key}|${topology.region}`);
  const counts = lazyCounts(topology);
  const lines: EstimateLine[] = [];
  const issues: Issue[] = [];
  const notes = new Set<string>();
  const usageKeys = new Set<string>();
  const sums = { monthly: 0, upfront: 0, effective: 0, withoutPrice: 0, derived: 0 };
  for (const node of topology.nodes) {
    let result = cache.get(node);
    if (!result) {
      const { components, shared } = componentsForNode(node, topology, usage, counts);
      const priced: PricedLine[] = [];
      for (const c of components) priced.push(priceComponent(c, book, purchaseOption));
      result = { priced, usageKeys: usageKeysOf(components) };
      if (!shared) cache.set(node, result);
    }
    for (const p of result.priced) {
      lines.push(p.line);
      if (p.issue) issues.push(p.issue);
      if (p.note) notes.add(p.note);
      if (p.cents) {
        sums.monthly += p.cents.monthly;
        sums.upfront += p.cents.upfront;
        sums.effective += p.cents.effective;
        if (p.line.source?.derived) sums.derived++;
      } else sums.withoutPrice++;
    }
    for (const k of result.usageKeys) usageKeys.add(k);
  }
  return {
    region: book.region,
    currency: 'USD',
    purchaseOption,
    usageProfile: usage.profile,
    priceSource: book.description,
    lines,
    totals: {
      monthlyUsd: fromCents(sums.monthly),
      yearlyUsd: fromCents(sums.monthly * 12),
      upfrontUsd: fromCents(sums.upfront),
      effectiveMonthlyUsd: fromCents(sums.effective),
      linesWithoutPrice: sums.withoutPrice,
      linesWithDerivedPrice: sums.derived,
    },
    assumptions: assumptionsOf(purchaseOption, usage, usageKeys, notes),
    issues,
  };
}

/** Totals of priced lines from their integer cents (no re-reading of strings). */
export function totalsOfPriced(priced: readonly PricedLine[]): EstimateTotals {
  let monthly = 0;
  let upfront = 0;
  let effective = 0;
  let withoutPrice = 0;
  let derived = 0;
  for (const p of priced) {
    if (!p.cents) {
      withoutPrice++;
      continue;
    }
    monthly += p.cents.monthly;
    upfront += p.cents.upfront;
    effective += p.cents.effective;
    if (p.line.source?.derived) derived++;
  }
  return {
    monthlyUsd: fromCents(monthly),
    yearlyUsd: fromCents(monthly * 12),
    upfrontUsd: fromCents(upfront),
    effectiveMonthlyUsd: fromCents(effective),
    linesWithoutPrice: withoutPrice,
    linesWithDerivedPrice: derived,
  };
}

/** Totals of estimate lines, from their printed figures. */
export function totalsOf(lines: readonly EstimateLine[]): EstimateTotals {
  let monthly = 0;
  let upfront = 0;
  let effective = 0;
  let withoutPrice = 0;
  let derived = 0;
  for (const l of lines) {
    if (l.monthlyUsd === null) {
      withoutPrice++;
      continue;
    }
    monthly += cents(l.monthlyUsd);
    upfront += cents(l.upfrontUsd);
    effective += cents(l.effectiveMonthlyUsd);
    if (l.source?.derived) derived++;
  }
  return {
    monthlyUsd: fromCents(monthly),
    yearlyUsd: fromCents(monthly * 12),
    upfrontUsd: fromCents(upfront),
    effectiveMonthlyUsd: fromCents(effective),
    linesWithoutPrice: withoutPrice,
    linesWithDerivedPrice: derived,
  };
}

function assumptionsOf(
  option: PurchaseOption,
  usage: ResolvedUsage,
  usageKeys: ReadonlySet<string>,
  notes: ReadonlySet<string>,
): string[] {
  const p = parsePurchaseOption(option);
  const out = ['730 hours a month (AWS convention: 24 × 365 / 12), every instance always on'];
  if (p.kind !== 'on-demand')
    out.push(
      `Upfront fees are shown apart; effective monthly = hourly rate × 730 + upfront ÷ ${p.termMonths} months. Licence fees for Windows and SQL Server are not discounted.`,
    );
  for (const key of USAGE_KEYS) if (usageKeys.has(key)) out.push(describeUsage(usage, key));
  out.push(...notes);
  return out;
}

/** Monthly cost per resource, for node badges. */
export function monthlyByResource(estimate: Estimate): Map<string, string> {
  const totals = new Map<string, number>();
  for (const l of estimate.lines) {
    if (l.monthlyUsd === null) continue;
    totals.set(l.resourceId, (totals.get(l.resourceId) ?? 0) + cents(l.monthlyUsd));
  }
  return new Map([...totals].map(([k, v]) => [k, fromCents(v)]));
}

/** Monthly cost per service, for the totals panel and the proposal, largest first. */
export function monthlyByService(estimate: Estimate): { service: string; monthlyUsd: string }[] {
  const totals = new Map<string, number>();
  for (const l of estimate.lines) {
    if (l.monthlyUsd === null) continue;
    totals.set(l.service, (totals.get(l.service) ?? 0) + cents(l.monthlyUsd));
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([service, v]) => ({ service, monthlyUsd: fromCents(v) }));
}

export interface TierTotal {
  tier: CostTier;
  label: string;
  monthlyUsd: string;
  upfrontUsd: string;
  linesWithoutPrice: number;
}

/** Monthly cost per tier (web, bots, database, network, security and operations), in that order. */
export function monthlyByTier(estimate: Estimate): TierTotal[] {
  return COST_TIERS.map((tier) => {
    const lines = estimate.lines.filter((l) => l.tier === tier);
    const t = totalsOf(lines);
    return {
      tier,
      label: COST_TIER_LABELS[tier],
      monthlyUsd: t.monthlyUsd,
      upfrontUsd: t.upfrontUsd,
      linesWithoutPrice: t.linesWithoutPrice,
    };
  }).filter((t) => t.monthlyUsd !== '0.00' || t.linesWithoutPrice > 0);
}

export { cents as centsOf, fromCents as formatCents };
