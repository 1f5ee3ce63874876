import { describe, expect, it } from 'vitest';
import { NO_UTILIZATION, type Server } from '../../../core/model/inventory';
import {
  buildInstanceCatalog,
  type CatalogEntry,
  type InstanceCatalog,
} from '../../../core/sizing/instance-catalog';
import { requiredCapacity, sizeServer, type SizingOptions } from '../../../core/sizing/size-server';
import { Money } from '../../../core/util/money';
import { priceContext } from '../../helpers/example';

const at95 = (p95: number | null) => ({ ...NO_UTILIZATION, p95 });
const server = (over: Partial<Server>): Server => ({
  id: 's',
  name: 'S',
  role: 'bot',
  os: 'Windows Server 2019',
  vcpu: 8,
  memoryGib: 32,
  storageGib: 100,
  roleInferred: false,
  cpu: at95(50),
  memory: at95(50),
  diskIopsP95: null,
  sqlEdition: 'none',
  applications: [],
  concurrentAutomations: null,
  pinnedInstanceType: null,
  source: null,
  ...over,
});
const OPTIONS: SizingOptions = { headroom: 1.3, region: 'ap-south-1', percentile: 'p95' };
const catalogFor = (edition: Server['sqlEdition']) =>
  buildInstanceCatalog(priceContext().instanceTypes, priceContext().book, edition);

describe('the methodology’s worked cases', () => {
  it('16 vCPU at 20% with factor 1.5 → 8 vCPU', () => {
    const { result } = sizeServer(
      server({ vcpu: 16, cpu: at95(20), memoryGib: 32, memory: at95(50) }),
      catalogFor('none'),
      { ...OPTIONS, headroom: 1.5 },
    );
    // 16 × 20% × 1.5 = 4.8 → 5 vCPU required, rounded up to what instances offer: 8.
    expect(result.required.vcpu).toBe(5);
    expect(result.chosen?.vcpu).toBe(8);
    expect(result.rationale).toMatch(
      /^16 vCPU at p95 20% × 1\.5 = 4\.8 → 5 vCPU; 32 GiB at p95 50% × 1\.5 = 24\.0 → 24 GiB → m[\w-]+\.2xlarge\.$/,
    );
  });

  it('a SQL server of 8 vCPU / 64 GiB at 30% CPU and 80% memory → 4 active vCPU and at least 64 GiB', () => {
    const { result } = sizeServer(
      server({
        role: 'sql',
        sqlEdition: 'standard',
        vcpu: 8,
        cpu: at95(30),
        memoryGib: 64,
        memory: at95(80),
      }),
      catalogFor('standard'),
      OPTIONS,
    );
    expect(result.required).toMatchObject({ vcpu: 4, memoryGib: 64 });
    expect(result.chosen?.activeVcpu).toBe(4);
    expect(result.chosen?.memoryGib).toBeGreaterThanOrEqual(64);
    expect(result.optimizeCpu).toMatchObject({ coreCount: 4, threadsPerCore: 1, activeVcpu: 4 });
    expect(result.chosen?.instanceType).toMatch(/^r\d+[a-z]*\.2xlarge$/);
    expect(result.rationale).toBe(
      `8 vCPU at p95 30% × 1.3 = 3.1 → 4 vCPU; 64 GiB kept for the SQL buffer pool → ${result.chosen?.instanceType} with 4 cores active.`,
    );
  });
});

