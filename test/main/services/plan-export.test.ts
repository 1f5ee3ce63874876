import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../../core/project/schema';
import { writeFileAtomic } from '../../../main/services/atomic-write';
import { writePlanOutputs, writeProposal } from '../../../main/services/plan-export';
import type { PrintPdf } from '../../../main/services/pdf-page';
import { defaultProposalTemplateDir } from '../../../main/services/templates';
import { planExample } from '../../helpers/example';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archplan-plan-export-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const printed: PrintPdf = async (_html, outFile) => {
  await writeFileAtomic(outFile, '%PDF-1.7\n%%EOF\n');
  return { ok: true, value: { file: outFile, bytes: 14 }, issues: [] };
};
const options = { paper: 'A4' as const, generatedAt: '2026-11-23T09:00:00.000Z', printPdf: printed };

describe('writePlanOutputs', () => {
  it('writes nothing when the design has no network for the CloudFormation template', async () => {
    const { project, analysis } = await planExample();
    const noVpc: Project = {
      ...project,
      topology: { ...project.topology, nodes: project.topology.nodes.filter((n) => n.kind !== 'vpc') },
    };
    const out = join(dir, 'out');
    const result = await writePlanOutputs(out, noVpc, analysis, options);
    expect(result).toMatchObject({
      ok: false,
      issues: expect.arrayContaining([
        expect.objectContaining({ code: 'cloudformation.no-vpc', severity: 'error' }),
      ]),
    });
    await expect(readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes nothing when the proposal template folder lacks a section, and names the missing file', async () => {
    const { project, analysis } = await planExample();
    const templates = join(dir, 'templates');
    await cp(defaultProposalTemplateDir(), templates, { recursive: true });
    await rm(join(templates, 'partials', 'costs.hbs'));
    const out = join(dir, 'out');
    const result = await writePlanOutputs(out, project, analysis, { ...options, templateDir: templates });
    expect(result).toMatchObject({
      ok: false,
      issues: [{ code: 'templates.file-missing', path: { file: join(templates, 'partials', 'costs.hbs') } }],
    });
    await expect(readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports a folder it cannot create as an issue naming it, not an exception', async () => {
    const { project, analysis } = await planExample();
    await writeFileAtomic(join(dir, 'taken'), 'a file, not a folder');
    const result = await writePlanOutputs(join(dir, 'taken', 'out'), project, analysis, options);
    expect(result).toMatchObject({
      ok: false,
      issues: [{ code: 'export.write-failed', path: { file: join(dir, 'taken', 'out') } }],
    });
  });
});

describe('writeProposal', () => {
  it('writes only what is asked for, and skips an unrequested PDF without printing', async () => {
    const { project, analysis } = await planExample();
    let prints = 0;
    const counting: PrintPdf = async (...args) => {
      prints++;
      return printed(...args);
    };
    const result = await writeProposal(
      project,
      analysis,
      { svg: join(dir, 'diagram.svg') },
      { ...options, printPdf: counting },
    );
    expect(result).toEqual({ ok: true, value: { status: 'skipped', reason: 'not requested' }, issues: [] });
    expect(prints).toBe(0);
    expect(await readdir(dir)).toEqual(['diagram.svg']);
  });
});
