import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../../core/ipc/contract';
import type { Project } from '../../../core/project/schema';
import { parseProject, serializeProject } from '../../../core/project/load-project';
import { hostError } from '../../../renderer/host/host-error';
import type { RendererApi } from '../../../renderer/host/renderer-api';
import { selectAnalysis } from '../../../renderer/store/analysis';
import { type AppStore, createAppStore } from '../../../renderer/store/app-store';
import { ESTATE_CSV, mumbaiSnapshot, plannedEstate } from '../realistic-project';

/** An in-memory browser-mode host answering from the real bundled snapshot. */
function fakeHost(mode: 'browser' | 'desktop' = 'browser') {
  const files = new Map<string, string>();
  const calls: { channel: string; input: unknown }[] = [];
  let refuse = false;
  let recovery: { savedAt: string; path: string | null; project: Project } | null = null;
  let exportAnswer: ChannelOutput<'export.plan'> = {
    status: 'exported',
    dir: '/tmp/ws/rpa-estate-export',
    files: [
      'project.archplan.json',
      'estimate.json',
      'cloudformation/template.yaml',
      'proposal.html',
      'proposal.pdf',
    ],
    pdf: { status: 'written', file: '/tmp/ws/rpa-estate-export/proposal.pdf' },
    issues: [],
  };
  const api: RendererApi = {
    mode,
    onMenuCommand: () => () => undefined,
    async appInfo(input) {
      calls.push({ channel: 'app.info', input });
      return { version: '0.1.0', mode, regions: ['ap-south-1'], workspace: '/tmp/ws' };
    },
    async pricingSnapshot(
      input: ChannelInput<'pricing.snapshot'>,
    ): Promise<ChannelOutput<'pricing.snapshot'>> {
      calls.push({ channel: 'pricing.snapshot', input });
      if (refuse)
        throw hostError(
          'host.refused',
          'The host refused the request (401): reload the page with the link printed by `npm run web`.',
          'Reload.',
        );
      if (input.region !== 'ap-south-1')
        return {
          status: 'error',
          issues: [
            {
              code: 'pricing.no-snapshot',
              severity: 'error',
              message: `No prices for ${input.region}.`,
              hint: 'Use ap-south-1.',
            },
          ],
        };
      return { status: 'ok', snapshot: mumbaiSnapshot() };
    },
    async projectOpen(input) {
      calls.push({ channel: 'project.open', input });
      const text = input.path !== undefined ? files.get(input.path) : undefined;
      if (input.path === undefined || text === undefined)
        return {
          status: 'error',
          issues: [
            {
              code: 'project.not-found',
              severity: 'error',
              message: `${input.path ?? '(none)'} no longer exists.`,
              hint: 'Pick another.',
            },
          ],
        };
      const parsed = parseProject(text, input.path);
      if (!parsed.ok) return { status: 'error', issues: parsed.issues };
      return { status: 'opened', path: input.path, project: parsed.value, issues: [] };
    },
    async projectSave(input) {
      calls.push({ channel: 'project.save', input });
      const path =
        input.path ?? `${input.project.project.name.toLowerCase().replace(/\W+/g, '-')}.archplan.json`;
      files.set(path, serializeProject(input.project as Project));
      return { status: 'saved', path };
    },
    async projectRecent(input) {
      calls.push({ channel: 'project.recent', input });
      return {
        files: [...files.keys()].map((path) => ({
          path,
          name: path,
          modifiedAt: '2026-11-23T10:00:00.000Z',
        })),
      };
    },
    async exportPlan(input) {
      calls.push({ channel: 'export.plan', input });
      return exportAnswer;
    },
    async projectAutosave(input) {
      calls.push({ channel: 'project.autosave', input });
      recovery = { savedAt: '2026-11-23T09:30:00.000Z', path: input.path, project: input.project as Project };
      return { status: 'saved', savedAt: recovery.savedAt };
    },
    async projectRecovery(input) {
      calls.push({ channel: 'project.recovery', input });
      if (input.action === 'discard') {
        recovery = null;
        return { status: 'discarded' };
      }
      return recovery ? { status: 'found', ...recovery, issues: [] } : { status: 'none' };
    },
    async exportDiagram(input) {
      calls.push({ channel: 'export.diagram', input });
      return { status: 'exported', path: `/tmp/ws/${input.fileName}` };
    },
  };
  return {
    api,
    files,
    calls,
    refuse: () => {
      refuse = true;
    },
    answerExport: (answer: ChannelOutput<'export.plan'>) => {
      exportAnswer = answer;
    },
    recoveryFile: () => recovery,
  };
}

