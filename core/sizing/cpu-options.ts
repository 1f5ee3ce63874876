import type { SqlEdition } from '../model/inventory';
import { minimumLicensedVcpu } from '../pricing/resources/ec2-instance';
import { Money } from '../util/money';
import type { CatalogEntry } from './instance-catalog';

/**
 * Optimize CPUs for License Included SQL Server: AWS bills the Windows + SQL Server licence per
 * active vCPU (at least 4 for Standard and Enterprise), while the instance keeps all its memory. So a
 * SQL Server that needs memory more than CPU runs a memory-rich type with some cores switched off.
 *
 * The price with fewer vCPUs active is computed here from the catalog's two parts, because the price
 * book holds whole-instance prices only: licence per vCPU = (License Included − Linux) ÷ billed vCPUs;
 * price = Linux + licence per vCPU × billed active vCPUs. The pricing estimate prices the topology's
 * `optimizeCpu` the same way.
 */

export interface CpuOptions {
  coreCount: number;
  threadsPerCore: 1 | 2;
  /** coreCount × threadsPerCore. */
  activeVcpu: number;
}

/** Editions whose licence is included in the hourly price and billed per vCPU. */
export function licenceIsPerVcpu(edition: SqlEdition): boolean {
  return edition === 'web' || edition === 'standard' || edition === 'enterprise';
}

/**
 * Core counts the delivery team can set: even counts up to the type's cores, and the full count.
 * (AWS lists valid core counts per type; even counts are valid on current Intel and AMD types. The
 * CloudFormation README tells the team to confirm with `aws ec2 describe-instance-types`.)
 */
export function validCoreCounts(entry: Pick<CatalogEntry, 'defaultCores'>): number[] {
  const out: number[] = [];
  for (let c = 2; c < entry.defaultCores; c += 2) out.push(c);
  out.push(entry.defaultCores);
  return out;
}

/**
 * The fewest active vCPUs, at least `requiredVcpu`, the type can run with; one thread per core
 * preferred (each licensed vCPU is then a whole core). Null when every vCPU must stay active.
 */
export function fewestActiveVcpu(
  entry: Pick<CatalogEntry, 'vcpu' | 'defaultCores' | 'defaultThreadsPerCore' | 'burstable'>,
  requiredVcpu: number,
): CpuOptions | null {
  if (entry.burstable || entry.vcpu <= requiredVcpu) return null;
  let best: CpuOptions | null = null;
  const threads: (1 | 2)[] = entry.defaultThreadsPerCore === 2 ? [1, 2] : [1];
  for (const tpc of threads)
    for (const cores of validCoreCounts(entry)) {
      const active = cores * tpc;
      if (active < requiredVcpu || active > entry.vcpu) continue;
      if (!best || active < best.activeVcpu)
        best = { coreCount: cores, threadsPerCore: tpc, activeVcpu: active };
    }
  return best && best.activeVcpu < entry.vcpu ? best : null;
}

/**
 * Hourly price with `activeVcpu` vCPUs licensed. Null when the Linux part is unknown (the price then
 * stays the full License Included price).
 */
export function priceWithActiveVcpu(
  entry: CatalogEntry,
  edition: SqlEdition,
  activeVcpu: number,
): string | null {
  if (entry.linuxHourlyUsd === null) return null;
  const floor = minimumLicensedVcpu(edition);
  const billedAll = Math.max(entry.vcpu, floor);
  const billedActive = Math.max(activeVcpu, floor);
  const linux = new Money(entry.linuxHourlyUsd);
  const licence = new Money(entry.hourlyUsd).minus(linux);
  if (licence.isNegative()) return null;
  return linux.plus(licence.div(billedAll).times(billedActive)).toDecimalPlaces(6).toFixed();
}
