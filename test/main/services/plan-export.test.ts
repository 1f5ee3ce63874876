import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../../core/project/schema';
import { writeFileAtomic } from '../../../main/services/atomic-write';
import { writePlanOutputs, writeProposal } from '../../../main/services/plan-export';
import type { PrintPdf } from '../../../main/services/pdf-page';
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

  it('writes nothing when a brand folder holds a broken template, and names the file', async () => {
    const { project, analysis } = await planExample();
    const brand = join(dir, 'brand');
    await mkdir(join(brand, 'partials'), { recursive: true });
    await writeFile(join(brand, 'partials', 'costs.hbs'), '<p>{{costs.totl}}</p>');
    const out = join(dir, 'out');
    const result = await writePlanOutputs(out, project, analysis, { ...options, templateDir: brand });
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: 'proposal.template-error' });
    expect(result.issues[0]?.message).toContain('totl');
    await expect(readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes nothing when brand.json has a wrong colour, and names the field', async () => {
    const { project, analysis } = await planExample();
    const brand = join(dir, 'brand');
    await mkdir(brand, { recursive: true });
    await writeFile(join(brand, 'brand.json'), JSON.stringify({ colors: { primary: 'navy' } }));
    const out = join(dir, 'out');
    // The folder saved in the project is used when the caller names none.
    const branded = { ...project, proposal: { templateDir: brand } };
    const result = await writePlanOutputs(out, branded, analysis, options);
    expect(result).toMatchObject({
      ok: false,
      issues: [
        { code: 'brand.invalid-field', path: { file: join(brand, 'brand.json'), field: 'colors.primary' } },
      ],
    });
    await expect(readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('brands the proposal from the folder: company, colour, logo, wording, brand.css', async () => {
    const { project, analysis } = await planExample();
    const brand = join(dir, 'brand');
    await mkdir(brand, { recursive: true });
    await writeFile(
      join(brand, 'brand.json'),
      JSON.stringify({
        companyName: 'Cloudwise Consulting',
        colors: { primary: '#7a1f5c' },
        wording: { coverEyebrow: 'Cloud migration offer', closing: 'This offer is valid for 30 days.' },
      }),
    );
    await writeFile(
      join(brand, 'logo.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="200" height="60" fill="#7a1f5c"/></svg>',
    );
    await writeFile(join(brand, 'brand.css'), '.cover-title { letter-spacing: 0.02em; }');
    const out = join(dir, 'out');
    const result = await writePlanOutputs(out, project, analysis, { ...options, templateDir: brand });
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const html = await readFile(join(out, 'proposal.html'), 'utf8');
    expect(html).toContain('Cloudwise Consulting');
    expect(html).toContain('--brand-primary: #7A1F5C');
    expect(html).toContain('Cloud migration offer');
    expect(html).toContain('This offer is valid for 30 days.');
    expect(html).toContain('<img src="data:image/svg+xml;base64,');
    expect(html).toContain('.cover-title { letter-spacing: 0.02em; }');
    // The built-in sections are still there: the folder replaces only what it holds.
    expect(html).toContain('Security posture');
  });

  it('writes proposal.docx beside the PDF and HTML', async () => {
    const { project, analysis } = await planExample();
    const out = join(dir, 'out');
    const result = await writePlanOutputs(out, project, analysis, options);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.files).toContain('proposal.docx');
    const docx = await readFile(join(out, 'proposal.docx'));
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
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