let clock = 0;
function makeStore(
  host = fakeHost(),
  answers: { confirm?: boolean; fileName?: string | null } = {},
): { store: AppStore; host: ReturnType<typeof fakeHost>; confirms: string[] } {
  const confirms: string[] = [];
  const store = createAppStore({
    api: host.api,
    now: () => new Date(Date.UTC(2026, 10, 23, 9, 0, clock++)).toISOString(),
    confirmDiscard: (message) => {
      confirms.push(message);
      return answers.confirm ?? true;
    },
    askFileName: () => (answers.fileName === undefined ? 'renamed.archplan.json' : answers.fileName),
  });
  return { store, host, confirms };
}

beforeEach(() => {
  clock = 0;
});

describe('importing an inventory', () => {
  it('plans a new design from the CSV, names an untitled project after the file and marks it unsaved', async () => {
    const { store } = makeStore();
    const serial = store.getState().loadSerial;
    await expect(store.getState().importInventory('rpa-estate.csv', ESTATE_CSV())).resolves.toBe(true);
    const s = store.getState();
    expect(s.project.inventory.servers).toHaveLength(14);
    expect(s.project.topology.nodes.some((n) => n.id === 'ec2-sqlprd01')).toBe(true);
    expect(s.project.layout.positions.length).toBe(s.project.topology.nodes.length);
    expect(s.project.project.name).toBe('rpa-estate');
    expect(s.dirty).toBe(true);
    expect(s.loadSerial).toBe(serial + 1);
    expect(s.status).toMatchObject({
      tone: 'success',
      message: 'Imported 14 servers from rpa-estate.csv (inventory template, CSV).',
    });
    const analysis = selectAnalysis(s);
    // Everything the bundled snapshot prices is priced; the rest says it needs a live price refresh.
    const unpriced = analysis?.estimate.lines.filter((l) => l.monthlyUsd === null) ?? [];
    expect(unpriced).toHaveLength(analysis?.estimate.totals.linesWithoutPrice ?? -1);
    for (const l of unpriced) expect(l.priceNotFound?.reason).toMatch(/^needs a live price refresh: /);
    expect(unpriced.some((l) => l.component.startsWith('Instance usage'))).toBe(false);
    expect(analysis?.sizing.every((r) => r.chosen !== null)).toBe(true);
  });

  it('leaves the open project untouched and lists every error with its row and column', async () => {
    const { store } = makeStore();
    await store.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    const before = store.getState().project;
    const bad = 'name,role,vcpu,memory_gib,storage_gib\nBOT-01,bot,eight,16,150\nBOT-02,printer,8,16,150\n';
    await expect(store.getState().importInventory('bad.csv', bad)).resolves.toBe(false);
    const s = store.getState();
    expect(s.project).toBe(before);
    expect(s.status?.tone).toBe('error');
    expect(s.status?.message).toBe('bad.csv was not imported (2 errors); the open project is unchanged.');
    expect(s.status?.issues.map((i) => [i.code, i.path?.row, i.path?.column])).toEqual([
      ['inventory.not-a-number', 2, 'vcpu'],
      ['inventory.bad-role', 3, 'role'],
    ]);
  });

  it('reports prices that cannot be loaded instead of planning without them', async () => {
    const host = fakeHost();
    host.refuse();
    const { store } = makeStore(host);
    const before = store.getState().project;
    await expect(store.getState().importInventory('rpa-estate.csv', ESTATE_CSV())).resolves.toBe(false);
    expect(store.getState().project).toBe(before);
    expect(store.getState().status?.issues[0]?.message).toContain('The host refused the request (401)');
    expect(store.getState().busy).toBeNull();
  });
});

