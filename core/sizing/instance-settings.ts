import type { Ec2Node, Volume } from '../model/topology';
import { toTopologyVolume } from './ebs-volumes';
import type { SizingResult } from './size-server';

/**
 * What the topology takes from sizing for one instance (the wiring between the two, kept here so
 * build-topology stays a one-liner per field).
 */

/**
 * Optimize CPUs for an instance of `instanceType` running `sizing`'s server: its own settings when
 * the type is the one sized for it. When a cluster runs every replica on the largest type sized for
 * any of them, the replica takes the settings sized for that type, so it can carry the primary's load.
 */
export function cpuOptionsFor(
  instanceType: string | undefined,
  sizing: SizingResult | undefined,
  all: ReadonlyMap<string, SizingResult>,
): Ec2Node['optimizeCpu'] {
  if (!instanceType || !sizing) return null;
  const pick = (s: SizingResult) =>
    s.optimizeCpu
      ? { coreCount: s.optimizeCpu.coreCount, threadsPerCore: s.optimizeCpu.threadsPerCore }
      : null;
  if (sizing.chosen?.instanceType === instanceType) return pick(sizing);
  for (const s of all.values())
    if (
      s.role === sizing.role &&
      s.sqlEdition === sizing.sqlEdition &&
      s.chosen?.instanceType === instanceType
    )
      return pick(s);
  return null;
}

/** The server's EBS volumes as sizing planned them, in the topology's shape; undefined without sizing. */
export function volumesFromSizing(sizing: SizingResult | undefined): Volume[] | undefined {
  return sizing?.volumes.map(toTopologyVolume);
}
