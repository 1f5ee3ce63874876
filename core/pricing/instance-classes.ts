/**
 * What an EC2 instance type name tells us, for sizing and for where the licence-price rule applies.
 * Name anatomy: <family letters><generation><attributes>.<size>, e.g. m6i.xlarge, r5ad.2xlarge, c7i-flex.large.
 */
export interface InstanceClass {
  family: string;
  letters: string;
  generation: number;
  /** Attribute letters after the generation: i = Intel, a = AMD, g = Graviton, d = local NVMe, n = network… */
  suffix: string;
  architecture: 'x86_64' | 'arm64';
  burstable: boolean;
  accelerated: boolean;
  /** Current generation in the sense of AWS's "latest two to three generations in each family". */
  currentGeneration: boolean;
  /** Whether Windows / SQL Server LI price = Linux + vCPU × rate is known to hold for this type. */
  licenceRuleApplies: boolean;
}

const ACCELERATED = new Set(['p', 'g', 'gr', 'inf', 'trn', 'dl', 'f', 'vt', 'hpc', 'mac']);

/** Oldest generation still current, per family letters; families not listed are not used for sizing. */
const CURRENT_FROM: Readonly<Record<string, number>> = { m: 5, c: 5, r: 5, x: 2, z: 1, i: 3, d: 3, t: 3 };
/** Oldest generation the licence rule was checked on (c4, x1 in pricing-source Task 1). */
const LICENCE_RULE_FROM: Readonly<Record<string, number>> = { m: 4, c: 4, r: 4, x: 1, z: 1, i: 3, d: 3 };

export function classifyInstanceType(instanceType: string): InstanceClass {
  const family = instanceType.split('.')[0] ?? instanceType;
  const m = /^([a-z]+)(\d*)([a-z-]*)$/.exec(family);
  const letters = m?.[1] ?? family;
  const generation = m?.[2] ? Number(m[2]) : 0;
  const suffix = m?.[3] ?? '';
  const highMemory = family.startsWith('u-');
  const architecture = /g/.test(suffix) ? 'arm64' : 'x86_64';
  const burstable = letters === 't';
  const accelerated = ACCELERATED.has(letters);
  const flex = suffix.includes('flex');
  const currentFrom = CURRENT_FROM[letters];
  const currentGeneration =
    !highMemory && !accelerated && currentFrom !== undefined && generation >= currentFrom;
  const ruleFrom = LICENCE_RULE_FROM[letters];
  const licenceRuleApplies =
    architecture === 'x86_64' &&
    !burstable &&
    !accelerated &&
    !flex &&
    !highMemory &&
    ruleFrom !== undefined &&
    generation >= ruleFrom;
  return {
    family,
    letters,
    generation,
    suffix,
    architecture,
    burstable,
    accelerated,
    currentGeneration,
    licenceRuleApplies,
  };
}