describe('prices', () => {
  it('are loaded once per region, however many parts of the window ask', async () => {
    const { store, host } = makeStore();
    await Promise.all([
      store.getState().ensurePrices('ap-south-1'),
      store.getState().ensurePrices('ap-south-1'),
    ]);
    await store.getState().ensurePrices('ap-south-1');
    expect(host.calls.filter((c) => c.channel === 'pricing.snapshot')).toHaveLength(1);
    expect(store.getState().snapshots['ap-south-1']?.status).toBe('ready');
  });

  it('keep the host’s issues for a region without a snapshot', async () => {
    const { store } = makeStore();
    await expect(store.getState().ensurePrices('eu-west-1')).resolves.toBeNull();
    const entry = store.getState().snapshots['eu-west-1'];
    expect(entry?.status === 'error' && entry.issues[0]?.code).toBe('pricing.no-snapshot');
  });
});

describe('moving nodes on the canvas', () => {
  it('stores the new position as manual and marks the project unsaved without re-pricing it', async () => {
    const { store } = makeStore();
    await store.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    const analysisBefore = selectAnalysis(store.getState());
    store.getState().moveNodes([{ id: 'ec2-iqbot-prd-01', x: 120.4, y: 130.6 }]);
    const s = store.getState();
    expect(s.project.layout.positions.find((p) => p.id === 'ec2-iqbot-prd-01')).toMatchObject({
      x: 120,
      y: 131,
      manual: true,
    });
    expect(s.dirty).toBe(true);
    expect(selectAnalysis(s)).toBe(analysisBefore);
  });

  it('does nothing for a drop at the same place', async () => {
    const { store } = makeStore();
    await store.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    await store.getState().saveProject();
    const p = store.getState().project.layout.positions.find((x) => x.id === 'alb');
    const project = store.getState().project;
    store.getState().moveNodes([{ id: 'alb', x: p?.x ?? 0, y: p?.y ?? 0 }]);
    expect(store.getState().project).toBe(project);
    expect(store.getState().dirty).toBe(false);
  });
});