describe('requirement', () => {
  it('is allocated × percentile × comfort factor, rounded up to whole vCPUs and 0.1 GiB', () => {
    expect(
      requiredCapacity(server({ vcpu: 8, cpu: at95(58), memoryGib: 16, memory: at95(72) }), OPTIONS),
    ).toMatchObject({
      vcpu: 7,
      memoryGib: 15,
    });
  });

  it('keeps SQL Server memory and at least 4 vCPU whatever the utilisation says', () => {
    const req = requiredCapacity(
      server({
        role: 'sql',
        sqlEdition: 'enterprise',
        vcpu: 16,
        cpu: at95(5),
        memoryGib: 128,
        memory: at95(30),
      }),
      OPTIONS,
    );
    expect(req).toMatchObject({ vcpu: 4, memoryGib: 128 });
    expect(req.cpuText).toBe('16 vCPU at p95 5% × 1.3 = 1.0 → 4 vCPU (the SQL Server minimum)');
    expect(req.notes.join(' ')).toMatch(/minimum for SQL Server licensing/);
  });

  it('sizes as on premises, with low confidence, when utilisation is missing', () => {
    const { result } = sizeServer(
      server({ cpu: at95(null), memory: at95(null) }),
      catalogFor('none'),
      OPTIONS,
    );
    expect(result.required).toMatchObject({ vcpu: 8, memoryGib: 32 });
    expect(result.confidence).toBe('low');
    expect(result.rationale).toMatch(/^8 vCPU kept \(no CPU figures\); 32 GiB kept \(no memory figures\)/);
  });

  it('falls back to the next higher percentile when the chosen one is missing, says so and lowers the confidence', () => {
    const { result } = sizeServer(
      server({
        cpu: { ...NO_UTILIZATION, avg: 30, max: 60 },
        memory: { ...NO_UTILIZATION, avg: 40, max: 55 },
      }),
      catalogFor('none'),
      OPTIONS,
    );
    expect(result.utilization).toMatchObject({
      cpuPct: 60,
      cpuSource: 'max',
      memoryPct: 55,
      memorySource: 'max',
    });
    expect(result.rationale).toMatch(/^8 vCPU at max 60% \(no p95\) × 1\.3 = 6\.2 → 7 vCPU/);
    expect(result.confidence).toBe('medium');
    expect(result.details.join(' ')).toMatch(/no p95 CPU figure, so the max was used/);
    // With the p95 present, the same server is high confidence.
    expect(sizeServer(server({}), catalogFor('none'), OPTIONS).result.confidence).toBe('high');
  });
});

