import { PURCHASE_OPTIONS, type PurchaseOption } from '../model/options';
import { HOURS_PER_MONTH, Money } from '../util/money';
import type { CostComponent } from './cost-component';
import { describeFilter } from './price-filter';
import type { Derivation, PriceBook, PriceMatch, PriceSource } from './price-book';
import type {
  LeaseLength,
  OfferingClass,
  PaymentOption,
  PricedProduct,
  ReservedTerm,
  SavingsPlanRate,
  SavingsPlanType,
} from './snapshot';

/** A purchase option taken apart: what AWS calls each part, and the term in months. */
export type ParsedPurchaseOption =
  | { kind: 'on-demand' }
  | {
      kind: 'reserved';
      offeringClass: OfferingClass;
      leaseContractLength: LeaseLength;
      payment: PaymentOption;
      termMonths: number;
    }
  | {
      kind: 'savings-plan';
      planType: SavingsPlanType;
      leaseContractLength: LeaseLength;
      payment: PaymentOption;
      termMonths: number;
    };

const PAYMENT: Readonly<Record<string, PaymentOption>> = {
  'no-upfront': 'No Upfront',
  'partial-upfront': 'Partial Upfront',
  'all-upfront': 'All Upfront',
};

export function parsePurchaseOption(option: PurchaseOption): ParsedPurchaseOption {
  if (option === 'on-demand') return { kind: 'on-demand' };
  const m =
    /^(ri|sp)-(standard|convertible|compute|ec2-instance)-(1yr|3yr)-(no-upfront|partial-upfront|all-upfront)$/.exec(
      option,
    );
  if (!m?.[1] || !m[2] || !m[3] || !m[4]) throw new Error(`unknown purchase option ${option}`);
  const leaseContractLength = m[3] as LeaseLength;
  const payment = PAYMENT[m[4]] as PaymentOption;
  const termMonths = leaseContractLength === '1yr' ? 12 : 36;
  if (m[1] === 'ri')
    return {
      kind: 'reserved',
      offeringClass: m[2] as OfferingClass,
      leaseContractLength,
      payment,
      termMonths,
    };
  return {
    kind: 'savings-plan',
    planType: m[2] === 'compute' ? 'ComputeSavingsPlans' : 'EC2InstanceSavingsPlans',
    leaseContractLength,
    payment,
    termMonths,
  };
}

/** "reserved standard 1yr no upfront": the variable part of a line name (infracost style, lower case). */
export function purchaseOptionShortLabel(option: PurchaseOption): string {
  const p = parsePurchaseOption(option);
  if (p.kind === 'on-demand') return 'on-demand';
  const payment = p.payment.toLowerCase();
  if (p.kind === 'reserved') return `reserved ${p.offeringClass} ${p.leaseContractLength} ${payment}`;
  return `${p.planType === 'ComputeSavingsPlans' ? 'compute' : 'EC2 instance'} savings plan ${p.leaseContractLength} ${payment}`;
}

/** "Standard Reserved Instance, 3 years, All Upfront": for people. */
export function purchaseOptionLabel(option: PurchaseOption): string {
  const p = parsePurchaseOption(option);
  if (p.kind === 'on-demand') return 'On-Demand';
  const years = p.leaseContractLength === '1yr' ? '1 year' : '3 years';
  if (p.kind === 'reserved')
    return `${p.offeringClass === 'standard' ? 'Standard' : 'Convertible'} Reserved Instance, ${years}, ${p.payment}`;
  return `${p.planType === 'ComputeSavingsPlans' ? 'Compute' : 'EC2 Instance'} Savings Plan, ${years}, ${p.payment}`;
}

export { PURCHASE_OPTIONS };

/** A committed component priced under a purchase option. */
export type CommitmentPrice =
  | {
      ok: true;
      /** Recurring USD per hour (0 for All Upfront compute). */
      hourly: Money;
      /** One-off USD per instance for the whole term. */
      upfront: Money;
      termMonths: number | null;
      source: PriceSource;
      /** The option actually applied: On-Demand where the option does not cover the component. */
      applied: PurchaseOption;
      /** Why the applied option differs, or what the figure assumes; shown on the line. */
      note: string | null;
    }
  | { ok: false; filter: string; reason: string };

function findReserved(
  product: PricedProduct,
  p: Extract<ParsedPurchaseOption, { kind: 'reserved' }>,
): ReservedTerm | undefined {
  return product.reserved?.find(
    (t) =>
      t.offeringClass === p.offeringClass &&
      t.leaseContractLength === p.leaseContractLength &&
      t.purchaseOption === p.payment,
  );
}

function findSavingsPlan(
  product: PricedProduct,
  p: Extract<ParsedPurchaseOption, { kind: 'savings-plan' }>,
): SavingsPlanRate | undefined {
  return product.savingsPlans?.find(
    (r) =>
      r.planType === p.planType &&
      r.leaseContractLength === p.leaseContractLength &&
      r.purchaseOption === p.payment,
  );
}

function hourlyOf(match: PriceMatch): Money | null {
  const d = match.product.onDemand[0];
  return d && d.unit === 'Hrs' ? new Money(d.usd) : null;
}