describe('saving and opening', () => {
  it('saves into the workspace, remembers the path and keeps manual positions across open', async () => {
    const { store, host } = makeStore();
    await store.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    store.getState().moveNodes([{ id: 'alb', x: 40, y: 90 }]);
    await expect(store.getState().saveProject()).resolves.toBe(true);
    expect(store.getState()).toMatchObject({ dirty: false, filePath: 'rpa-estate.archplan.json' });
    expect(host.calls.find((c) => c.channel === 'project.save')?.input).not.toHaveProperty('path');

    store.getState().newProject();
    expect(store.getState().project.inventory.servers).toHaveLength(0);
    await expect(store.getState().openProject('rpa-estate.archplan.json')).resolves.toBe(true);
    const s = store.getState();
    expect(s.filePath).toBe('rpa-estate.archplan.json');
    expect(s.dirty).toBe(false);
    expect(s.project.layout.positions.find((p) => p.id === 'alb')).toMatchObject({
      x: 40,
      y: 90,
      manual: true,
    });
  });

  it('saves again to the same file, and Save As asks for a new name in browser mode', async () => {
    const { store, host } = makeStore(fakeHost(), { fileName: 'acme-option-b.archplan.json' });
    await store.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    await store.getState().saveProject();
    await store.getState().saveProject();
    await store.getState().saveProjectAs();
    const saves = host.calls
      .filter((c) => c.channel === 'project.save')
      .map((c) => (c.input as { path?: string }).path);
    expect(saves).toEqual([undefined, 'rpa-estate.archplan.json', 'acme-option-b.archplan.json']);
    expect(store.getState().filePath).toBe('acme-option-b.archplan.json');
  });

  it('opens a project file read from disk and saves it into the workspace under its name', async () => {
    const { store, host } = makeStore();
    const text = serializeProject(await plannedEstate());
    expect(store.getState().openProjectText('C:\\fakepath\\acme.archplan.json', text)).toBe(true);
    expect(store.getState()).toMatchObject({ filePath: 'acme.archplan.json', dirty: false });
    await store.getState().saveProject();
    expect(host.files.has('acme.archplan.json')).toBe(true);
  });

  it('refuses a damaged project file and keeps the open project', async () => {
    const { store } = makeStore();
    await store.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    const before = store.getState().project;
    expect(store.getState().openProjectText('broken.archplan.json', '{"format":"archplan",')).toBe(false);
    expect(store.getState().project).toBe(before);
    expect(store.getState().status?.issues[0]?.code).toBe('project.not-json');
  });

  it('asks before discarding unsaved changes, and only then', async () => {
    const { store, confirms } = makeStore(fakeHost(), { confirm: false });
    await expect(store.getState().confirmDiscard('Start a new project')).resolves.toBe(true);
    expect(confirms).toHaveLength(0);
    await store.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    await expect(store.getState().confirmDiscard('Start a new project')).resolves.toBe(false);
    expect(confirms).toEqual(['rpa-estate has unsaved changes. Start a new project anyway and lose them?']);
  });
});

describe('exporting the plan', () => {
  it('sends the project as it is now with the chosen paper, and reports the folder and the files', async () => {
    const { store, host } = makeStore();
    await store.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    store.getState().moveNodes([{ id: 'alb', x: 40, y: 90 }]);
    store.getState().showExportDialog();
    expect(store.getState().exportDialogVisible).toBe(true);
    await expect(store.getState().exportPlan('Letter')).resolves.toBe(true);
    const sent = host.calls.find((c) => c.channel === 'export.plan')?.input as {
      project: Project;
      paper: string;
    };
    expect(sent.paper).toBe('Letter');
    expect(sent.project).toBe(store.getState().project);
    const s = store.getState();
    expect(s).toMatchObject({ exportDialogVisible: false, busy: null, dirty: true });
    expect(s.status).toMatchObject({
      tone: 'success',
      message:
        'Exported 5 files to /tmp/ws/rpa-estate-export: project.archplan.json, estimate.json, cloudformation/template.yaml, proposal.html, proposal.pdf.',
    });
  });

  it('says why there is no PDF, and passes on the warnings the files carry', async () => {
    const { store, host } = makeStore();
    await store.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    const warning = {
      code: 'cfn.public-ingress',
      severity: 'warning' as const,
      message: 'The load balancer accepts HTTPS from anywhere.',
      hint: 'Restrict AllowedIngressCidr.',
    };
    host.answerExport({
      status: 'exported',
      dir: '/tmp/ws/x-export',
      files: ['proposal.html'],
      pdf: { status: 'skipped', reason: 'No Chrome, Chromium or Edge browser was found.' },
      issues: [warning],
    });
    await store.getState().exportPlan('A4');
    expect(store.getState().status).toMatchObject({
      tone: 'warning',
      message:
        'Exported 1 file to /tmp/ws/x-export: proposal.html. No proposal PDF: No Chrome, Chromium or Edge browser was found.',
      issues: [warning],
    });
  });

  it('reports the host’s issues, a cancelled folder choice, and a host that does not answer', async () => {
    const { store, host } = makeStore();
    await store.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    const issue = {
      code: 'export.write-failed',
      severity: 'error' as const,
      message: 'Could not write /x/estimate.json: the disk is full.',
      hint: 'Free some space.',
    };
    host.answerExport({ status: 'error', issues: [issue] });
    await expect(store.getState().exportPlan('A4')).resolves.toBe(false);
    expect(store.getState().status).toMatchObject({
      tone: 'error',
      message: 'Could not export rpa-estate.',
      issues: [issue],
    });
    host.answerExport({ status: 'cancelled' });
    await store.getState().exportPlan('A4');
    expect(store.getState().status).toMatchObject({
      tone: 'info',
      message: 'Export cancelled; nothing was written.',
    });
    // A transport failure (the host is gone) is thrown by the api, not answered.
    host.api.exportPlan = async () => {
      throw hostError(
        'host.unreachable',
        'The Architecture Planner host does not answer (fetch failed).',
        'Check that `npm run web` is still running.',
      );
    };
    await store.getState().exportPlan('A4');
    expect(store.getState().status).toMatchObject({ tone: 'error', issues: [{ code: 'host.unreachable' }] });
    expect(store.getState().busy).toBeNull();
  });

  it('has nothing to export before an inventory is imported, and does not ask the host', async () => {
    const { store, host } = makeStore();
    store.getState().showExportDialog();
    expect(store.getState().exportDialogVisible).toBe(false);
    await expect(store.getState().exportPlan('A4')).resolves.toBe(false);
    expect(store.getState().status?.message).toContain('Nothing to export yet');
    expect(host.calls.some((c) => c.channel === 'export.plan')).toBe(false);
  });
});

