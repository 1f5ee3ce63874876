import type { Server } from '../model/inventory';
import type { CatalogEntry } from './instance-catalog';

/**
 * Which instance families each role may run on (README, "How servers are sized"):
 * - SQL Server: memory-optimised r family (x2iedn too when it needs more than 8 GiB per vCPU;
 *   z1d or r5b only when the architect asks for them).
 * - Bot runners and the control room: general-purpose m family; burstable t3/t3a only when the
 *   project allows burstable types and the server's average load fits the type's baseline.
 * - Web, app and other servers: general purpose, compute or memory optimised.
 */

export const SQL_EXTRA_FAMILIES = ['z1d', 'r5b'] as const;
export type SqlExtraFamily = (typeof SQL_EXTRA_FAMILIES)[number];

/** r-family memory per vCPU; above it a SQL Server is memory-bound. */
export const R_FAMILY_GIB_PER_VCPU = 8;

/**
 * Baseline CPU per vCPU a T3/T3A earns credits for (AWS, "Burstable performance instances",
 * baseline performance per vCPU): above it the instance spends credits.
 */
export const BURSTABLE_BASELINE: Readonly<Record<string, number>> = {
  nano: 0.05,
  micro: 0.1,
  small: 0.2,
  medium: 0.2,
  large: 0.3,
  xlarge: 0.4,
  '2xlarge': 0.4,
};

export interface FamilyRule {
  /** Shown to the customer: "memory-optimised (r family)". */
  label: string;
  /** Why, in a sentence fragment. */
  reason: string;
  accepts(entry: CatalogEntry): boolean;
}

export interface FamilyContext {
  server: Pick<Server, 'role' | 'vcpu' | 'cpu'>;
  required: { vcpu: number; memoryGib: number };
  headroom: number;
  allowBurstable: boolean;
  sqlExtraFamilies: readonly SqlExtraFamily[];
}

/**
 * A burstable type fits when the average load, with the comfort factor, stays within the type's
 * baseline (so it earns more credits than it spends) and its vCPUs cover the peak requirement.
 */
export function burstableFits(entry: CatalogEntry, ctx: FamilyContext): boolean {
  const avg = ctx.server.cpu.avg;
  if (!ctx.allowBurstable || avg === null || !/^t3a?$/.test(entry.family)) return false;
  const baseline = BURSTABLE_BASELINE[entry.instanceType.split('.')[1] ?? ''];
  if (baseline === undefined) return false;
  const sustainedVcpu = ctx.server.vcpu * (avg / 100) * ctx.headroom;
  return sustainedVcpu <= entry.vcpu * baseline;
}

export function familyRuleFor(ctx: FamilyContext): FamilyRule {
  const role = ctx.server.role;
  if (role === 'sql') {
    const memoryBound = ctx.required.memoryGib / Math.max(1, ctx.required.vcpu) > R_FAMILY_GIB_PER_VCPU;
    const extra = new Set<string>(ctx.sqlExtraFamilies);
    const names = ['r', ...(memoryBound ? ['x2iedn'] : []), ...ctx.sqlExtraFamilies];
    return {
      label: `memory-optimised (${names.join(', ')})`,
      reason: memoryBound
        ? `SQL Server runs on memory-optimised types; it needs more than ${R_FAMILY_GIB_PER_VCPU} GiB per vCPU, so x2iedn is considered too`
        : 'SQL Server runs on memory-optimised types (r family)',
      accepts: (e) =>
        !e.burstable &&
        ((/^r\d+[a-z]*$/.test(e.family) && e.family !== 'r5b') ||
          (memoryBound && e.family === 'x2iedn') ||
          extra.has(e.family)),
    };
  }
  const burstNote = ctx.allowBurstable ? '; burstable t3/t3a when the average load fits their baseline' : '';
  if (role === 'bot' || role === 'control-room')
    return {
      label: 'general-purpose (m family)',
      reason: `${role === 'bot' ? 'Bot runners' : 'The control room'} run on general-purpose types (m family)${burstNote}`,
      accepts: (e) => (e.burstable ? burstableFits(e, ctx) : /^m\d+[a-z]*$/.test(e.family)),
    };
  return {
    label: 'general purpose, compute or memory optimised',
    reason: `${role === 'web' ? 'Web' : role === 'app' ? 'Application' : 'Other'} servers run on any general-purpose, compute- or memory-optimised type${burstNote}`,
    accepts: (e) => (e.burstable ? burstableFits(e, ctx) : true),
  };
}
