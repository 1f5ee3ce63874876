import { Money } from '../util/money';
import { classifyInstanceType } from './instance-classes';
import { PRE_INSTALLED_SW, type PricedProduct, type PricingSnapshot } from './snapshot';

export const LICENCE_RULE_ID = 'ec2-license-included';

const VARIANTS = [
  { sw: PRE_INSTALLED_SW.none, rate: 'windows', minVcpu: 1, label: 'Windows' },
  { sw: PRE_INSTALLED_SW.web, rate: 'web', minVcpu: 1, label: 'Windows with SQL Server Web' },
  { sw: PRE_INSTALLED_SW.standard, rate: 'standard', minVcpu: 4, label: 'Windows with SQL Server Standard' },
  {
    sw: PRE_INSTALLED_SW.enterprise,
    rate: 'enterprise',
    minVcpu: 4,
    label: 'Windows with SQL Server Enterprise',
  },
] as const;

/**
 * Windows and SQL Server License Included EC2 prices derived from Linux prices: Linux On-Demand +
 * billed vCPU × AWS's licence rate per vCPU-hour (SQL Server Standard and Enterprise bill at least 4
 * vCPU), for the types the rule is known to hold for (current-generation, non-burstable x86; see
 * instance-classes.ts). They are not stored in snapshots but derived when a price book is built, so a
 * snapshot holds only what AWS published; each derived product says so in its provenance.
 */
export function deriveLicenceIncludedProducts(
  products: readonly PricedProduct[],
  rates: PricingSnapshot['licenceRates'],
): PricedProduct[] {
  const out: PricedProduct[] = [];
  for (const p of products) if (isDerivationBase(p)) out.push(...deriveLicenceIncludedVariants(p, rates));
  return out;
}

/** A stored Linux, shared-tenancy EC2 compute product: what licence-included prices derive from. */
export function isDerivationBase(p: PricedProduct): boolean {
  const a = p.attributes;
  return (
    p.serviceCode === 'AmazonEC2' &&
    p.productFamily === 'Compute Instance' &&
    a.operatingSystem === 'Linux' &&
    a.preInstalledSw === 'NA' &&
    a.tenancy === 'Shared'
  );
}

/** The four License Included variants of one Linux product, or none where the rule does not apply. */
export function deriveLicenceIncludedVariants(
  p: PricedProduct,
  rates: PricingSnapshot['licenceRates'],
): PricedProduct[] {
  const a = p.attributes;
  const type = a.instanceType;
  const vcpu = Number(a.vcpu);
  const linux = p.onDemand[0];
  if (!type || !Number.isInteger(vcpu) || vcpu <= 0 || !linux || linux.unit !== 'Hrs') return [];
  if (!classifyInstanceType(type).licenceRuleApplies) return [];
  return VARIANTS.map((v) => {
    const billed = Math.max(vcpu, v.minVcpu);
    const rate = rates[v.rate];
    return {
      serviceCode: 'AmazonEC2',
      productFamily: 'Compute Instance',
      // Object.assign rather than spread: far cheaper in V8, and this runs for every Linux type.
      // In the Price List, License Included Windows rows say licenseModel "No License required" (the
      // licence is part of the price); only bring-your-own-licence rows say otherwise.
      attributes: Object.assign({}, a, { operatingSystem: 'Windows', preInstalledSw: v.sw }),
      onDemand: [
        {
          unit: 'Hrs',
          usd: new Money(linux.usd).plus(new Money(rate).times(billed)).toFixed(),
          rateCode: null,
          beginRange: '0',
          endRange: 'Inf',
          description: `${type} ${v.label} License Included On-Demand (derived)`,
        },
      ],
      provenance: {
        sourceId: p.provenance.sourceId,
        derived: {
          rule: LICENCE_RULE_ID,
          inputs: [
            `Linux ${linux.usd}/h${linux.rateCode ? ` (rate code ${linux.rateCode})` : ''}`,
            `${billed} vCPU × ${rate}/vCPU-h (${v.label} licence rate)`,
          ],
        },
      },
    };
  });
}
