import { describe, expect, it } from 'vitest';
import { planVolumes, toTopologyVolume } from '../../../core/sizing/ebs-volumes';
import { volumeSchema } from '../../../core/model/topology';

describe('EBS volumes per server', () => {
  it('give every server a 100 GiB C: and other roles a D: sized from their storage', () => {
    expect(
      planVolumes({ role: 'bot', storageGib: 145, diskIopsP95: null }, 1.3).map((v) => [
        v.name,
        v.sizeGib,
        v.type,
        v.iops,
      ]),
    ).toEqual([
      ['C:', 100, 'gp3', 3000],
      ['D:', 150, 'gp3', 3000],
    ]);
    // Migration Hub has no disk size: the minimum data volume.
    expect(planVolumes({ role: 'app', storageGib: 0, diskIopsP95: null }, 1.3)[1]?.sizeGib).toBe(20);
  });

  it('split SQL Server storage into data, log and tempdb (70/20/10) plus a backup staging volume', () => {
    const v = planVolumes({ role: 'sql', storageGib: 1500, diskIopsP95: null }, 1.3);
    expect(v.map((x) => [x.purpose, x.name, x.device, x.sizeGib])).toEqual([
      ['os', 'C:', '/dev/sda1', 100],
      ['sql-data', 'D: SQL data', '/dev/xvdb', 1050],
      ['sql-log', 'L: SQL log', '/dev/xvdc', 300],
      ['sql-tempdb', 'T: tempdb', '/dev/xvdd', 150],
      ['sql-backup', 'B: SQL backup', '/dev/xvde', 530],
    ]);
    expect(v.every((x) => x.encrypted && x.type === 'gp3' && x.iops === 3000)).toBe(true);
    expect(v[1]?.rationale).toBe(
      '1050 GiB (70% of 1500 GiB on premises); gp3 with its included 3,000 IOPS (no IOPS figure).',
    );
  });

  it('choose gp3 baseline, provisioned gp3 IOPS or io2 by the IOPS each volume needs', () => {
    // 10,000 IOPS × 1.3 = 13,000: data 9,100 (gp3 provisioned), log 2,600 (baseline), tempdb 1,300 (baseline).
    const mid = planVolumes({ role: 'sql', storageGib: 1000, diskIopsP95: 10000 }, 1.3);
    expect(mid.slice(1, 4).map((x) => [x.type, x.iops])).toEqual([
      ['gp3', 9100],
      ['gp3', 3000],
      ['gp3', 3000],
    ]);
    // 40,000 × 1.3 = 52,000: data 36,400 → io2, grown to 1,000 IOPS per GiB… at least its 700 GiB.
    const high = planVolumes({ role: 'sql', storageGib: 1000, diskIopsP95: 40000 }, 1.3);
    expect(high[1]).toMatchObject({ type: 'io2', iops: 36400, sizeGib: 700 });
    expect(high[2]).toMatchObject({ type: 'gp3', iops: 10400, sizeGib: 200 });
    // A small, busy log volume grows to carry its provisioned IOPS (gp3: 500 IOPS per GiB).
    const small = planVolumes({ role: 'sql', storageGib: 50, diskIopsP95: 40000 }, 1.3);
    expect(small[2]).toMatchObject({ type: 'gp3', iops: 10400, sizeGib: 30 });
    expect(small[1]).toMatchObject({ type: 'io2', sizeGib: 50 });
  });

  it('are valid topology volumes once their notes are dropped', () => {
    for (const v of planVolumes({ role: 'sql', storageGib: 800, diskIopsP95: 25000 }, 1.3))
      expect(volumeSchema.safeParse(toTopologyVolume(v)).success).toBe(true);
  });
});
