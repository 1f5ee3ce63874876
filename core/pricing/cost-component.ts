import type { PriceFilter } from './price-filter';

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
  /** Unit the matched price must be in ("Hrs", "GB-Mo"…); a mismatch is reported, not silently priced. */
  priceUnit: string;
  /** Facts shown in estimate.json: instanceType, operatingSystem, licenseModel, preInstalledSw, volumeType… */
  attributes: Record<string, string>;
  /** The usage assumption behind the quantity, when it is not a fact of the design (e.g. "100 GB a month"). */
  assumption: string | null;
}
