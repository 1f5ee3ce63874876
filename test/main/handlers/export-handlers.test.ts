import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../core/ipc/contract';
import { analyzeProject } from '../../../core/plan/plan-project';
import { createSnapshotPriceBook, parsePricingSnapshot } from '../../../core/pricing/price-book';
import { serializeProject } from '../../../core/project/load-project';
import type { Project } from '../../../core/project/schema';
import { createHandlers } from '../../../main/handlers/create-handlers';
import { dispatch } from '../../../main/handlers/dispatch';
import type { HostContext } from '../../../main/handlers/host-context';
import { writeFileAtomic } from '../../../main/services/atomic-write';
import { estimateCsv, estimateJson } from '../../../main/services/plan-export';
import { findChromium, printHtmlToPdf } from '../../../main/services/pdf';
import type { PrintPdf } from '../../../main/services/pdf-page';
import { exampleProject } from '../fixtures/example-project';

const PRICING_DIR = resolve('pricing-data');
const EVERY_FILE = [
  'project.archplan.json',
  'estimate.json',
  'estimate.csv',
  'sizing.json',
  'checks.json',
  'ha-comparison.json',
  'diagram.svg',
  'cloudformation/README.md',
  ...['01-network', '02-security', '03-data', '04-compute', '05-operations'].flatMap((s) => [
    `cloudformation/${s}.yaml`,
    `cloudformation/${s}.parameters.json`,
  ]),
  'cloudformation/template.yaml',
  'cloudformation/parameters.json',
  'proposal.html',
  'proposal.docx',
  'proposal.pdf',
];

let root: string;
let workspace: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'archplan-export-'));
  workspace = join(root, 'workspace');
  await mkdir(workspace);
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** Stands in for a PDF printer: records what it was asked to print and writes a small PDF. */
function fakePrinter() {
  const calls: { html: string; outFile: string; paper: string }[] = [];
  const printPdf: PrintPdf = async (html, outFile, paper) => {
    calls.push({ html, outFile, paper });
    const bytes = Buffer.from(`%PDF-1.7\n% printed on ${paper}\n%%EOF\n`);
    await writeFileAtomic(outFile, bytes);
    return { ok: true, value: { file: outFile, bytes: bytes.length }, issues: [] };
  };
  return { calls, printPdf };
}

function browserContext(over: Partial<HostContext> = {}): HostContext {
  return {
    mode: 'browser',
    version: '9.9.9',
    pricingDataDir: PRICING_DIR,
    workspaceDir: workspace,
    recentFiles: null,
    printPdf: fakePrinter().printPdf,
    log: () => undefined,
    ...over,
  };
}

function desktopContext(over: Partial<HostContext> = {}): HostContext {
  return { ...browserContext(), mode: 'desktop', workspaceDir: null, ...over };
}

async function exportPlan(
  ctx: HostContext,
  project: Project,
  paper: 'A4' | 'Letter' = 'A4',
): Promise<ChannelOutput<'export.plan'>> {
  const result = await dispatch(createHandlers(ctx), 'export.plan', { project, paper });
  if (!result.ok) throw new Error(`dispatch failed: ${JSON.stringify(result.output)}`);
  return result.output;
}

function exported(output: ChannelOutput<'export.plan'>) {
  if (output.status !== 'exported') throw new Error(`expected an export, got ${JSON.stringify(output)}`);
  return output;
}

