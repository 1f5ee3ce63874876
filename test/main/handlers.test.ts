import type * as FsPromises from 'node:fs/promises';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serializeProject } from '../../core/project/load-project';
import { createHandlers } from '../../main/handlers/create-handlers';
import type { Channel, ChannelOutput } from '../../core/ipc/contract';
import { type DispatchResult, dispatch } from '../../main/handlers/dispatch';
import type { Handlers, HostContext } from '../../main/handlers/host-context';
import { fileStemFromProjectName } from '../../main/handlers/project-paths';
import { createRecentFilesStore } from '../../main/services/recent-files';
import { exampleProject } from './fixtures/example-project';

// Lets one test make the temporary file of an atomic save fail half-way, as a full disk would.
const fsControl = vi.hoisted(() => ({ failNextOpenFor: null as RegExp | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const open: typeof real.open = async (path, flags, mode) => {
    const handle = await real.open(path, flags, mode);
    const pattern = fsControl.failNextOpenFor;
    if (pattern && pattern.test(String(path))) {
      fsControl.failNextOpenFor = null;
      return new Proxy(handle, {
        get(target, prop, receiver) {
          if (prop === 'writeFile') {
            return async (data: string) => {
              await target.writeFile(data.slice(0, Math.floor(data.length / 2)));
              throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            };
          }
          const value: unknown = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    }
    return handle;
  };
  return { ...real, open, default: { ...real, open } };
});

const PRICING_DIR = resolve('pricing-data');
let dir: string;
const logs: string[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archplan-handlers-'));
  logs.length = 0;
});
afterEach(async () => {
  fsControl.failNextOpenFor = null;
  await rm(dir, { recursive: true, force: true });
});

function okOutput<C extends Channel>(result: DispatchResult<C>): ChannelOutput<C> {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.output)}`);
  return result.output;
}

/** These tests never export; a printer that is called anyway fails the test. */
const refusePrinting: HostContext['printPdf'] = async () => {
  throw new Error('no PDF should be printed here');
};

function desktopContext(over: Partial<HostContext> = {}): HostContext {
  return {
    mode: 'desktop',
    version: '9.9.9',
    pricingDataDir: PRICING_DIR,
    workspaceDir: null,
    recentFiles: createRecentFilesStore(join(dir, 'user-data', 'recent-files.json')),
    pickOpenPath: async () => null,
    pickSavePath: async () => null,
    printPdf: refusePrinting,
    log: (m) => logs.push(m),
    ...over,
  };
}

async function browserContext(): Promise<{ ctx: HostContext; workspace: string }> {
  const workspace = join(dir, 'workspace');
  await mkdir(workspace);
  return {
    ctx: {
      mode: 'browser',
      version: '9.9.9',
      pricingDataDir: PRICING_DIR,
      workspaceDir: workspace,
      recentFiles: null,
      printPdf: refusePrinting,
      log: (m) => logs.push(m),
    },
    workspace,
  };
}

describe('project.save and project.open on the desktop', () => {
  it('saves through the Save dialog and opens the same project again', async () => {
    const project = await exampleProject();
    const chosen = join(dir, 'Acme estate');
    const suggested: string[] = [];
    const handlers = createHandlers(
      desktopContext({ pickSavePath: async (name) => (suggested.push(name), chosen) }),
    );

    const saved = await dispatch(handlers, 'project.save', { project });
    expect(suggested).toEqual(['Acme-Corp-RPA-estate-phase-2.archplan.json']);
    expect(saved.output).toEqual({ status: 'saved', path: `${chosen}.archplan.json` });
    expect(await readFile(`${chosen}.archplan.json`, 'utf8')).toBe(serializeProject(project));

    const opened = await dispatch(handlers, 'project.open', { path: `${chosen}.archplan.json` });
    expect(opened.ok).toBe(true);
    expect(opened.output).toMatchObject({ status: 'opened', path: `${chosen}.archplan.json`, issues: [] });
    if (opened.output.status !== 'opened') throw new Error('not opened');
    expect(opened.output.project).toEqual(project);
  });

  it('opens through the Open dialog, and reports a cancelled dialog as cancelled', async () => {
    const project = await exampleProject();
    const file = join(dir, 'from-dialog.archplan.json');
    await writeFile(file, serializeProject(project));
    let pick: string | null = null;
    const handlers = createHandlers(desktopContext({ pickOpenPath: async () => pick }));
    expect((await dispatch(handlers, 'project.open', {})).output).toEqual({ status: 'cancelled' });
    pick = file;
    expect((await dispatch(handlers, 'project.open', {})).output).toMatchObject({
      status: 'opened',
      path: file,
    });
  });

  it('saves to the known path without a dialog, and asks again for Save As', async () => {
    const project = await exampleProject();
    const first = join(dir, 'first.archplan.json');
    const picks = [first, null];
    const handlers = createHandlers(desktopContext({ pickSavePath: async () => picks.shift() ?? null }));
    expect((await dispatch(handlers, 'project.save', { project })).output).toEqual({
      status: 'saved',
      path: first,
    });
    const renamed = { ...project, project: { ...project.project, customer: 'Acme Holdings' } };
    expect((await dispatch(handlers, 'project.save', { project: renamed, path: first })).output).toEqual({
      status: 'saved',
      path: first,
    });
    expect(JSON.parse(await readFile(first, 'utf8')).project.customer).toBe('Acme Holdings');
    expect((await dispatch(handlers, 'project.save', { project, path: first, saveAs: true })).output).toEqual(
      { status: 'cancelled' },
    );
  });

  it('refuses paths the user never chose, so the renderer cannot read or overwrite arbitrary files', async () => {
    const project = await exampleProject();
    const handlers = createHandlers(desktopContext());
    const other = join(dir, 'someone-elses.archplan.json');
    await writeFile(other, 'precious');
    const open = await dispatch(handlers, 'project.open', { path: other });
    expect(open.output).toMatchObject({ status: 'error', issues: [{ code: 'project.path-not-allowed' }] });
    const save = await dispatch(handlers, 'project.save', { project, path: other });
    expect(save.output).toMatchObject({ status: 'error', issues: [{ code: 'project.path-not-allowed' }] });
    expect(await readFile(other, 'utf8')).toBe('precious');
    const relative = await dispatch(handlers, 'project.open', { path: 'relative.archplan.json' });
    expect(relative.output).toMatchObject({
      status: 'error',
      issues: [{ code: 'project.path-not-absolute' }],
    });
  });

  it('lists recent files newest first and skips files that no longer exist', async () => {
    const project = await exampleProject();
    const a = join(dir, 'a.archplan.json');
    const b = join(dir, 'b.archplan.json');
    const picks = [a, b];
    const ctx = desktopContext({ pickSavePath: async () => picks.shift() ?? null });
    const handlers = createHandlers(ctx);
    await dispatch(handlers, 'project.save', { project });
    await dispatch(handlers, 'project.save', { project });
    let recent = await dispatch(handlers, 'project.recent', {});
    expect(okOutput(recent).files.map((f) => f.path)).toEqual([b, a]);
    expect(okOutput(recent).files[0]).toMatchObject({ name: 'b.archplan.json' });
    await rm(b);
    recent = await dispatch(handlers, 'project.recent', {});
    expect(okOutput(recent).files.map((f) => f.path)).toEqual([a]);
    // Recent files stay openable after a restart (a new handler set, same store).
    const afterRestart = createHandlers(desktopContext());
    expect((await dispatch(afterRestart, 'project.open', { path: a })).output).toMatchObject({
      status: 'opened',
    });
  });
});

describe('damaged files and failed writes', () => {
  it('reports a truncated project file clearly and leaves it untouched', async () => {
    const { ctx, workspace } = await browserContext();
    const text = serializeProject(await exampleProject());
    const truncated = text.slice(0, Math.floor(text.length * 0.6));
    await writeFile(join(workspace, 'estate.archplan.json'), truncated);
    const result = await dispatch(createHandlers(ctx), 'project.open', { path: 'estate.archplan.json' });
    expect(result.ok).toBe(true); // a user-caused problem is a value, not a host failure
    expect(result.output).toMatchObject({
      status: 'error',
      issues: [{ code: 'project.not-json', severity: 'error', path: { file: 'estate.archplan.json' } }],
    });
    if (result.output.status !== 'error') throw new Error('expected an error');
    expect(result.output.issues[0]?.message).toMatch(
      /estate\.archplan\.json is not valid JSON.*truncated or damaged/,
    );
    expect(await readFile(join(workspace, 'estate.archplan.json'), 'utf8')).toBe(truncated);
  });

  it('names the bad field of a project that is valid JSON but not a valid project', async () => {
    const { ctx, workspace } = await browserContext();
    const project = await exampleProject();
    const broken = JSON.parse(serializeProject(project)) as { inventory: { servers: { vcpu: unknown }[] } };
    const first = broken.inventory.servers[0];
    if (!first) throw new Error('no servers');
    first.vcpu = 'eight';
    await writeFile(join(workspace, 'edited.archplan.json'), JSON.stringify(broken));
    const result = await dispatch(createHandlers(ctx), 'project.open', { path: 'edited.archplan.json' });
    expect(result.output).toMatchObject({
      status: 'error',
      issues: [
        {
          code: 'project.invalid-field',
          path: { field: 'inventory.servers[0].vcpu', file: 'edited.archplan.json' },
        },
      ],
    });
  });

  it('keeps the previous file intact when the disk fills up during a save', async () => {
    const { ctx, workspace } = await browserContext();
    const handlers = createHandlers(ctx);
    const project = await exampleProject();
    await dispatch(handlers, 'project.save', { project, path: 'estate.archplan.json' });
    const before = await readFile(join(workspace, 'estate.archplan.json'), 'utf8');

    fsControl.failNextOpenFor = /estate\.archplan\.json\..*\.tmp$/;
    const changed = { ...project, project: { ...project.project, customer: 'Changed' } };
    const result = await dispatch(handlers, 'project.save', {
      project: changed,
      path: 'estate.archplan.json',
    });
    expect(fsControl.failNextOpenFor).toBeNull(); // the failure really was injected
    expect(result.output).toMatchObject({
      status: 'error',
      issues: [{ code: 'project.save-failed', path: { file: 'estate.archplan.json' } }],
    });
    if (result.output.status !== 'error') throw new Error('expected an error');
    expect(result.output.issues[0]?.message).toContain('the disk is full');
    expect(result.output.issues[0]?.hint).toMatch(/earlier version of the file is unchanged/);
    expect(await readFile(join(workspace, 'estate.archplan.json'), 'utf8')).toBe(before);
    expect(await readdir(workspace)).toEqual(['estate.archplan.json']); // no temporary file left behind
  });
});

describe('browser-mode workspace', () => {
  it('names a new file after the project, never overwriting another project', async () => {
    const { ctx, workspace } = await browserContext();
    const handlers = createHandlers(ctx);
    const project = await exampleProject();
    expect((await dispatch(handlers, 'project.save', { project })).output).toEqual({
      status: 'saved',
      path: 'Acme-Corp-RPA-estate-phase-2.archplan.json',
    });
    expect((await dispatch(handlers, 'project.save', { project })).output).toEqual({
      status: 'saved',
      path: 'Acme-Corp-RPA-estate-phase-2-2.archplan.json',
    });
    expect((await dispatch(handlers, 'project.save', { project, path: 'notes.json' })).output).toEqual({
      status: 'saved',
      path: 'notes.archplan.json',
    });
    expect((await readdir(workspace)).sort()).toEqual([
      'Acme-Corp-RPA-estate-phase-2-2.archplan.json',
      'Acme-Corp-RPA-estate-phase-2.archplan.json',
      'notes.archplan.json',
    ]);
  });

  it('refuses paths that leave the workspace: "..", absolute paths elsewhere, and symlinks out', async () => {
    const { ctx, workspace } = await browserContext();
    const handlers = createHandlers(ctx);
    const project = await exampleProject();
    const secret = join(dir, 'secret.archplan.json');
    await writeFile(secret, serializeProject(project));
    await symlink(secret, join(workspace, 'link.archplan.json'));
    await symlink(dir, join(workspace, 'outside-dir'));

    for (const path of [
      '../secret.archplan.json',
      secret,
      'link.archplan.json',
      'outside-dir/secret.archplan.json',
      'sub/../../secret.archplan.json',
    ]) {
      const result = await dispatch(handlers, 'project.open', { path });
      expect(result.output, path).toMatchObject({ status: 'error', issues: [{ code: 'workspace.outside' }] });
      if (result.output.status === 'error') expect(result.output.issues[0]?.message).toContain(workspace);
    }
    for (const path of [
      '../planted.archplan.json',
      join(dir, 'planted.archplan.json'),
      'link.archplan.json',
      'outside-dir/planted.archplan.json',
    ]) {
      const result = await dispatch(handlers, 'project.save', { project, path });
      expect(result.output, path).toMatchObject({ status: 'error', issues: [{ code: 'workspace.outside' }] });
    }
    expect((await readdir(dir)).sort()).toEqual(['secret.archplan.json', 'workspace']);
    expect(await readFile(secret, 'utf8')).toBe(serializeProject(project));
  });

  it('accepts an absolute path that lies inside the workspace and answers with the workspace name', async () => {
    const { ctx, workspace } = await browserContext();
    const handlers = createHandlers(ctx);
    const project = await exampleProject();
    expect(
      (await dispatch(handlers, 'project.save', { project, path: join(workspace, 'inside.archplan.json') }))
        .output,
    ).toEqual({ status: 'saved', path: 'inside.archplan.json' });
    expect((await dispatch(handlers, 'project.open', { path: 'inside.archplan.json' })).output).toMatchObject(
      { status: 'opened', path: 'inside.archplan.json' },
    );
  });

  it('requires a path to open and reports a missing file by name', async () => {
    const { ctx } = await browserContext();
    const handlers = createHandlers(ctx);
    expect((await dispatch(handlers, 'project.open', {})).output).toMatchObject({
      status: 'error',
      issues: [{ code: 'project.path-required' }],
    });
    expect((await dispatch(handlers, 'project.open', { path: 'gone.archplan.json' })).output).toMatchObject({
      status: 'error',
      issues: [{ code: 'project.not-found' }],
    });
  });

  it('lists the workspace projects newest first as the recent list', async () => {
    const { ctx, workspace } = await browserContext();
    const text = serializeProject(await exampleProject());
    await writeFile(join(workspace, 'older.archplan.json'), text);
    await writeFile(join(workspace, 'newer.archplan.json'), text);
    await writeFile(join(workspace, 'inventory.csv'), 'name,role\n');
    await writeFile(join(dir, 'outside.archplan.json'), text);
    await symlink(join(dir, 'outside.archplan.json'), join(workspace, 'sneaky.archplan.json'));
    await utimes(
      join(workspace, 'older.archplan.json'),
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-01-01T00:00:00Z'),
    );
    await utimes(
      join(workspace, 'newer.archplan.json'),
      new Date('2026-06-01T00:00:00Z'),
      new Date('2026-06-01T00:00:00Z'),
    );
    const recent = await dispatch(createHandlers(ctx), 'project.recent', {});
    expect(okOutput(recent).files).toEqual([
      { path: 'newer.archplan.json', name: 'newer.archplan.json', modifiedAt: '2026-06-01T00:00:00.000Z' },
      { path: 'older.archplan.json', name: 'older.archplan.json', modifiedAt: '2026-01-01T00:00:00.000Z' },
    ]);
  });
});

describe('pricing.snapshot and app.info', () => {
  it('serves the bundled ap-south-1 snapshot', async () => {
    const result = await dispatch(createHandlers(desktopContext()), 'pricing.snapshot', {
      region: 'ap-south-1',
    });
    expect(result.ok).toBe(true);
    if (result.output.status !== 'ok') throw new Error('expected the snapshot');
    expect(result.output.snapshot.region).toBe('ap-south-1');
    expect(result.output.snapshot.products.length).toBeGreaterThan(100);
  });

  it('names an unknown region and the regions that exist', async () => {
    const result = await dispatch(createHandlers(desktopContext()), 'pricing.snapshot', {
      region: 'eu-west-9',
    });
    expect(result.output).toMatchObject({ status: 'error', issues: [{ code: 'pricing.unknown-region' }] });
    if (result.output.status !== 'error') throw new Error('expected an error');
    expect(result.output.issues[0]?.message).toContain('"eu-west-9"');
    expect(result.output.issues[0]?.message).toContain('ap-south-1, us-east-1');
  });

  it('rejects a region that is not even region-shaped before any file is touched', async () => {
    const result = await dispatch(createHandlers(desktopContext()), 'pricing.snapshot', {
      region: '../manifest',
    });
    expect(result).toMatchObject({
      ok: false,
      reason: 'invalid-input',
      output: { status: 'error', issues: [{ code: 'ipc.invalid-input', path: { field: 'region' } }] },
    });
  });

  it('reports a damaged snapshot file as an issue', async () => {
    await writeFile(join(dir, 'ap-south-1.json'), '{"format":"archplan-pricing-snapshot",');
    const result = await dispatch(
      createHandlers(desktopContext({ pricingDataDir: dir })),
      'pricing.snapshot',
      { region: 'ap-south-1' },
    );
    expect(result.output).toMatchObject({ status: 'error', issues: [{ code: 'pricing.snapshot-not-json' }] });
  });

  it('describes the host', async () => {
    const result = await dispatch(createHandlers(desktopContext()), 'app.info', {});
    expect(result.output).toEqual({
      version: '9.9.9',
      mode: 'desktop',
      regions: ['ap-south-1', 'us-east-1'],
      workspace: null,
    });
  });
});

describe('dispatch', () => {
  function withFailingHandler(over: Partial<Handlers>): Handlers {
    return { ...createHandlers(desktopContext()), ...over };
  }

  it('turns an exception into host.unexpected, logging the details and showing no stack', async () => {
    const handlers = withFailingHandler({
      'project.recent': async () => {
        throw new Error('EIO: i/o error, scandir /home/ana/.config/secret');
      },
    });
    const result = await dispatch(handlers, 'project.recent', {}, (m) => logs.push(m));
    expect(result).toMatchObject({
      ok: false,
      reason: 'unexpected',
      output: { status: 'error', issues: [{ code: 'host.unexpected' }] },
    });
    expect(JSON.stringify(result.output)).not.toMatch(/EIO|secret|at .*\.ts/);
    expect(logs.join('\n')).toMatch(/project\.recent failed: Error: EIO/);
  });

  it('refuses a handler answer that breaks the output contract', async () => {
    const handlers = withFailingHandler({ 'app.info': async () => ({ version: 1 }) as never });
    const result = await dispatch(handlers, 'app.info', {}, (m) => logs.push(m));
    expect(result).toMatchObject({
      ok: false,
      reason: 'unexpected',
      output: { issues: [{ code: 'host.unexpected' }] },
    });
    expect(logs.join('\n')).toContain('app.info produced output that breaks the contract');
  });

  it('rejects extra fields and wrong types with issues that name the field', async () => {
    const handlers = createHandlers(desktopContext());
    const extra = await dispatch(handlers, 'app.info', { debug: true });
    expect(extra).toMatchObject({ ok: false, reason: 'invalid-input' });
    const badProject = await dispatch(handlers, 'project.save', { project: { format: 'archplan' } });
    expect(badProject).toMatchObject({ ok: false, reason: 'invalid-input' });
    expect(badProject.output.status).toBe('error');
    if (badProject.output.status === 'error')
      expect(badProject.output.issues.map((i) => i.path?.field)).toContain('project.version');
  });
});

describe('fileStemFromProjectName', () => {
  it('keeps names readable and safe on every platform', () => {
    expect(fileStemFromProjectName('Acme Corp / RPA: phase 2')).toBe('Acme-Corp-RPA-phase-2');
    expect(fileStemFromProjectName('Bharat Pétroléum — Mumbai DC')).toBe('Bharat-Pétroléum-Mumbai-DC');
    expect(fileStemFromProjectName('../../etc/passwd')).toBe('etc-passwd');
    expect(fileStemFromProjectName('CON')).toBe('CON-project');
    expect(fileStemFromProjectName('???')).toBe('project');
    expect(fileStemFromProjectName('x'.repeat(300))).toHaveLength(80);
  });
});