describe('selection', () => {
  it('asks the canvas to reveal a node selected from a finding', () => {
    const { store } = makeStore();
    store.getState().selectNode('ec2-sqlprd01', { reveal: true });
    expect(store.getState()).toMatchObject({
      selectedNodeId: 'ec2-sqlprd01',
      revealRequest: { nodeId: 'ec2-sqlprd01', serial: 1 },
    });
    store.getState().selectNode('ec2-sqlprd01', { reveal: true });
    expect(store.getState().revealRequest?.serial).toBe(2);
    store.getState().selectNode(null);
    expect(store.getState().selectedNodeId).toBeNull();
  });
});

describe('editing the design with undo and redo', () => {
  const monthly = (store: AppStore): string | undefined =>
    selectAnalysis(store.getState())?.estimate.totals.monthlyUsd;

  it('moves a server to another subnet, changes its type, and undo/redo bring each state back with its total', async () => {
    const { store } = makeStore();
    await store.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    const imported = store.getState().project;
    const total0 = monthly(store);
    expect(store.getState().history.past).toHaveLength(0);

    expect(
      store.getState().dropNodes([{ id: 'ec2-iqbot-prd-01', parentId: 'subnet-app-b', x: 30, y: 60 }]),
    ).toBe(true);
    const moved = store.getState().project.topology.nodes.find((n) => n.id === 'ec2-iqbot-prd-01');
    expect(moved).toMatchObject({ parentId: 'subnet-app-b', zone: 'ap-south-1b' });
    expect(store.getState().setInstanceType('ec2-sqlprd01', 'r6i.4xlarge')).toBe(true);
    const total2 = monthly(store);
    expect(total2).not.toBe(total0);
    expect(store.getState().history.past.map((e) => e.label)).toEqual([
      `Moved ${moved?.name} to App subnet B`,
      expect.stringMatching(/→ r6i\.4xlarge \(pinned\)$/),
    ]);

    store.getState().undo();
    expect(monthly(store)).toBe(total0);
    store.getState().undo();
    expect(store.getState().project).toBe(imported);
    store.getState().redo();
    store.getState().redo();
    expect(monthly(store)).toBe(total2);
    expect(store.getState().dirty).toBe(true);
  });

  it('records inventory edits from the grid as undo steps too', async () => {
    const { store } = makeStore();
    await store.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    const before = store.getState().project;
    const server = before.inventory.servers[0];
    if (!server) throw new Error('no server');
    await store.getState().editServer(server.id, { pinnedInstanceType: 'm6i.4xlarge' });
    expect(store.getState().project).not.toBe(before);
    store.getState().undo();
    expect(store.getState().project).toBe(before);
  });

  it('deletes, duplicates and pastes the selection', async () => {
    const { store } = makeStore();
    await store.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    const count = store.getState().project.topology.nodes.length;
    store.getState().setSelection(['ec2-iqbot-prd-09']);
    expect(store.getState().duplicateSelection()).toBe(true);
    expect(store.getState().project.topology.nodes).toHaveLength(count + 1);
    expect(store.getState().copySelection()).toBe(true);
    store.getState().setSelection(['subnet-app-b']);
    expect(store.getState().paste()).toBe(true);
    const pasted = store.getState().selectedNodeIds[0] as string;
    expect(store.getState().project.topology.nodes.find((n) => n.id === pasted)).toMatchObject({
      parentId: 'subnet-app-b',
    });
    store.getState().setSelection([pasted]);
    expect(store.getState().deleteSelection()).toBe(true);
    expect(store.getState().project.topology.nodes).toHaveLength(count + 1);
  });
});