describe('choice', () => {
  it('runs bot runners and the control room on the cheapest general-purpose m-family type that fits', () => {
    const catalog = catalogFor('none');
    for (const role of ['bot', 'control-room'] as const) {
      const { result } = sizeServer(
        server({ role, vcpu: 4, cpu: at95(90), memoryGib: 16, memory: at95(60) }),
        catalog,
        OPTIONS,
      );
      const fits = catalog.entries.filter(
        (e) =>
          /^m\d+[a-z]*$/.test(e.family) &&
          e.vcpu >= result.required.vcpu &&
          e.memoryGib >= result.required.memoryGib,
      );
      const cheapest = fits.reduce((a, b) => (new Money(b.hourlyUsd).lt(a.hourlyUsd) ? b : a));
      expect(result.chosen?.hourlyUsd).toBe(cheapest.hourlyUsd);
      expect(result.family).toBe('general-purpose (m family)');
      expect(result.alternatives).toHaveLength(2);
      for (const alt of result.alternatives)
        expect(alt.monthlyDeltaUsd).toBe(
          new Money(alt.hourlyUsd)
            .minus(result.chosen?.hourlyUsd ?? 0)
            .times(730)
            .toFixed(2),
        );
    }
  });

  it('lets web and app servers use compute-optimised types too', () => {
    const { result } = sizeServer(
      server({ role: 'web', vcpu: 8, cpu: at95(60), memoryGib: 16, memory: at95(60) }),
      catalogFor('none'),
      OPTIONS,
    );
    expect(result.chosen?.instanceType).toMatch(/^c/);
  });

  it('never picks Graviton, bare-metal or previous-generation types for Windows', () => {
    const catalog = catalogFor('none');
    expect(catalog.entries.length).toBeGreaterThan(100);
    for (const e of catalog.entries) {
      expect(e.instanceType).not.toMatch(/^(m4|c4|r4)\.|^[a-z]+\d+[a-z]*g[a-z]*\.|metal/);
      expect(e.currentGeneration).toBe(true);
    }
  });

  it('prices SQL Server under its edition with Optimize CPUs: the cheapest price with the reduced licence wins', () => {
    const catalog = catalogFor('enterprise');
    const { result } = sizeServer(
      server({
        role: 'sql',
        sqlEdition: 'enterprise',
        vcpu: 16,
        cpu: at95(14),
        memoryGib: 128,
        memory: at95(90),
      }),
      catalog,
      OPTIONS,
    );
    expect(result.required).toMatchObject({ vcpu: 4, memoryGib: 128 });
    const chosen = catalog.byType.get(result.chosen?.instanceType ?? '') as CatalogEntry;
    // Linux part + the licence for 4 active vCPU (licence per vCPU = (full − Linux) ÷ vCPU).
    const linux = new Money(chosen.linuxHourlyUsd ?? 0);
    const perVcpu = new Money(chosen.hourlyUsd).minus(linux).div(chosen.vcpu);
    expect(new Money(result.chosen?.hourlyUsd ?? 0).toFixed(6)).toBe(linux.plus(perVcpu.times(4)).toFixed(6));
    // Every other fitting r-family type costs at least as much with its own fewest active vCPUs.
    for (const alt of result.alternatives) expect(new Money(alt.monthlyDeltaUsd).gte(0)).toBe(true);
    expect(new Money(result.optimizeCpu?.monthlySavingUsd ?? 0).gt(1000)).toBe(true);
    expect(result.details.join(' ')).toMatch(/Optimize CPUs: \d+ cores × \d threads? = 4 of \d+ vCPU active/);
  });

  it('considers x2iedn for a memory-bound SQL Server, and z1d only when asked', () => {
    const sql = server({
      role: 'sql',
      sqlEdition: 'standard',
      vcpu: 8,
      cpu: at95(30),
      memoryGib: 512,
      memory: at95(90),
    });
    const normal = sizeServer(sql, catalogFor('standard'), OPTIONS).result;
    expect(normal.family).toBe('memory-optimised (r, x2iedn)');
    const small = sizeServer(server({ ...sql, memoryGib: 32 }), catalogFor('standard'), OPTIONS).result;
    expect(small.family).toBe('memory-optimised (r)');
    const withZ1d = sizeServer(server({ ...sql, memoryGib: 32, cpu: at95(80) }), catalogFor('standard'), {
      ...OPTIONS,
      sqlExtraFamilies: ['z1d'],
    }).result;
    expect(withZ1d.family).toBe('memory-optimised (r, z1d)');
  });

  it('warns that SQL Server Standard caps cores and buffer pool, and suggests Enterprise', () => {
    const { issues } = sizeServer(
      server({
        role: 'sql',
        sqlEdition: 'standard',
        vcpu: 48,
        cpu: at95(70),
        memoryGib: 384,
        memory: at95(90),
      }),
      catalogFor('standard'),
      OPTIONS,
    );
    expect(issues.map((i) => i.code)).toEqual([
      'sizing.sql-edition-core-cap',
      'sizing.sql-edition-memory-cap',
    ]);
    expect(issues[0]?.hint).toMatch(/Enterprise/);
  });

  it('says so when nothing fits', () => {
    const { result, issues } = sizeServer(
      server({ vcpu: 8, memoryGib: 30000, memory: at95(null) }),
      catalogFor('none'),
      OPTIONS,
    );
    expect(result.chosen).toBeNull();
    expect(result.rationale).toMatch(/no instance type fits\.$/);
    expect(issues[0]).toMatchObject({ code: 'sizing.no-instance-fits', severity: 'error' });
  });
});