/** Every file under `dir`, relative and "/"-separated, sorted. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

function mumbaiPrices() {
  const snap = parsePricingSnapshot(
    readFileSync(join(PRICING_DIR, 'ap-south-1.json'), 'utf8'),
    'ap-south-1.json',
  );
  if (!snap.ok) throw new Error('snapshot');
  return { book: createSnapshotPriceBook(snap.value), instanceTypes: snap.value.instanceTypes };
}

describe('export.plan in browser mode', () => {
  it('writes every plan file into <workspace>/<project>-export/, the same content the CLI writes', async () => {
    const project = await exampleProject();
    const printer = fakePrinter();
    const out = exported(await exportPlan(browserContext({ printPdf: printer.printPdf }), project));

    const dir = join(workspace, 'Acme-Corp-RPA-estate-phase-2-export');
    expect(out.dir).toBe(dir);
    expect([...out.files].sort()).toEqual([...EVERY_FILE].sort());
    expect(await listFiles(dir)).toEqual([...EVERY_FILE].sort());
    expect(out.pdf).toEqual({ status: 'written', file: join(dir, 'proposal.pdf') });
    // Nothing else in the workspace: no stray temporary files, no project saved beside the export.
    expect(await readdir(workspace)).toEqual(['Acme-Corp-RPA-estate-phase-2-export']);

    expect(await readFile(join(dir, 'project.archplan.json'), 'utf8')).toBe(serializeProject(project));
    const analysis = analyzeProject(project, mumbaiPrices(), {
      comparePurchaseOptions: true,
      compareHaPatterns: true,
    });
    expect(await readFile(join(dir, 'estimate.json'), 'utf8')).toBe(
      estimateJson(analysis.estimate, analysis.purchaseOptions),
    );
    expect(await readFile(join(dir, 'estimate.csv'), 'utf8')).toBe(estimateCsv(analysis.estimate));
    expect(JSON.parse(await readFile(join(dir, 'checks.json'), 'utf8'))).toEqual(analysis.checks);
    expect(await readFile(join(dir, 'cloudformation', 'template.yaml'), 'utf8')).toContain(
      'AWSTemplateFormatVersion',
    );
    expect(await readFile(join(dir, 'diagram.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);

    // The printer got the proposal that was written, on the paper asked for, aimed at the export folder.
    const html = await readFile(join(dir, 'proposal.html'), 'utf8');
    expect(printer.calls).toEqual([{ html, outFile: join(dir, 'proposal.pdf'), paper: 'A4' }]);
    expect(html).toContain('Acme Corp / RPA estate: phase 2');
    expect((await readFile(join(dir, 'proposal.pdf'))).subarray(0, 4).toString()).toBe('%PDF');
  });

  it('replaces files of the same name on a second export and leaves other files in the folder alone', async () => {
    const project = await exampleProject();
    const first = exported(await exportPlan(browserContext(), project));
    await writeFile(join(first.dir, 'notes.txt'), 'the architect’s own notes');
    const renamed: Project = { ...project, project: { ...project.project, customer: 'Acme Holdings' } };
    const printer = fakePrinter();
    const second = exported(
      await exportPlan(browserContext({ printPdf: printer.printPdf }), renamed, 'Letter'),
    );

    expect(second.dir).toBe(first.dir);
    expect(
      JSON.parse(await readFile(join(second.dir, 'project.archplan.json'), 'utf8')).project.customer,
    ).toBe('Acme Holdings');
    expect(await readFile(join(second.dir, 'proposal.pdf'), 'utf8')).toContain('printed on Letter');
    expect(await readFile(join(second.dir, 'notes.txt'), 'utf8')).toBe('the architect’s own notes');
    expect(await listFiles(second.dir)).toEqual([...EVERY_FILE, 'notes.txt'].sort());
  });

  it('keeps a folder named after a hostile project name inside the workspace', async () => {
    const base = await exampleProject();
    const names = [
      '../../outside',
      '..',
      '/etc/cron.d/evil',
      '..\\..\\windows\\system32',
      'CON',
      'a/../../b',
      '.hidden/../..',
      ' ',
      '🚀 launch: "phase 2" <script>',
    ];
    for (const name of names) {
      const project: Project = { ...base, project: { ...base.project, name } };
      const out = exported(await exportPlan(browserContext(), project));
      const rel = relative(workspace, out.dir);
      expect(rel, name).not.toMatch(/^\.\.|[/\\]/);
      expect(rel.endsWith('-export'), name).toBe(true);
      expect(out.files, name).toContain('cloudformation/template.yaml');
    }
    // Nothing was written beside the workspace (root holds only it) or anywhere above it.
    expect(await readdir(root)).toEqual(['workspace']);
    expect((await readdir(workspace)).sort()).toEqual(
      // "a-..-..-b" is one harmless name: the separators that made ".." a step up are gone.
      [
        'outside-export',
        'project-export',
        'etc-cron.d-evil-export',
        'windows-system32-export',
        'CON-project-export',
        'a-..-..-b-export',
        'hidden-export',
        'launch-phase-2-script-export',
      ].sort(),
    );
  });

  it('refuses an export folder, or a cloudformation folder in it, that links out of the workspace', async () => {
    const project = await exampleProject();
    const outside = join(root, 'outside');
    await mkdir(outside);
    const folder = join(workspace, 'Acme-Corp-RPA-estate-phase-2-export');
    await symlink(outside, folder, 'dir');
    const linked = await exportPlan(browserContext(), project);
    expect(linked).toMatchObject({ status: 'error', issues: [{ code: 'workspace.outside' }] });
    expect(await readdir(outside)).toEqual([]);

    await rm(folder);
    await mkdir(folder);
    await symlink(outside, join(folder, 'cloudformation'), 'dir');
    const inner = await exportPlan(browserContext(), project);
    expect(inner).toMatchObject({ status: 'error', issues: [{ code: 'workspace.outside' }] });
    expect(await readdir(outside)).toEqual([]);
    expect(await readdir(folder)).toEqual(['cloudformation']);
  });

  it('names a file that is in the way of the export folder', async () => {
    await writeFile(join(workspace, 'Acme-Corp-RPA-estate-phase-2-export'), 'not a folder');
    const out = await exportPlan(browserContext(), await exampleProject());
    expect(out).toMatchObject({
      status: 'error',
      issues: [{ code: 'workspace.not-a-folder', path: { file: 'Acme-Corp-RPA-estate-phase-2-export' } }],
    });
  });

  it('still writes every other file when no browser can print the PDF, and says why', async () => {
    const noBrowser: PrintPdf = async () => ({
      ok: false,
      issues: [
        {
          code: 'pdf.no-browser',
          severity: 'error',
          message: 'No Chrome, Chromium or Edge browser was found.',
          hint: 'Install one.',
        },
      ],
    });
    const out = exported(await exportPlan(browserContext({ printPdf: noBrowser }), await exampleProject()));
    expect(out.pdf).toEqual({
      status: 'skipped',
      reason: 'No Chrome, Chromium or Edge browser was found. Install one.',
    });
    expect(out.files).toEqual(EVERY_FILE.filter((f) => f !== 'proposal.pdf'));
    expect(await listFiles(out.dir)).toEqual(EVERY_FILE.filter((f) => f !== 'proposal.pdf').sort());
  });

  it('reports a printer that fails as an error with its issues', async () => {
    const broken: PrintPdf = async () => ({
      ok: false,
      issues: [
        {
          code: 'pdf.print-failed',
          severity: 'error',
          message: 'The proposal could not be printed to PDF: crashed',
          hint: 'Try again.',
        },
      ],
    });
    const out = await exportPlan(browserContext({ printPdf: broken }), await exampleProject());
    expect(out).toEqual({ status: 'error', issues: [expect.objectContaining({ code: 'pdf.print-failed' })] });
  });

  it('refuses a project without servers, or in a region without prices, before writing anything', async () => {
    const project = await exampleProject();
    const empty: Project = { ...project, inventory: { ...project.inventory, servers: [] } };
    expect(await exportPlan(browserContext(), empty)).toMatchObject({
      status: 'error',
      issues: [{ code: 'export.empty-project' }],
    });
    const elsewhere: Project = { ...project, options: { ...project.options, region: 'eu-west-3' } };
    const out = await exportPlan(browserContext(), elsewhere);
    expect(out).toMatchObject({
      status: 'error',
      issues: [{ code: 'pricing.unknown-region', message: expect.stringContaining('ap-south-1, us-east-1') }],
    });
    expect(await readdir(workspace)).toEqual([]);
  });

  it('shares the price snapshot pricing.snapshot loaded: the file is read once per host', async () => {
    const pricing = join(root, 'pricing');
    await mkdir(pricing);
    await copyFile(join(PRICING_DIR, 'ap-south-1.json'), join(pricing, 'ap-south-1.json'));
    const handlers = createHandlers(browserContext({ pricingDataDir: pricing }));
    expect((await dispatch(handlers, 'pricing.snapshot', { region: 'ap-south-1' })).output).toMatchObject({
      status: 'ok',
    });
    // Damaged after it was loaded: an export that read the file again would fail.
    await writeFile(join(pricing, 'ap-south-1.json'), '{"damaged":');
    const out = await dispatch(handlers, 'export.plan', { project: await exampleProject(), paper: 'A4' });
    expect(out.output).toMatchObject({ status: 'exported' });
    // A fresh host does read it, and names the damage.
    const fresh = await dispatch(createHandlers(browserContext({ pricingDataDir: pricing })), 'export.plan', {
      project: await exampleProject(),
      paper: 'A4',
    });
    expect(fresh.output).toMatchObject({ status: 'error', issues: [{ path: { file: 'ap-south-1.json' } }] });
  });
});

describe('export.plan on the desktop', () => {
  it('writes into the folder the user picks, creating it if needed', async () => {
    const chosen = join(root, 'Deliverables', 'Acme');
    let asked = 0;
    const out = exported(
      await exportPlan(
        desktopContext({
          pickExportDir: async () => {
            asked++;
            return chosen;
          },
        }),
        await exampleProject(),
      ),
    );
    expect(asked).toBe(1);
    expect(out.dir).toBe(chosen);
    expect(await listFiles(chosen)).toEqual([...EVERY_FILE].sort());
  });

  it('writes nothing when the user cancels the folder picker', async () => {
    const out = await exportPlan(desktopContext({ pickExportDir: async () => null }), await exampleProject());
    expect(out).toEqual({ status: 'cancelled' });
    expect(await readdir(root)).toEqual(['workspace']);
    expect(await readdir(workspace)).toEqual([]);
  });

  it('says so when the host has no folder picker', async () => {
    const out = await exportPlan(desktopContext(), await exampleProject());
    expect(out).toMatchObject({ status: 'error', issues: [{ code: 'export.no-dialog' }] });
  });

  it('names the file it could not write, as an issue', async () => {
    const chosen = join(root, 'chosen');
    await mkdir(join(chosen, 'estimate.json'), { recursive: true }); // a folder where a file must go
    const out = await exportPlan(
      desktopContext({ pickExportDir: async () => chosen }),
      await exampleProject(),
    );
    expect(out).toMatchObject({
      status: 'error',
      issues: [
        {
          code: 'export.write-failed',
          path: { file: join(chosen, 'estimate.json') },
          message: expect.stringContaining('estimate.json'),
        },
      ],
    });
  });
});

const chromium = findChromium();
const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;

describe.skipIf(!chromium)(
  `export.plan in browser mode printing with ${chromium ?? 'no browser (skipped)'}`,
  () => {
    it('writes a real proposal.pdf with numbered pages beside every other file', async () => {
      const ctx = browserContext({
        printPdf: (html, outFile, paper) => printHtmlToPdf(html, outFile, { paper }),
      });
      const out = exported(await exportPlan(ctx, await exampleProject(), 'Letter'));
      expect(await listFiles(out.dir)).toEqual([...EVERY_FILE].sort());
      const pdf = join(out.dir, 'proposal.pdf');
      expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
      if (hasPdftotext) {
        const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
        expect(text).toContain('Acme Corp / RPA estate: phase 2');
        expect(text).toMatch(/Page 1 of \d+/);
      }
      expect(dirname(pdf)).toBe(out.dir);
    }, 120_000);
  },
);
