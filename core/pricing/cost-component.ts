import type { PriceFilter } from './price-filter';
import type { CostTier } from './tiers';

/**
 * How a purchase option applies to a component. Only EC2 compute (and RDS instances, where reserved
 * rates exist) is bought differently; every other component is On-Demand whatever the option.
 */
export type Commitment =
  | {
      kind: 'ec2-instance';
      /** The Linux price of the same instance type: the compute part RIs and Savings Plans discount. */
      linuxFilter: PriceFilter;
      /**
       * The licence part of a License Included instance (null for Linux): billed per vCPU, never
       * discounted by RIs, lowered by Optimize CPUs (`activeVcpu`, null = all active). `minimumVcpu`
       * is AWS's billing floor (4 for SQL Server Standard and Enterprise). The type's vCPU count comes
       * from the priced product.
       */
      licence: { label: string; activeVcpu: number | null; minimumVcpu: number } | null;
      name: CommitmentName;
    }
  | { kind: 'rds-instance'; name: CommitmentName };

/** Line names of committed components carry the purchase option: "<prefix> (<platform>, <option>, <type>)". */
export interface CommitmentName {
  prefix: string;
  platform: string;
  instanceType: string;
}

/**
 * One billable thing about one resource, before it is priced (infracost's "cost component").
 * `monthlyQuantity` is in the price's own unit (`priceUnit`), so priced = quantity × unit price.
 */
export interface CostComponent {
  resourceId: string;
  resourceName: string;
  /** Display name of the AWS service, e.g. "Amazon EC2". */
  service: string;
  /** Stable component name with the variable part in brackets: "Instance usage (Windows, on-demand, m6i.xlarge)". */
  name: string;
  /** Plural display unit: "hours", "GB-months", "requests". */
  unit: string;
  /** Exact decimal string. */
  monthlyQuantity: string;
  filter: PriceFilter;
  /**
   * Units the matched price may be in ("Hrs", "GB-Mo"…). A mismatch is reported, not silently priced.
   * Several when the bundled files and the Price List name the same unit differently.
   */
  priceUnit: string | readonly string[];
  /** Facts shown in estimate.json: instanceType, operatingSystem, licenseModel, preInstalledSw, volumeType… */
  attributes: Record<string, string>;
  /** The usage assumption behind the quantity, when it is not a fact of the design (e.g. "100 GB a month"). */
  assumption: string | null;
  tier: CostTier;
  /** Usage figures (UsageAssumptions keys) the quantity comes from; listed in the estimate's assumptions. */
  usageKeys?: readonly string[];
  /** Set for components a purchase option changes. */
  commitment?: Commitment;
}

/** The fields every component of one resource shares. */
export interface ComponentBase {
  resourceId: string;
  resourceName: string;
  tier: CostTier;
}

/** The owner side of a component: the resource, its tier, and fields its components share. */
export type ComponentOwner = ComponentBase & {
  service?: string;
  attributes?: Record<string, string>;
  assumption?: string | null;
};

export type ComponentFields = Omit<
  CostComponent,
  keyof ComponentBase | 'service' | 'attributes' | 'assumption'
> & {
  service?: string;
  attributes?: Record<string, string>;
  assumption?: string | null;
};

/**
 * A component from its owner's shared fields and its own. Written out field by field: object spread
 * (`{ ...owner, … }`) is two orders of magnitude slower in V8, and a 1,000-server design has thousands.
 */
export function component(owner: ComponentOwner, f: ComponentFields): CostComponent {
  const service = f.service ?? owner.service;
  if (service === undefined) throw new Error(`component ${f.name} has no service`);
  const c: CostComponent = {
    resourceId: owner.resourceId,
    resourceName: owner.resourceName,
    service,
    name: f.name,
    unit: f.unit,
    monthlyQuantity: f.monthlyQuantity,
    filter: f.filter,
    priceUnit: f.priceUnit,
    attributes: f.attributes ?? owner.attributes ?? {},
    assumption: f.assumption !== undefined ? f.assumption : (owner.assumption ?? null),
    tier: owner.tier,
  };
  if (f.usageKeys) c.usageKeys = f.usageKeys;
  if (f.commitment) c.commitment = f.commitment;
  return c;
}
