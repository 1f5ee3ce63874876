import { describe, expect, it } from 'vitest';
import { migrateDocument } from '../../../core/project/migrate';
import { parseProject, serializeProject } from '../../../core/project/load-project';
import { planExample } from '../../helpers/example';

describe('project file', () => {
  it('round-trips a planned project exactly', async () => {
    const { project } = await planExample();
    const text = serializeProject(project);
    const back = parseProject(text, 'p.archplan.json');
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.value).toEqual(project);
    expect(text.startsWith('{\n  "format": "archplan",\n  "version": 2,')).toBe(true);
  });

  it('reports a truncated file as damaged, with a recovery hint', async () => {
    const { project } = await planExample();
    const text = serializeProject(project);
    const result = parseProject(text.slice(0, Math.floor(text.length / 2)), 'p.archplan.json');
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: 'project.not-json', path: { file: 'p.archplan.json' } });
    expect(result.issues[0]?.hint).toMatch(/backup|autosave/);
  });

  it('names the field that is wrong', async () => {
    const { project } = await planExample();
    const doc = JSON.parse(serializeProject(project));
    doc.inventory.servers[3].vcpu = 'lots';
    const result = parseProject(JSON.stringify(doc), 'p.archplan.json');
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.path?.field).toBe('inventory.servers[3].vcpu');
  });

  it('refuses a file from a newer version instead of half-reading it', () => {
    const result = parseProject(JSON.stringify({ format: 'archplan', version: 99 }), 'future.archplan.json');
    expect(result.issues[0]).toMatchObject({ code: 'project.newer-version' });
  });

  it('refuses other JSON and empty files', () => {
    expect(parseProject('{"hello":1}').issues[0]?.code).toBe('project.wrong-format');
    expect(parseProject('   ').issues[0]?.code).toBe('project.empty');
    expect(parseProject('[1,2]').issues[0]?.code).toBe('project.not-an-object');
  });

  it('catches dangling references the schema cannot see', async () => {
    const { project } = await planExample();
    const doc = JSON.parse(serializeProject(project));
    doc.topology.edges[0].target = 'ghost';
    const result = parseProject(JSON.stringify(doc));
    expect(result.issues[0]).toMatchObject({
      code: 'project.broken-reference',
      path: { field: 'topology.edges[0].target' },
    });
  });

  it('drops __proto__ keys rather than polluting prototypes', async () => {
    const { project } = await planExample();
    const text = serializeProject(project).replace(
      '"format": "archplan",',
      '"__proto__": {"polluted": true}, "format": "archplan",',
    );
    const result = parseProject(text);
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (result.ok) expect(Object.hasOwn(result.value, '__proto__')).toBe(false);
  });

  it('upgrades a version 1 file: p95 figures become utilisation records, new options get defaults', async () => {
    const { project } = await planExample();
    const v1 = JSON.parse(serializeProject(project));
    v1.version = 1;
    for (const s of v1.inventory.servers) {
      s.cpuP95Pct = s.cpu.p95;
      s.memoryP95Pct = s.memory.p95;
      for (const k of [
        'cpu',
        'memory',
        'roleInferred',
        'diskIopsP95',
        'applications',
        'concurrentAutomations',
        'pinnedInstanceType',
      ])
        delete s[k];
    }
    for (const k of [
      'percentile',
      'allowBurstable',
      'usageProfile',
      'usageOverrides',
      'connectivity',
      'domainName',
      'accountServices',
    ])
      delete v1.options[k];
    v1.options.sqlHa = 'always-on-ag';
    delete v1.topology.networkAcls;
    const result = parseProject(JSON.stringify(v1), 'old.archplan.json');
    expect(result.ok, JSON.stringify(result.issues)).toBe(true);
    if (!result.ok) return;
    expect(result.value.version).toBe(2);
    expect(result.value.inventory.servers[0]?.cpu).toEqual({
      avg: null,
      p50: null,
      p90: null,
      p95: 58,
      p99: null,
      max: null,
    });
    expect(result.value.options).toMatchObject({
      percentile: 'p95',
      usageProfile: 'medium',
      accountServices: true,
    });
    expect(result.value.topology.networkAcls).toEqual([]);
  });

  it('runs migrations one version at a time through the hook', () => {
    const steps = {
      1: (d: Record<string, unknown>) => ({ ...d, version: 2, renamed: d.old }),
      2: (d: Record<string, unknown>) => ({ ...d, version: 3 }),
    };
    const result = migrateDocument({ format: 'archplan', version: 1, old: 'x' }, steps, 3);
    expect(result).toMatchObject({ ok: true, value: { version: 3, renamed: 'x' } });
    expect(migrateDocument({ format: 'archplan', version: 1 }, {}, 2)).toMatchObject({
      ok: false,
      issues: [{ code: 'project.no-migration' }],
    });
  });
});