describe('autosave, recovery and unsaved changes', () => {
  it('writes unsaved work to the recovery file, offers it on the next launch, and removes it after a save', async () => {
    const host = fakeHost();
    const first = makeStore(host).store;
    await first.getState().checkRecovery();
    await expect(first.getState().autosave()).resolves.toBe(false);
    await first.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    await expect(first.getState().autosave()).resolves.toBe(true);
    await expect(first.getState().autosave()).resolves.toBe(false);

    const second = makeStore(host).store;
    await second.getState().checkRecovery();
    expect(second.getState().recoveryOffer?.project.inventory.servers).toHaveLength(14);
    second.getState().acceptRecovery();
    expect(second.getState()).toMatchObject({ dirty: true, recoveryOffer: null });
    expect(second.getState().project.inventory.servers).toHaveLength(14);
    await second.getState().saveProject();
    await expect.poll(() => host.recoveryFile()).toBeNull();
  });

  it('asks Save / Don’t save / Cancel in the app’s own dialog', async () => {
    const { store } = makeStore();
    await store.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    const cancel = store.getState().promptUnsaved('Lose the changes?');
    expect(store.getState().unsavedPrompt?.message).toBe('Lose the changes?');
    store.getState().answerUnsaved('cancel');
    await expect(cancel).resolves.toBe(false);
    const save = store.getState().promptUnsaved('Lose the changes?');
    store.getState().answerUnsaved('save');
    await expect(save).resolves.toBe(true);
    expect(store.getState().dirty).toBe(false);
  });
});

describe('an edit’s total first, the slower views right after', () => {
  it('prices the edit at once and lets checks and sizing follow in the deferred task', async () => {
    const tasks: (() => void)[] = [];
    const store = createAppStore({
      api: fakeHost().api,
      now: () => '2026-11-23T09:00:00.000Z',
      confirmDiscard: () => true,
      askFileName: () => null,
      deferAnalysis: (task) => tasks.push(task),
    });
    await store.getState().importInventory('rpa-estate.csv', ESTATE_CSV());
    // A new project is taken at once.
    expect(store.getState().settledProject).toBe(store.getState().project);
    const before = selectAnalysis(store.getState());
    store.getState().setInstanceType('ec2-sqlprd01', 'r6i.4xlarge');
    const now = selectAnalysis(store.getState());
    expect(now?.estimate.totals.monthlyUsd).not.toBe(before?.estimate.totals.monthlyUsd);
    expect(now?.sizing).toBe(before?.sizing);
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks.splice(0)) task();
    expect(store.getState().settledProject).toBe(store.getState().project);
    expect(selectAnalysis(store.getState())?.sizing).not.toBe(before?.sizing);
  });
});
