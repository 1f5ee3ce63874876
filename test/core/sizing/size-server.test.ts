import { describe, expect, it } from 'vitest';
import { NO_UTILIZATION, type Server } from '../../../core/model/inventory';
import { buildInstanceCatalog } from '../../../core/sizing/instance-catalog';
import { requiredCapacity, sizeServer } from '../../../core/sizing/size-server';
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
const OPTIONS = { headroom: 1.3, region: 'ap-south-1', percentile: 'p95' } as const;

describe('sizing', () => {
  it('requires allocated × p95 × headroom, rounded up to whole vCPUs', () => {
    expect(
      requiredCapacity(server({ vcpu: 8, cpu: at95(58), memoryGib: 16, memory: at95(72) }), OPTIONS),
    ).toMatchObject({ vcpu: 7, memoryGib: 15 });
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
    expect(req.notes.join(' ')).toMatch(/minimum for SQL Server licensing/);
  });

  it('sizes as on premises, with low confidence, when utilisation is missing', () => {
    const { result } = sizeServer(
      server({ cpu: at95(null), memory: at95(null) }),
      buildInstanceCatalog(priceContext().instanceTypes, priceContext().book, 'none'),
      OPTIONS,
    );
    expect(result.required).toEqual({ vcpu: 8, memoryGib: 32 });
    expect(result.confidence).toBe('low');
    expect(result.rationale).toMatch(/as on premises/);
  });

  it('chooses the cheapest Windows type that meets both needs, and lists two dearer alternatives with their monthly difference', () => {
    const { book, instanceTypes } = priceContext();
    const catalog = buildInstanceCatalog(instanceTypes, book, 'none');
    const { result } = sizeServer(
      server({ vcpu: 4, cpu: at95(90), memoryGib: 16, memory: at95(60) }),
      catalog,
      OPTIONS,
    );
    const fits = catalog.filter(
      (e) => e.vcpu >= result.required.vcpu && e.memoryGib >= result.required.memoryGib,
    );
    const cheapest = fits.reduce((a, b) => (new Money(b.hourlyUsd).lt(a.hourlyUsd) ? b : a));
    expect(result.chosen?.hourlyUsd).toBe(cheapest.hourlyUsd);
    expect(result.alternatives).toHaveLength(2);
    for (const alt of result.alternatives) {
      expect(new Money(alt.monthlyDeltaUsd).gte(0)).toBe(true);
      expect(alt.monthlyDeltaUsd).toBe(
        new Money(alt.hourlyUsd)
          .minus(result.chosen?.hourlyUsd ?? 0)
          .times(730)
          .toFixed(2),
      );
    }
  });

  it('never picks Graviton, burstable, bare-metal or previous-generation types for Windows', () => {
    const { book, instanceTypes } = priceContext();
    const catalog = buildInstanceCatalog(instanceTypes, book, 'none');
    expect(catalog.length).toBeGreaterThan(100);
    for (const e of catalog)
      expect(e.instanceType).not.toMatch(/^(t\d|m4|c4|r4)|^[a-z]+\d+[a-z]*g[a-z]*\.|metal/);
  });

  it('prices SQL Server under its edition, so fewer vCPUs with more memory win', () => {
    const { book, instanceTypes } = priceContext();
    const catalog = buildInstanceCatalog(instanceTypes, book, 'enterprise');
    const { result } = sizeServer(
      server({ role: 'sql', sqlEdition: 'enterprise', vcpu: 16, cpu: at95(14), memoryGib: 128 }),
      catalog,
      OPTIONS,
    );
    expect(result.chosen).toMatchObject({ vcpu: 4, memoryGib: 128 });
  });

  it('says so when nothing fits', () => {
    const { book, instanceTypes } = priceContext();
    const { result, issues } = sizeServer(
      server({ vcpu: 8, memoryGib: 30000, memory: at95(null) }),
      buildInstanceCatalog(instanceTypes, book, 'none'),
      OPTIONS,
    );
    expect(result.chosen).toBeNull();
    expect(issues[0]).toMatchObject({ code: 'sizing.no-instance-fits', severity: 'error' });
  });
});