describe('burstable types', () => {
  // A catalog with one general-purpose and two burstable types, priced as the snapshot would.
  const entry = (
    instanceType: string,
    vcpu: number,
    memoryGib: number,
    hourlyUsd: string,
    burstable: boolean,
  ): CatalogEntry => ({
    instanceType,
    family: instanceType.split('.')[0] as string,
    category: 'General purpose',
    vcpu,
    memoryGib,
    hourlyUsd,
    derivedPrice: false,
    linuxHourlyUsd: null,
    burstable,
    currentGeneration: true,
    defaultCores: vcpu / 2,
    defaultThreadsPerCore: 2,
  });
  const entries = [
    entry('t3.large', 2, 8, '0.1108', true),
    entry('t3.xlarge', 4, 16, '0.24', true),
    entry('m6i.xlarge', 4, 16, '0.386', false),
  ];
  const catalog: InstanceCatalog = {
    edition: 'none',
    entries,
    byType: new Map(entries.map((e) => [e.instanceType, e])),
  };
  const idle = server({
    vcpu: 4,
    memoryGib: 16,
    cpu: { ...NO_UTILIZATION, avg: 12, p95: 45 },
    memory: at95(50),
  });

  it('are chosen only when the project allows them and the average load fits the baseline', () => {
    expect(sizeServer(idle, catalog, OPTIONS).result.chosen?.instanceType).toBe('m6i.xlarge');
    const allowed = sizeServer(idle, catalog, { ...OPTIONS, allowBurstable: true }).result;
    // 4 vCPU × 12% × 1.3 = 0.62 vCPU sustained ≤ t3.xlarge's 4 × 40% baseline.
    expect(allowed.chosen).toMatchObject({ instanceType: 't3.xlarge', burstable: true });
    expect(allowed.details.join(' ')).toMatch(/Burstable: the average CPU/);
    const busy = server({ ...idle, cpu: { ...NO_UTILIZATION, avg: 45, p95: 45 } });
    expect(sizeServer(busy, catalog, { ...OPTIONS, allowBurstable: true }).result.chosen?.instanceType).toBe(
      'm6i.xlarge',
    );
  });

  it('are never chosen for SQL Server', () => {
    const sql = server({ ...idle, role: 'sql', sqlEdition: 'none' });
    expect(
      sizeServer(sql, catalog, { ...OPTIONS, allowBurstable: true }).result.chosen?.burstable ?? false,
    ).toBe(false);
  });
});

describe('pins', () => {
  it('report the pinned type as chosen, with what sizing would choose and the monthly difference', () => {
    const catalog = catalogFor('none');
    const free = sizeServer(server({}), catalog, OPTIONS).result;
    const pinned = sizeServer(server({ pinnedInstanceType: 'm6i.4xlarge' }), catalog, OPTIONS);
    expect(pinned.result.chosen?.instanceType).toBe('m6i.4xlarge');
    expect(pinned.result.pin).toMatchObject({
      instanceType: 'm6i.4xlarge',
      meetsRequirement: true,
      recommended: { instanceType: free.chosen?.instanceType },
    });
    const delta = new Money(pinned.result.chosen?.hourlyUsd ?? 0)
      .minus(free.chosen?.hourlyUsd ?? 0)
      .times(730)
      .toFixed(2);
    expect(pinned.result.pin?.monthlyDeltaUsd).toBe(delta);
    expect(pinned.result.rationale).toMatch(
      new RegExp(
        `→ m6i\\.4xlarge, pinned by the architect \\(sizing would choose ${free.chosen?.instanceType}, \\$[\\d,.]+ a month less\\)\\.$`,
      ),
    );
    expect(pinned.issues).toEqual([]);
  });

  it('warn when the pinned type is below the requirement, or not offered in the region', () => {
    const catalog = catalogFor('none');
    const small = sizeServer(server({ pinnedInstanceType: 'm6i.large' }), catalog, OPTIONS);
    expect(small.result.pin?.meetsRequirement).toBe(false);
    expect(small.issues[0]).toMatchObject({ code: 'sizing.pin-below-requirement', severity: 'warning' });
    const unknown = sizeServer(server({ pinnedInstanceType: 'zz9.huge' }), catalog, OPTIONS);
    expect(unknown.issues[0]).toMatchObject({ code: 'sizing.pin-unavailable' });
    expect(unknown.result.chosen?.instanceType).toBe(
      sizeServer(server({}), catalog, OPTIONS).result.chosen?.instanceType,
    );
  });
});
