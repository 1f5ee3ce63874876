import { classifyInstanceType } from '../../../core/pricing/instance-classes';
import {
  type InstanceTypeInfo,
  LEASE_LENGTHS,
  OFFERING_CLASSES,
  PAYMENT_OPTIONS,
  type PriceDimension,
  type PricedProduct,
  type ReservedTerm,
} from '../../../core/pricing/snapshot';
import { Money } from '../../../core/util/money';

/**
 * Converts one GetProducts PriceList item (the Price List's own JSON: product.attributes, terms.OnDemand,
 * terms.Reserved — see ../shared/pricing-source/api-examples/) into the snapshot's product format,
 * keeping AWS's attribute names so the one matching rule answers filters from either source.
 */

/** Attributes a cost component or sizing reads; the rest of an item's ~40 attributes are dropped to keep snapshots small. */
const KEPT_ATTRIBUTES = new Set([
  'instanceType',
  'operatingSystem',
  'preInstalledSw',
  'licenseModel',
  'tenancy',
  'capacitystatus',
  'regionCode',
  'location',
  'usagetype',
  'operation',
  'vcpu',
  'memory',
  'instanceFamily',
  'currentGeneration',
  'networkPerformance',
  'storage',
  'processorArchitecture',
  'volumeApiName',
  'group',
  'storageClass',
  'volumeType',
  'deploymentOption',
  'databaseEngine',
  'databaseEdition',
  'fileSystemType',
  'storageType',
  'directoryType',
  'directorySize',
  'transferType',
  'fromLocation',
  'toLocation',
  'capacity',
  'connectionType',
  'alarmType',
  'groupDescription',
]);

export interface LiveProduct {
  product: PricedProduct;
  sku: string;
  publicationDate: string | null;
}

export type ItemResult = { ok: true; value: LiveProduct } | { ok: false; reason: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function decimal(v: unknown): string | null {
  return typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? new Money(v).toFixed() : null;
}

interface RawDimension {
  unit?: unknown;
  beginRange?: unknown;
  endRange?: unknown;
  description?: unknown;
  rateCode?: unknown;
  pricePerUnit?: { USD?: unknown };
}

function dimensionsOf(term: unknown): RawDimension[] {
  if (!isObject(term) || !isObject(term.priceDimensions)) return [];
  return Object.values(term.priceDimensions).filter(isObject) as RawDimension[];
}

function onDemandDimensions(terms: Record<string, unknown>): PriceDimension[] | string {
  const od = terms.OnDemand;
  if (!isObject(od)) return 'no On-Demand terms';
  const [term, ...more] = Object.values(od);
  if (!term) return 'no On-Demand terms';
  if (more.length > 0) return 'more than one On-Demand term';
  const dims: PriceDimension[] = [];
  for (const d of dimensionsOf(term)) {
    const usd = decimal(d.pricePerUnit?.USD);
    if (usd === null || typeof d.unit !== 'string') return 'an On-Demand price without a USD amount or unit';
    dims.push({
      unit: d.unit.slice(0, 40),
      usd,
      rateCode: typeof d.rateCode === 'string' ? d.rateCode.slice(0, 80) : null,
      beginRange: typeof d.beginRange === 'string' ? d.beginRange : '0',
      endRange: typeof d.endRange === 'string' ? d.endRange : 'Inf',
      description: typeof d.description === 'string' ? d.description.slice(0, 300) : '',
    });
  }
  if (dims.length === 0) return 'an On-Demand term without prices';
  if (dims.length > 20) return 'more than 20 price tiers';
  return dims.sort((a, b) => Number(a.beginRange) - Number(b.beginRange));
}

/** Reserved terms: the hourly ("Hrs") and upfront ("Quantity", "Upfront Fee") parts of each term. */
function reservedTerms(terms: Record<string, unknown>): ReservedTerm[] {
  const reserved = terms.Reserved;
  if (!isObject(reserved)) return [];
  const out: ReservedTerm[] = [];
  for (const term of Object.values(reserved)) {
    if (!isObject(term) || !isObject(term.termAttributes)) continue;
    const a = term.termAttributes;
    const offeringClass = OFFERING_CLASSES.find((c) => c === a.OfferingClass);
    const length = LEASE_LENGTHS.find((l) => l === a.LeaseContractLength);
    const payment = PAYMENT_OPTIONS.find((p) => p === a.PurchaseOption);
    if (!offeringClass || !length || !payment) continue;
    let hourly = '0';
    let upfront = '0';
    let rateCode: string | null = null;
    let valid = true;
    for (const d of dimensionsOf(term)) {
      const usd = decimal(d.pricePerUnit?.USD);
      if (usd === null) valid = false;
      else if (d.unit === 'Hrs') {
        hourly = usd;
        rateCode = typeof d.rateCode === 'string' ? d.rateCode.slice(0, 80) : null;
      } else if (d.unit === 'Quantity') upfront = usd;
    }
    if (valid)
      out.push({
        offeringClass,
        leaseContractLength: length,
        purchaseOption: payment,
        hourlyUsd: hourly,
        upfrontUsd: upfront,
        rateCode,
      });
  }
  return out.slice(0, 24);
}

/**
 * One PriceList entry (the text AWS returns) → a product, or the reason it cannot be read. `region`
 * fills regionCode where older items lack it (they were fetched with a regionCode or location filter).
 */
export function convertPriceListItem(text: string, region: string, sourceId: string): ItemResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (!isObject(raw) || !isObject(raw.product) || !isObject(raw.terms))
    return { ok: false, reason: 'no product or terms' };
  const product = raw.product;
  const serviceCode = typeof raw.serviceCode === 'string' ? raw.serviceCode : undefined;
  const family = typeof product.productFamily === 'string' ? product.productFamily : undefined;
  if (!serviceCode || !family || !isObject(product.attributes))
    return { ok: false, reason: 'no service code, product family or attributes' };
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(product.attributes))
    if (KEPT_ATTRIBUTES.has(k) && typeof v === 'string') attributes[k] = v.slice(0, 200);
  attributes.regionCode ??= region;
  const onDemand = onDemandDimensions(raw.terms);
  if (typeof onDemand === 'string') return { ok: false, reason: onDemand };
  const reserved = reservedTerms(raw.terms);
  return {
    ok: true,
    value: {
      sku: typeof product.sku === 'string' ? product.sku : '',
      publicationDate: typeof raw.publicationDate === 'string' ? raw.publicationDate : null,
      product: {
        serviceCode: serviceCode.slice(0, 60),
        productFamily: family.slice(0, 80),
        attributes,
        onDemand,
        ...(reserved.length > 0 ? { reserved } : {}),
        provenance: { sourceId, derived: null },
      },
    },
  };
}

/** An instance type's facts from a live Linux product, for sizing. */
export function instanceTypeFromProduct(p: PricedProduct): InstanceTypeInfo | null {
  const a = p.attributes;
  const type = a.instanceType;
  const vcpu = Number(a.vcpu);
  const memory = /^([\d,.]+)\s*GiB$/.exec(a.memory ?? '');
  if (!type || !Number.isInteger(vcpu) || vcpu <= 0 || !memory?.[1]) return null;
  const cls = classifyInstanceType(type);
  return {
    instanceType: type,
    family: cls.family,
    category: a.instanceFamily ?? 'Unknown',
    vcpu,
    memoryGib: Number(memory[1].replace(/,/g, '')),
    generation: cls.generation,
    currentGeneration: cls.currentGeneration,
    burstable: cls.burstable,
    architecture: cls.architecture,
    storage: a.storage ?? '',
    networkPerformance: a.networkPerformance ?? '',
  };
}
