import { z } from 'zod';

/**
 * The project's own compact price format, shared by the bundled snapshots (pricing-data/<region>.json)
 * and the snapshots a live refresh writes from the AWS Price List Query API. Products keep the Price
 * List API's attribute names (instanceType, operatingSystem, preInstalledSw, licenseModel,
 * volumeApiName, usagetype…) so one matching rule answers a price filter from either source.
 */

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'expected a non-negative decimal string');

export const priceDimensionSchema = z.object({
  unit: z.string().max(40),
  usd: decimalString,
  /** AWS rate code (<sku>.<offerTermCode>.<rateDimension>) where the source gives one. */
  rateCode: z.string().max(80).nullable(),
  /** Tier bounds in the unit, e.g. "0" to "51200" GB; endRange "Inf" for the last tier. */
  beginRange: z.string().max(20),
  endRange: z.string().max(20),
  description: z.string().max(300),
});
export type PriceDimension = z.infer<typeof priceDimensionSchema>;

export const OFFERING_CLASSES = ['standard', 'convertible'] as const;
export type OfferingClass = (typeof OFFERING_CLASSES)[number];
export const LEASE_LENGTHS = ['1yr', '3yr'] as const;
export type LeaseLength = (typeof LEASE_LENGTHS)[number];
/** AWS's own payment option names (Price List `PurchaseOption` term attribute). */
export const PAYMENT_OPTIONS = ['No Upfront', 'Partial Upfront', 'All Upfront'] as const;
export type PaymentOption = (typeof PAYMENT_OPTIONS)[number];

/**
 * A Reserved Instance term of a product, as the Price List gives it: a recurring hourly rate (0 for
 * All Upfront) and a one-off upfront fee per instance (0 for No Upfront).
 */
export const reservedTermSchema = z.object({
  offeringClass: z.enum(OFFERING_CLASSES),
  leaseContractLength: z.enum(LEASE_LENGTHS),
  purchaseOption: z.enum(PAYMENT_OPTIONS),
  hourlyUsd: decimalString,
  upfrontUsd: decimalString,
  rateCode: z.string().max(80).nullable(),
});
export type ReservedTerm = z.infer<typeof reservedTermSchema>;

export const SAVINGS_PLAN_TYPES = ['ComputeSavingsPlans', 'EC2InstanceSavingsPlans'] as const;
export type SavingsPlanType = (typeof SAVINGS_PLAN_TYPES)[number];

/** A Savings Plans rate for a product's usage (AWS Savings Plans price list), per hour. */
export const savingsPlanRateSchema = z.object({
  planType: z.enum(SAVINGS_PLAN_TYPES),
  leaseContractLength: z.enum(LEASE_LENGTHS),
  purchaseOption: z.enum(PAYMENT_OPTIONS),
  hourlyUsd: decimalString,
  rateCode: z.string().max(80).nullable(),
});
export type SavingsPlanRate = z.infer<typeof savingsPlanRateSchema>;

export const provenanceSchema = z.object({
  /** Id of an entry in the snapshot's `sources`. */
  sourceId: z.string().max(80),
  /** Set when the price is computed, not published: the rule and the published inputs it used. */
  derived: z.object({ rule: z.string().max(500), inputs: z.array(z.string().max(200)).max(10) }).nullable(),
});
export type Provenance = z.infer<typeof provenanceSchema>;

export const productSchema = z.object({
  serviceCode: z.string().max(60),
  productFamily: z.string().max(80),
  attributes: z.record(z.string().max(60), z.string().max(200)),
  onDemand: z.array(priceDimensionSchema).min(1).max(20),
  /** Reserved terms the source gives for this product; absent when it gives none. */
  reserved: z.array(reservedTermSchema).max(24).optional(),
  /** Savings Plans rates for this product's usage; absent when the source has none. */
  savingsPlans: z.array(savingsPlanRateSchema).max(24).optional(),
  provenance: provenanceSchema,
});
export type PricedProduct = z.infer<typeof productSchema>;

