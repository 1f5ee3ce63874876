import type { Server } from '../model/inventory';
import type { Volume } from '../model/topology';

/**
 * EBS volumes per server, sized from its storage and disk IOPS (README, "How servers are sized").
 *
 * - Every server: C: (Windows, 100 GiB gp3: room for updates and the page file).
 * - Other roles: D: data, the on-premises storage rounded up to 10 GiB (at least 20 GiB).
 * - SQL Server: the on-premises storage split as data 70 %, log 20 %, tempdb 10 % (each rounded up to
 *   10 GiB, with floors), plus a backup volume for native backups staged before they go to S3 (half the
 *   data volume: a compressed full backup and a day of log backups).
 * - IOPS: the server's disk IOPS (95th percentile, × the comfort factor) split like the storage. Each
 *   volume gets gp3's included 3,000 IOPS when that covers it, provisioned gp3 IOPS up to 16,000, and
 *   io2 above that; a volume grows when its type needs more GiB per IOPS (gp3 500:1, io2 1,000:1).
 */

export const OS_VOLUME_GIB = 100;
export const MIN_DATA_VOLUME_GIB = 20;
export const GP3_BASELINE_IOPS = 3000;
export const GP3_BASELINE_THROUGHPUT_MIBPS = 125;
export const GP3_MAX_IOPS = 16000;
export const IO2_MAX_IOPS = 256000;

export type VolumePurpose = 'os' | 'data' | 'sql-data' | 'sql-log' | 'sql-tempdb' | 'sql-backup';

export interface PlannedVolume extends Volume {
  purpose: VolumePurpose;
  /** Why this size and type, in one line. */
  rationale: string;
}

function roundUp(n: number, step: number): number {
  return Math.ceil(n / step - 1e-9) * step;
}

/** gp3 baseline, provisioned gp3, or io2, by the IOPS the volume must sustain. */
function typed(
  base: { name: string; device: Volume['device']; purpose: VolumePurpose; sizeGib: number; sizeWhy: string },
  iops: number | null,
): PlannedVolume {
  const common = { name: base.name, device: base.device, purpose: base.purpose, encrypted: true };
  if (iops === null || iops <= GP3_BASELINE_IOPS) {
    const why =
      iops === null
        ? 'gp3 with its included 3,000 IOPS (no IOPS figure)'
        : `gp3 with its included 3,000 IOPS (needs ${iops})`;
    return {
      ...common,
      sizeGib: base.sizeGib,
      type: 'gp3',
      iops: GP3_BASELINE_IOPS,
      throughputMiBps: GP3_BASELINE_THROUGHPUT_MIBPS,
      rationale: `${base.sizeGib} GiB ${base.sizeWhy}; ${why}.`,
    };
  }
  if (iops <= GP3_MAX_IOPS) {
    const size = Math.max(base.sizeGib, roundUp(iops / 500, 10));
    return {
      ...common,
      sizeGib: size,
      type: 'gp3',
      iops,
      throughputMiBps: GP3_BASELINE_THROUGHPUT_MIBPS,
      rationale: `${size} GiB ${size > base.sizeGib ? `(raised from ${base.sizeGib} GiB: gp3 allows 500 IOPS per GiB)` : base.sizeWhy}; gp3 with ${iops} provisioned IOPS.`,
    };
  }
  const capped = Math.min(iops, IO2_MAX_IOPS);
  const size = Math.max(base.sizeGib, roundUp(capped / 1000, 10));
  return {
    ...common,
    sizeGib: size,
    type: 'io2',
    iops: capped,
    throughputMiBps: 0,
    rationale: `${size} GiB ${size > base.sizeGib ? `(raised from ${base.sizeGib} GiB: io2 allows 1,000 IOPS per GiB)` : base.sizeWhy}; io2 with ${capped} IOPS (more than gp3's 16,000)${capped < iops ? `, capped from ${iops}` : ''}.`,
  };
}

/** The volumes for one server; `headroom` is the comfort factor applied to measured IOPS. */
export function planVolumes(
  server: Pick<Server, 'role' | 'storageGib' | 'diskIopsP95'>,
  headroom: number,
): PlannedVolume[] {
  const os = typed(
    {
      name: 'C:',
      device: '/dev/sda1',
      purpose: 'os',
      sizeGib: OS_VOLUME_GIB,
      sizeWhy: 'for Windows, updates and the page file',
    },
    null,
  );
  const iops = server.diskIopsP95 === null ? null : Math.ceil(server.diskIopsP95 * headroom);
  if (server.role !== 'sql') {
    const size = Math.max(MIN_DATA_VOLUME_GIB, roundUp(server.storageGib, 10));
    return [
      os,
      typed(
        {
          name: 'D:',
          device: '/dev/xvdb',
          purpose: 'data',
          sizeGib: size,
          sizeWhy:
            size === MIN_DATA_VOLUME_GIB && server.storageGib < MIN_DATA_VOLUME_GIB
              ? '(the minimum data volume)'
              : `for ${server.storageGib} GiB on premises`,
        },
        iops,
      ),
    ];
  }
  const s = server.storageGib;
  const part = (share: number) => (iops === null ? null : Math.ceil(iops * share));
  const data = Math.max(50, roundUp(s * 0.7, 10));
  return [
    os,
    typed(
      {
        name: 'D: SQL data',
        device: '/dev/xvdb',
        purpose: 'sql-data',
        sizeGib: data,
        sizeWhy: `(70% of ${s} GiB on premises)`,
      },
      part(0.7),
    ),
    typed(
      {
        name: 'L: SQL log',
        device: '/dev/xvdc',
        purpose: 'sql-log',
        sizeGib: Math.max(20, roundUp(s * 0.2, 10)),
        sizeWhy: `(20% of ${s} GiB)`,
      },
      part(0.2),
    ),
    typed(
      {
        name: 'T: tempdb',
        device: '/dev/xvdd',
        purpose: 'sql-tempdb',
        sizeGib: Math.max(20, roundUp(s * 0.1, 10)),
        sizeWhy: `(10% of ${s} GiB)`,
      },
      part(0.1),
    ),
    typed(
      {
        name: 'B: SQL backup',
        device: '/dev/xvde',
        purpose: 'sql-backup',
        sizeGib: Math.max(50, roundUp(data * 0.5, 10)),
        sizeWhy: '(half the data volume: a compressed full backup and a day of logs, staged before S3)',
      },
      null,
    ),
  ];
}

/** A planned volume as the topology stores it (the model's Volume, without the sizing notes). */
export function toTopologyVolume(v: PlannedVolume): Volume {
  return {
    name: v.name,
    device: v.device,
    sizeGib: v.sizeGib,
    type: v.type,
    iops: v.iops,
    throughputMiBps: v.throughputMiBps,
    encrypted: v.encrypted,
  };
}
