import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels, isChannel, methodName } from '../../../core/ipc/contract';
import { planExample } from '../../helpers/example';

describe('IPC contract', () => {
  it('names one preload method per channel', () => {
    expect(CHANNEL_NAMES.map(methodName)).toEqual([
      'appInfo',
      'pricingSnapshot',
      'projectOpen',
      'projectSave',
      'projectRecent',
      'projectAutosave',
      'projectRecovery',
      'exportPlan',
      'exportDiagram',
    ]);
    expect(isChannel('project.save')).toBe(true);
    expect(isChannel('__proto__')).toBe(false);
    expect(isChannel('constructor')).toBe(false);
  });

  it('accepts a real project for saving', async () => {
    const { project } = await planExample();
    expect(channels['project.save'].input.safeParse({ project }).success).toBe(true);
  });

  it.each([
    ['a project with a bad field', { project: { format: 'archplan', version: 1 } }],
    ['an unknown extra key', { project: null, evil: true }],
    ['a path that is not a string', { path: 42 }],
    ['a non-object', 'project'],
  ])('rejects %s for project.save', (_, input) => {
    expect(channels['project.save'].input.safeParse(input).success).toBe(false);
  });

  it('rejects a region that is not a region code', () => {
    expect(channels['pricing.snapshot'].input.safeParse({ region: '../../etc/passwd' }).success).toBe(false);
    expect(channels['pricing.snapshot'].input.safeParse({ region: 'ap-south-1' }).success).toBe(true);
  });

  it('rejects extra keys on inputs so nothing unexpected reaches a handler', () => {
    expect(channels['app.info'].input.safeParse({ x: 1 }).success).toBe(false);
    expect(
      channels['project.open'].input.safeParse({ path: 'a.archplan.json', shell: 'rm -rf /' }).success,
    ).toBe(false);
  });

  it('takes a project and a paper size for export.plan, and nothing else', async () => {
    const { project } = await planExample();
    const input = channels['export.plan'].input;
    expect(input.safeParse({ project, paper: 'A4' }).success).toBe(true);
    expect(input.safeParse({ project, paper: 'Letter' }).success).toBe(true);
    expect(input.safeParse({ project, paper: 'A3' }).success).toBe(false);
    expect(input.safeParse({ project }).success).toBe(false);
    expect(input.safeParse({ project, paper: 'A4', dir: '/etc' }).success).toBe(false);
  });
});
