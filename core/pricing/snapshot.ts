import { z } from 'zod';

/**
 * The project's own compact price format, shared by the bundled snapshots (pricing-data/<region>.json)
 * and products fetched live from the AWS Price List API. Products keep the Price List API's attribute
 * names (instanceType, operatingSystem, preInstalledSw, licenseModel, volumeApiName, usagetype…) so one
 * matching rule answers a price filter from either source.
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

export const provenanceSchema = z.object({
  /** Id of an entry in the snapshot's `sources`, or "live" for Price List API products. */
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
  /** Path of the input under ../shared/pricing-source, for the audit trail. */
  file: z.string(),
  /** AWS's own publication date of the price file (manifest.hawkFilePublicationDate), when it has one. */
  publishedAt: z.string().nullable(),
  /** Where AWS serves the file. */
  origin: z.string(),
});
export type SnapshotSource = z.infer<typeof snapshotSourceSchema>;

export const SNAPSHOT_FORMAT = 'archplan-pricing-snapshot';
export const SNAPSHOT_VERSION = 1;

export const pricingSnapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  region: z.string(),
  /** AWS's location name, e.g. "Asia Pacific (Mumbai)". */
  location: z.string(),
  currency: z.literal('USD'),
  builtAt: z.string(),
  sources: z.array(snapshotSourceSchema),
  /** Rules used for derived prices, written out in full for the proposal's assumptions page. */
  derivationRules: z.array(z.object({ id: z.string(), text: z.string() })),
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
