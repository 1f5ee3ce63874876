import type { Issue } from '../model/issue';
import type { PurchaseOption } from '../model/options';
import {
  type Ec2Node,
  type NodeOfKind,
  type Topology,
  type TopologyNode,
  nodesOfKind,
} from '../model/topology';
import { Money, sum, toCents } from '../util/money';
import type { CostComponent } from './cost-component';
import { describeFilter } from './price-filter';
import type { PriceBook, PriceBookDescription, PriceSource } from './price-book';
import { ec2InstanceComponents } from './resources/ec2-instance';
import { loadBalancerComponents, natGatewayComponents } from './resources/network';
import { kmsKeyComponents, s3BucketComponents } from './resources/storage-and-keys';
import type { PriceDimension } from './snapshot';
import { DEFAULT_USAGE, type UsageAssumptions } from './usage';

/** A priced cost component: the estimate.json line contract (ARCHITECTURE.md). Money is decimal text. */
export interface EstimateLine {
  resourceId: string;
  resourceName: string;
  service: string;
  component: string;
  unit: string;
  quantity: string;
  /** Exact USD per unit as published (or derived); null when no price was found. */
  unitPriceUsd: string | null;
  /** Rounded to cents; null when no price was found. */
  monthlyUsd: string | null;
  attributes: Record<string, string>;
  priceNotFound?: { filter: string; reason: string };
  source: PriceSource | null;
  assumption: string | null;
}

export interface Estimate {
  region: string;
  currency: 'USD';
  purchaseOption: PurchaseOption;
  priceSource: PriceBookDescription;
  lines: EstimateLine[];
  totals: {
    /** Sum of the priced lines' rounded monthly figures, so printed tables add up to the cent. */
    monthlyUsd: string;
    /** monthly × 12 */
    yearlyUsd: string;
    upfrontUsd: string;
    /** Lines without a price; when > 0 the totals are a lower bound and the UI says so. */
    linesWithoutPrice: number;
    /** Lines priced with a derived (not published) figure. */
    linesWithDerivedPrice: number;
  };
  assumptions: string[];
  issues: Issue[];
}

/** Every cost component of the design. Groups (VPC, AZ, subnet) and the internet gateway cost nothing. */
export function costComponentsFor(
  topology: Topology,
  usage: UsageAssumptions = DEFAULT_USAGE,
): CostComponent[] {
  const region = topology.region;
  const instances = nodesOfKind(topology, 'ec2-instance');
  const nats = nodesOfKind(topology, 'nat-gateway');
  const out: CostComponent[] = [];
  for (const node of topology.nodes) {
    const served = node.kind === 'nat-gateway' ? instancesServedBy(node, instances, nats.length) : 0;
    out.push(...componentsForNode(node, region, usage, served));
  }
  return out;
}

/** Instances routed through one NAT gateway: those in its AZ when there is one per AZ, else all. */
function instancesServedBy(
  nat: NodeOfKind<'nat-gateway'>,
  instances: readonly Ec2Node[],
  natCount: number,
): number {
  return natCount <= 1 ? instances.length : instances.filter((i) => i.zone === nat.zone).length;
}

function componentsForNode(
  node: TopologyNode,
  region: string,
  usage: UsageAssumptions,
  natInstances: number,
): CostComponent[] {
  switch (node.kind) {
    case 'ec2-instance':
      return ec2InstanceComponents(node, region);
    case 'nat-gateway':
      return natGatewayComponents(node, region, natInstances, usage);
    case 'load-balancer':
      return loadBalancerComponents(node, region, usage);
    case 's3-bucket':
      return s3BucketComponents(node, region, usage);
    case 'kms-key':
      return kmsKeyComponents(node, region, usage);
    case 'vpc':
    case 'availability-zone':
    case 'subnet':
    case 'service-group':
    case 'internet-gateway':
      return [];
    default:
      // Kinds whose cost components are not modelled yet show as unpriced lines, never as zero.
      return [unmodelledComponent(node)];
  }
}