export const instanceTypeInfoSchema = z.object({
  instanceType: z.string(),
  /** e.g. "m6i" */
  family: z.string(),
  /** AWS's family label: "General purpose", "Memory optimized", "Compute optimized"… */
  category: z.string(),
  vcpu: z.number().int().positive(),
  memoryGib: z.number().positive(),
  /** Generation digit from the family name (m6i → 6); 0 when the name has none. */
  generation: z.number().int().min(0),
  currentGeneration: z.boolean(),
  burstable: z.boolean(),
  architecture: z.enum(['x86_64', 'arm64']),
  storage: z.string(),
  networkPerformance: z.string(),
});
export type InstanceTypeInfo = z.infer<typeof instanceTypeInfoSchema>;

export const snapshotSourceSchema = z.object({
  id: z.string(),
  description: z.string(),
  /** Path of the input under ../shared/pricing-source, or "AWS Price List Query API" for live products. */
  file: z.string(),
  /** AWS's own publication date of the price file (manifest.hawkFilePublicationDate), when it has one. */
  publishedAt: z.string().nullable(),
  /** Where AWS serves the file (or the API endpoint a live refresh used). */
  origin: z.string(),
  /** Set for products fetched live: when the Price List API answered (ISO time). */
  fetchedAt: z.string().nullable().optional(),
});
export type SnapshotSource = z.infer<typeof snapshotSourceSchema>;

/** A figure the sources lack: lines that need it read "needs a live price refresh", never a number. */
export const priceGapSchema = z.object({
  id: z.string(),
  /** What is missing, e.g. "FSx for Windows File Server Single-AZ storage and throughput". */
  what: z.string(),
  /** Why, in words a presales architect can repeat to a customer. */
  reason: z.string(),
  /**
   * Which price filters fall into the gap: serviceCode, productFamily and attribute values that must
   * all equal the filter's. A lookup that finds nothing names the first gap it matches.
   */
  match: z.record(z.string(), z.string()),
});
export type PriceGap = z.infer<typeof priceGapSchema>;

export const snapshotOriginSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('bundled') }),
  z.object({
    kind: z.literal('live'),
    /** When the refresh ran (ISO time). */
    fetchedAt: z.string(),
    /** The Price List API endpoint answered ("default" for AWS's own). */
    endpoint: z.string(),
    /** Service codes fetched live; products of other services come from the bundled snapshot. */
    servicesFetched: z.array(z.string()),
    /** Service codes the refresh could not fetch (with the reason), priced from the bundled snapshot. */
    servicesFailed: z.array(z.object({ serviceCode: z.string(), reason: z.string() })),
  }),
]);
export type SnapshotOrigin = z.infer<typeof snapshotOriginSchema>;

export const SNAPSHOT_FORMAT = 'archplan-pricing-snapshot';
export const SNAPSHOT_VERSION = 2;

export const pricingSnapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  region: z.string(),
  /** AWS's location name, e.g. "Asia Pacific (Mumbai)". */
  location: z.string(),
  currency: z.literal('USD'),
  /** Bundled: the newest AWS publication date among the inputs. Live: the fetch time. */
  builtAt: z.string(),
  origin: snapshotOriginSchema,
  sources: z.array(snapshotSourceSchema),
  /** Rules used for derived prices, written out in full for the proposal's assumptions page. */
  derivationRules: z.array(z.object({ id: z.string(), text: z.string() })),
  /**
   * AWS's licence-included rates per vCPU-hour (EC2 User Guide, "Optimize CPUs for License-Included
   * instances"). Windows / SQL Server prices of types without a published row are derived from them
   * when a price book is built (derived-products.ts); they are not stored in the snapshot.
   */
  licenceRates: z.object({
    windows: decimalString,
    web: decimalString,
    standard: decimalString,
    enterprise: decimalString,
  }),
  /** What the sources lack (manifest "notPriced"); lookups that fall into a gap say so. */
  gaps: z.array(priceGapSchema),
  instanceTypes: z.array(instanceTypeInfoSchema),
  products: z.array(productSchema),
});
export type PricingSnapshot = z.infer<typeof pricingSnapshotSchema>;

/** Licence-included software on an EC2 instance, in Price List API terms. */
export const PRE_INSTALLED_SW = {
  none: 'NA',
  web: 'SQL Web',
  standard: 'SQL Std',
  enterprise: 'SQL Ent',
} as const;