function withDerivation(source: PriceSource, derived: Derivation): PriceSource {
  return { ...source, derived };
}

/** Which gap explains a missing term, in the words of the book's gap list. */
function termGapReason(book: PriceBook, p: Exclude<ParsedPurchaseOption, { kind: 'on-demand' }>): string {
  const id =
    p.kind === 'savings-plan'
      ? 'savings-plans'
      : p.payment !== 'No Upfront'
        ? 'ec2-ri-upfront'
        : p.offeringClass === 'convertible'
          ? 'ec2-ri-convertible'
          : 'ec2-ri-upfront';
  const gap = book.gap(id);
  if (book.description.kind === 'live') {
    if (p.kind === 'savings-plan')
      return 'unavailable: the refreshed price list (GetProducts) carries no Savings Plans rates; AWS publishes them in a separate Savings Plans price list that Architecture Planner does not read yet';
    return `needs a live price refresh: the refreshed price list has no ${p.offeringClass} ${p.leaseContractLength} ${p.payment} Reserved Instance rate for this instance type`;
  }
  if (gap) return `needs a live price refresh: ${gap.what} are not in the bundled snapshot. ${gap.reason}`;
  return `needs a live price refresh: the bundled snapshot has no ${p.kind === 'savings-plan' ? 'Savings Plans' : 'Reserved Instance'} rates for this option`;
}

/**
 * Prices an EC2 instance under a purchase option. The licence part of a License Included instance
 * (License Included price − Linux price) is never discounted by a Reserved Instance; Optimize CPUs
 * scales it by licensed active vCPUs. Published rates are used where the book has them (a live
 * refresh gives AWS's own Windows RI rates); otherwise Linux rate + licence part, labelled derived.
 */
export function priceEc2Commitment(
  c: CostComponent & { commitment: Extract<CostComponent['commitment'], { kind: 'ec2-instance' }> },
  book: PriceBook,
  option: PurchaseOption,
): CommitmentPrice {
  const { commitment } = c;
  const p = parsePurchaseOption(option);
  const main = book.lookup(c.filter);
  const notFound = (filter: CostComponent['filter'], reason?: string): CommitmentPrice => {
    const gap = book.gapFor(filter);
    return {
      ok: false,
      filter: describeFilter(filter),
      reason:
        reason ??
        (gap
          ? `needs a live price refresh: ${gap.what}. ${gap.reason}`
          : `needs a live price refresh: the ${book.description.kind === 'live' ? 'refreshed price list' : 'bundled snapshot'} has no price for ${describeFilter(filter)}`),
    };
  };
  if (!main) return notFound(c.filter);
  const mainHourly = hourlyOf(main);
  if (!mainHourly)
    return notFound(c.filter, `Price unit "${main.product.onDemand[0]?.unit ?? '?'}" is not hourly`);
  const licence = commitment.licence;
  const optimized = licence !== null && licence.activeVcpu !== null;

  // Linux instances, and License Included ones at full size On-Demand: the product's own price.
  if (p.kind === 'on-demand' && !optimized)
    return {
      ok: true,
      hourly: mainHourly,
      upfront: new Money(0),
      termMonths: null,
      source: main.source,
      applied: 'on-demand',
      note: null,
    };

  if (licence === null) {
    if (p.kind === 'on-demand') throw new Error('unreachable: Linux On-Demand handled above');
    const term = p.kind === 'reserved' ? findReserved(main.product, p) : findSavingsPlan(main.product, p);
    if (!term) return notFound(c.filter, termGapReason(book, p));
    return {
      ok: true,
      hourly: new Money(term.hourlyUsd),
      upfront: new Money('upfrontUsd' in term ? term.upfrontUsd : 0),
      termMonths: p.termMonths,
      source: main.source,
      applied: option,
      note: null,
    };
  }

  const linux = book.lookup(commitment.linuxFilter);
  const linuxHourly = linux ? hourlyOf(linux) : null;
  if (!linux || !linuxHourly) return notFound(commitment.linuxFilter);
  const vcpu = Number(main.product.attributes.vcpu ?? linux.product.attributes.vcpu ?? NaN);
  const fullLicence = Money.max(mainHourly.minus(linuxHourly), 0);
  let licenceHourly = fullLicence;
  const inputs: string[] = [];
  if (optimized && licence.activeVcpu !== null) {
    if (!Number.isFinite(vcpu) || vcpu <= 0)
      return notFound(c.filter, 'The vCPU count of this instance type is not in the price list');
    const licensed = Math.max(Math.min(licence.activeVcpu, vcpu), licence.minimumVcpu);
    const full = Math.max(vcpu, licence.minimumVcpu);
    licenceHourly = fullLicence.times(licensed).div(full);
    inputs.push(
      `licence ${fullLicence.toFixed()}/h × ${licensed} ÷ ${full} licensed vCPU (Optimize CPUs: ${licence.activeVcpu} of ${vcpu} active)`,
    );
  } else {
    inputs.push(
      `licence ${fullLicence.toFixed()}/h = ${licence.label} ${mainHourly.toFixed()}/h − Linux ${linuxHourly.toFixed()}/h, not discounted`,
    );
  }

  if (p.kind === 'on-demand')
    return {
      ok: true,
      hourly: linuxHourly.plus(licenceHourly),
      upfront: new Money(0),
      termMonths: null,
      source: withDerivation(linux.source, {
        rule: 'ec2-optimize-cpu',
        inputs: [`Linux On-Demand ${linuxHourly.toFixed()}/h`, ...inputs],
      }),
      applied: 'on-demand',
      note: null,
    };

  if (p.kind === 'reserved' && optimized)
    // EC2 User Guide: RI discounts may not apply to License Included instances with Optimize CPUs.
    return {
      ok: true,
      hourly: linuxHourly.plus(licenceHourly),
      upfront: new Money(0),
      termMonths: null,
      source: withDerivation(linux.source, {
        rule: 'ec2-optimize-cpu',
        inputs: [`Linux On-Demand ${linuxHourly.toFixed()}/h`, ...inputs],
      }),
      applied: 'on-demand',
      note: 'Priced On-Demand: AWS says Reserved Instance discounts may not apply to License Included instances with Optimize CPUs; a Savings Plan does apply.',
    };

  // AWS's own rate for the License Included product (live refresh), when all cores are active.
  if (!optimized) {
    const own = p.kind === 'reserved' ? findReserved(main.product, p) : findSavingsPlan(main.product, p);
    if (own)
      return {
        ok: true,
        hourly: new Money(own.hourlyUsd),
        upfront: new Money('upfrontUsd' in own ? own.upfrontUsd : 0),
        termMonths: p.termMonths,
        source: main.source,
        applied: option,
        note: null,
      };
  }
  const term = p.kind === 'reserved' ? findReserved(linux.product, p) : findSavingsPlan(linux.product, p);
  if (!term) return notFound(commitment.linuxFilter, termGapReason(book, p));
  const termHourly = new Money(term.hourlyUsd);
  const upfront = new Money('upfrontUsd' in term ? term.upfrontUsd : 0);
  const what = p.kind === 'reserved' ? 'Reserved Instance' : 'Savings Plan';
  return {
    ok: true,
    hourly: termHourly.plus(licenceHourly),
    upfront,
    termMonths: p.termMonths,
    source: withDerivation(linux.source, {
      rule: optimized ? 'ec2-optimize-cpu' : 'ec2-ri-license-included',
      inputs: [
        `Linux ${what} ${termHourly.toFixed()}/h${upfront.gt(0) ? ` + ${upfront.toFixed()} upfront` : ''}${term.rateCode ? ` (rate code ${term.rateCode})` : ''}`,
        ...inputs,
      ],
    }),
    applied: option,
    note: null,
  };
}