function unmodelledComponent(node: TopologyNode): CostComponent {
  return {
    resourceId: node.id,
    resourceName: node.name,
    service: node.kind,
    name: `Charges (${node.kind})`,
    unit: 'months',
    monthlyQuantity: '1',
    filter: { serviceCode: 'unmodelled', productFamily: node.kind, attributes: {} },
    priceUnit: 'Mo',
    attributes: {},
    assumption: null,
  };
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

/** Prices components against a price book: pure, so it runs in the renderer on every edit. */
export function priceComponents(
  components: readonly CostComponent[],
  book: PriceBook,
  purchaseOption: PurchaseOption,
): Estimate {
  const issues: Issue[] = [];
  const lines: EstimateLine[] = components.map((c) => {
    const base = {
      resourceId: c.resourceId,
      resourceName: c.resourceName,
      service: c.service,
      component: c.name,
      unit: c.unit,
      quantity: c.monthlyQuantity,
      attributes: c.attributes,
      assumption: c.assumption,
    };
    const match = book.lookup(c.filter);
    const dims = match?.product.onDemand ?? [];
    const first = dims[0];
    if (!match || !first || first.unit !== c.priceUnit) {
      const reason = !match
        ? `No ${book.description.kind === 'live' ? 'live' : 'snapshot'} price for ${describeFilter(c.filter)}`
        : `Price unit "${first?.unit ?? '?'}" does not match the expected "${c.priceUnit}"`;
      issues.push({
        code: 'pricing.price-not-found',
        severity: 'warning',
        message: `${c.resourceName}: ${c.name} has no price. ${reason}.`,
        hint: 'Refresh prices from the AWS Price List API, or choose an instance type the snapshot prices.',
        path: { field: c.resourceId },
      });
      return {
        ...base,
        unitPriceUsd: null,
        monthlyUsd: null,
        priceNotFound: { filter: describeFilter(c.filter), reason },
        source: null,
      };
    }
    const monthly = applyTiers(new Money(c.monthlyQuantity), dims);
    return { ...base, unitPriceUsd: first.usd, monthlyUsd: toCents(monthly), source: match.source };
  });
  const priced = lines.filter((l) => l.monthlyUsd !== null);
  const monthly = sum(priced.map((l) => new Money(l.monthlyUsd as string)));
  const assumptions = [
    ...new Set(components.map((c) => c.assumption).filter((a): a is string => a !== null)),
  ];
  return {
    region: book.region,
    currency: 'USD',
    purchaseOption,
    priceSource: book.description,
    lines,
    totals: {
      monthlyUsd: toCents(monthly),
      yearlyUsd: toCents(monthly.times(12)),
      upfrontUsd: '0.00',
      linesWithoutPrice: lines.length - priced.length,
      linesWithDerivedPrice: lines.filter((l) => l.source?.kind === 'snapshot' && l.source.derived !== null)
        .length,
    },
    assumptions: [
      '730 hours a month (AWS convention: 24 × 365 / 12), every instance always on',
      ...assumptions,
    ],
    issues,
  };
}

export function estimateTopology(
  topology: Topology,
  book: PriceBook,
  purchaseOption: PurchaseOption,
  usage: UsageAssumptions = DEFAULT_USAGE,
): Estimate {
  return priceComponents(costComponentsFor(topology, usage), book, purchaseOption);
}

/** Monthly cost per resource, for node badges. */
export function monthlyByResource(estimate: Estimate): Map<string, string> {
  const totals = new Map<string, Money>();
  for (const l of estimate.lines) {
    if (l.monthlyUsd === null) continue;
    totals.set(l.resourceId, (totals.get(l.resourceId) ?? new Money(0)).plus(l.monthlyUsd));
  }
  return new Map([...totals].map(([k, v]) => [k, toCents(v)]));
}

/** Monthly cost per service, for the totals panel and the proposal. */
export function monthlyByService(estimate: Estimate): { service: string; monthlyUsd: string }[] {
  const totals = new Map<string, Money>();
  for (const l of estimate.lines) {
    if (l.monthlyUsd === null) continue;
    totals.set(l.service, (totals.get(l.service) ?? new Money(0)).plus(l.monthlyUsd));
  }
  return [...totals]
    .map(([service, v]) => ({ service, monthlyUsd: toCents(v) }))
    .sort((a, b) => new Money(b.monthlyUsd).cmp(a.monthlyUsd));
}
