import type { SubnetTier } from '../model/topology';

const LETTERS = ['a', 'b', 'c'] as const;

export function azLetters(count: number): string[] {
  return LETTERS.slice(0, Math.max(1, Math.min(count, LETTERS.length)));
}

/** Third octet per tier: public 0–9, app 10–19, data 20–29, so a /24 tells its tier at a glance. */
const TIER_BASE: Record<SubnetTier, number> = { public: 0, app: 10, data: 20 };

/** A /24 inside the VPC's /16 for a tier and AZ index: 10.20.0.0/16, app, AZ 1 → 10.20.11.0/24. */
export function subnetCidr(vpcCidr: string, tier: SubnetTier, azIndex: number): string {
  const [a = '10', b = '0'] = vpcCidr.split('/')[0]?.split('.') ?? [];
  return `${a}.${b}.${TIER_BASE[tier] + azIndex}.0/24`;
}
