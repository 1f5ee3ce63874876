import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Project } from '../../../core/project/schema';
import { guardUnsavedChanges } from '../../../main/close-guard';
import { createDiagramHandlers } from '../../../main/handlers/diagram-handlers';
import type { HostContext } from '../../../main/handlers/host-context';
import { createRecoveryHandlers } from '../../../main/handlers/recovery-handlers';
import { plannedEstate } from '../../renderer/realistic-project';

function context(dir: string, extra: Partial<HostContext> = {}): HostContext {
  return {
    mode: 'browser',
    version: '0.1.0',
    pricingDataDir: 'pricing-data',
    workspaceDir: dir,
    recentFiles: null,
    recoveryFile: join(dir, '.recovery.archplan.json'),
    printPdf: async () => {
      throw new Error('not used');
    },
    ...extra,
  };
}

let project: Project;
beforeAll(async () => {
  project = await plannedEstate();
});

describe('autosave and recovery', () => {
  it('writes the unsaved project, reads it back on the next launch, and discards it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archplan-recovery-'));
    const handlers = createRecoveryHandlers(context(dir), () => new Date('2026-11-23T10:15:00Z'));
    await expect(handlers['project.recovery']({ action: 'read' })).resolves.toEqual({ status: 'none' });
    await expect(handlers['project.autosave']({ project, path: 'acme.archplan.json' })).resolves.toEqual({
      status: 'saved',
      savedAt: '2026-11-23T10:15:00.000Z',
    });
    const found = await handlers['project.recovery']({ action: 'read' });
    expect(found).toMatchObject({
      status: 'found',
      path: 'acme.archplan.json',
      savedAt: '2026-11-23T10:15:00.000Z',
    });
    expect(found.status === 'found' && found.project.inventory.servers).toHaveLength(14);
    await expect(handlers['project.recovery']({ action: 'discard' })).resolves.toEqual({
      status: 'discarded',
    });
    expect(existsSync(join(dir, '.recovery.archplan.json'))).toBe(false);
  });

  it('says so when the recovery file is damaged instead of offering half a project', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archplan-recovery-'));
    writeFileSync(join(dir, '.recovery.archplan.json'), '{"format":"archplan-recovery",');
    const answer = await createRecoveryHandlers(context(dir))['project.recovery']({ action: 'read' });
    expect(answer).toMatchObject({ status: 'error', issues: [{ code: 'recovery.damaged' }] });
  });
});

describe('diagram export', () => {
  it('writes SVG text and PNG bytes into the workspace, and refuses content that is not what it claims', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archplan-diagram-'));
    const handlers = createDiagramHandlers(context(dir));
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>';
    const written = await handlers['export.diagram']({
      format: 'svg',
      fileName: 'acme-diagram.svg',
      content: svg,
    });
    expect(written).toEqual({ status: 'exported', path: join(dir, 'acme-diagram.svg') });
    expect(readFileSync(join(dir, 'acme-diagram.svg'), 'utf8')).toBe(svg);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');
    await handlers['export.diagram']({ format: 'png', fileName: 'acme-diagram.png', content: png });
    expect(readFileSync(join(dir, 'acme-diagram.png')).subarray(1, 4).toString()).toBe('PNG');
    const bad = await handlers['export.diagram']({
      format: 'png',
      fileName: 'x-diagram.png',
      content: 'aGVsbG8=',
    });
    expect(bad).toMatchObject({ status: 'error', issues: [{ code: 'export.diagram-invalid' }] });
  });

  it('asks where to save on the desktop, and writes nothing when the dialog is cancelled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archplan-diagram-'));
    const pick = vi.fn(async () => null);
    const handlers = createDiagramHandlers(
      context(dir, { mode: 'desktop', workspaceDir: null, pickDiagramPath: pick }),
    );
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"></svg>';
    await expect(
      handlers['export.diagram']({ format: 'svg', fileName: 'acme-diagram.svg', content: svg }),
    ).resolves.toEqual({
      status: 'cancelled',
    });
    expect(pick).toHaveBeenCalledWith('acme-diagram.svg', 'svg');
  });
});

describe('closing the window with unsaved changes', () => {
  it('asks, and lets the window close only when the architect chooses to lose the changes', () => {
    const seen: { listener?: (e: { preventDefault(): void }) => void } = {};
    const win = {
      webContents: {
        on: (_: 'will-prevent-unload', l: (e: { preventDefault(): void }) => void) => (seen.listener = l),
      },
    };
    const answers = [0, 1];
    const dialog = { showMessageBoxSync: vi.fn(() => answers.shift() ?? 0) };
    // Electron's overloaded showMessageBoxSync type does not fit a one-signature fake.
    guardUnsavedChanges(win, dialog as never);
    const keep = { preventDefault: vi.fn() };
    seen.listener?.(keep);
    expect(keep.preventDefault).not.toHaveBeenCalled();
    const close = { preventDefault: vi.fn() };
    seen.listener?.(close);
    expect(close.preventDefault).toHaveBeenCalled();
  });
});