/**
 * Prices an RDS instance: Reserved rates where the book has them (a live refresh); otherwise, and
 * for options RDS does not offer (convertible RIs, Savings Plans), On-Demand, and the line says why.
 */
export function priceRdsCommitment(
  c: CostComponent,
  book: PriceBook,
  option: PurchaseOption,
): CommitmentPrice {
  const main = book.lookup(c.filter);
  if (!main) {
    const gap = book.gapFor(c.filter);
    return {
      ok: false,
      filter: describeFilter(c.filter),
      reason: gap
        ? `needs a live price refresh: ${gap.what}. ${gap.reason}`
        : `needs a live price refresh: no price for ${describeFilter(c.filter)}`,
    };
  }
  const hourly = hourlyOf(main);
  if (!hourly)
    return {
      ok: false,
      filter: describeFilter(c.filter),
      reason: `Price unit "${main.product.onDemand[0]?.unit ?? '?'}" is not hourly`,
    };
  const p = parsePurchaseOption(option);
  const onDemand = (note: string | null): CommitmentPrice => ({
    ok: true,
    hourly,
    upfront: new Money(0),
    termMonths: null,
    source: main.source,
    applied: 'on-demand',
    note,
  });
  if (p.kind === 'on-demand') return onDemand(null);
  if (p.kind === 'savings-plan') return onDemand('Priced On-Demand: Savings Plans do not cover Amazon RDS.');
  if (p.offeringClass === 'convertible')
    return onDemand('Priced On-Demand: Amazon RDS has no Convertible Reserved Instances.');
  const term = findReserved(main.product, p);
  if (!term) {
    const gap = book.gap('rds-reserved');
    return onDemand(
      `Priced On-Demand: ${gap ? `${gap.what} need a live price refresh. ${gap.reason}` : 'no RDS Reserved Instance rate for this option.'}`,
    );
  }
  return {
    ok: true,
    hourly: new Money(term.hourlyUsd),
    upfront: new Money(term.upfrontUsd),
    termMonths: p.termMonths,
    source: main.source,
    applied: option,
    note: null,
  };
}

/** Effective monthly = hourly × 730 + upfront ÷ term months (AWS's amortisation). */
export function effectiveMonthly(hourly: Money, upfront: Money, termMonths: number | null): Money {
  const recurring = hourly.times(HOURS_PER_MONTH);
  return termMonths ? recurring.plus(upfront.div(termMonths)) : recurring;
}
