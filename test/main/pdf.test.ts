import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProposal } from '../../core/proposal/build-proposal';
import { renderProposalHtml } from '../../core/proposal/render-html';
import { formatUsd } from '../../core/util/money';
import { chromiumCandidates, findChromium, printHtmlToPdf } from '../../main/services/pdf';
import { estimateJson } from '../../main/services/plan-export';
import { PROPOSAL_PARTIALS, readProposalTemplates } from '../../main/services/templates';
import { GENERATED_AT, planExample } from '../core/proposal/example-project';

const browser = findChromium();
const popplerAvailable = (() => {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const canPrint = browser !== null && popplerAvailable;
const skipReason =
  browser === null
    ? 'no Chrome, Chromium or Edge found (install one or set ARCHPLAN_CHROMIUM)'
    : 'poppler-utils (pdftotext, pdftoppm, pdfinfo) not installed';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'archplan-pdf-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

async function exampleHtml(
  paper: 'A4' | 'Letter',
): Promise<{ html: string; monthly: string; titles: string[]; figures: string[] }> {
  const { project, analysis, prices } = await planExample();
  const model = buildProposal(project, analysis, prices.book.description, GENERATED_AT, { paper });
  const templates = await readProposalTemplates();
  if (!templates.ok) throw new Error(templates.issues.map((i) => i.message).join('; '));
  const titles = [
    model.summary,
    model.estate,
    model.sizing,
    model.diagram,
    model.costs,
    model.security,
    model.assumptions,
    model.nextSteps,
  ].map((s) => s.title);
  // The figures estimate.json holds (totals, by tier, by service), as the proposal must print them.
  const json = JSON.parse(estimateJson(analysis.estimate, analysis.purchaseOptions)) as {
    totals: { monthlyUsd: string; yearlyUsd: string; effectiveMonthlyUsd: string };
    byService: { monthlyUsd: string }[];
    byTier: { monthlyUsd: string }[];
  };
  const figures = [
    json.totals.monthlyUsd,
    json.totals.yearlyUsd,
    json.totals.effectiveMonthlyUsd,
    ...json.byService.map((s) => s.monthlyUsd),
    ...json.byTier.map((t) => t.monthlyUsd),
  ].map((v) => formatUsd(v));
  return {
    html: renderProposalHtml(templates.value, model),
    monthly: formatUsd(analysis.estimate.totals.monthlyUsd),
    titles,
    figures,
  };
}

function pageTexts(pdf: string): string[] {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f');
}

function pageSize(pdf: string, page: number): { width: number; height: number } {
  const out = execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), pdf], { encoding: 'utf8' });
  const m = new RegExp(`Page\\s+${page} size:\\s+([\\d.]+) x ([\\d.]+) pts`).exec(out);
  if (!m) throw new Error(`pdfinfo printed no size for page ${page}:\n${out}`);
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** Reads a binary PGM (P5) or PPM (P6) as pdftoppm writes it: header fields, then the samples. */
function readNetpbm(file: string): { magic: string; width: number; height: number; samples: Uint8Array } {
  const data = readFileSync(file);
  const fields: string[] = [];
  let i = 0;
  const isSpace = (b: number | undefined): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
  while (fields.length < 4) {
    while (isSpace(data[i])) i++;
    if (data[i] === 0x23) {
      while (data[i] !== 0x0a) i++;
      continue;
    }
    let token = '';
    while (!isSpace(data[i])) token += String.fromCharCode(data[i++] as number);
    fields.push(token);
  }
  i++; // the single whitespace byte after maxval
  const [magic = '', w = '0', h = '0'] = fields;
  return { magic, width: Number(w), height: Number(h), samples: data.subarray(i) };
}

/** Rasterises one page at 50 dpi: share of pixels that are not paper, and share in strong colour. */
function pageInk(pdf: string, page: number): { ink: number; colour: number } {
  const base = join(work, `page-${page}-${Math.random().toString(36).slice(2)}`);
  execFileSync('pdftoppm', [
    '-gray',
    '-r',
    '50',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdf,
    base,
  ]);
  const gray = readNetpbm(`${base}.pgm`);
  expect(gray.magic).toBe('P5');
  let dark = 0;
  for (let k = 0; k < gray.width * gray.height; k++) if ((gray.samples[k] as number) < 245) dark++;
  execFileSync('pdftoppm', ['-r', '50', '-f', String(page), '-l', String(page), '-singlefile', pdf, base]);
  const rgb = readNetpbm(`${base}.ppm`);
  expect(rgb.magic).toBe('P6');
  let coloured = 0;
  for (let k = 0; k < rgb.width * rgb.height; k++) {
    const r = rgb.samples[3 * k] as number;
    const g = rgb.samples[3 * k + 1] as number;
    const b = rgb.samples[3 * k + 2] as number;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
  }
  return { ink: dark / (gray.width * gray.height), colour: coloured / (rgb.width * rgb.height) };
}

describe('findChromium', () => {
  const has =
    (...paths: string[]) =>
    (p: string) =>
      paths.includes(p);

  it('prefers ARCHPLAN_CHROMIUM, and does not quietly replace a wrong one', () => {
    expect(
      findChromium(
        { ARCHPLAN_CHROMIUM: '/opt/chrome/chrome' },
        'linux',
        has('/opt/chrome/chrome', '/usr/bin/chromium'),
      ),
    ).toBe('/opt/chrome/chrome');
    expect(
      findChromium({ ARCHPLAN_CHROMIUM: '/nowhere/chrome' }, 'linux', has('/usr/bin/chromium')),
    ).toBeNull();
  });

  it('finds the standard installs on Linux, macOS and Windows', () => {
    expect(findChromium({}, 'linux', has('/usr/bin/google-chrome', '/usr/bin/microsoft-edge'))).toBe(
      '/usr/bin/google-chrome',
    );
    expect(findChromium({}, 'linux', has('/usr/bin/chromium-browser'))).toBe('/usr/bin/chromium-browser');
    expect(
      findChromium({}, 'darwin', has('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge')),
    ).toBe('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    const env = {
      PROGRAMFILES: 'C:\\Program Files',
      'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
      LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local',
    };
    expect(
      findChromium(env, 'win32', has('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe')),
    ).toBe('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(chromiumCandidates(env, 'win32')).toContain(
      'C:\\Users\\a\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
    );
    expect(findChromium({}, 'linux', has())).toBeNull();
  });
});

describe('printHtmlToPdf without a browser', () => {
  it('returns an error value that says how to get one', async () => {
    const saved = process.env.ARCHPLAN_CHROMIUM;
    process.env.ARCHPLAN_CHROMIUM = join(tmpdir(), 'no-such-browser', 'chrome');
    try {
      const out = join(work, 'never.pdf');
      const result = await printHtmlToPdf('<p>x</p>', out, { paper: 'A4' });
      expect(result.ok).toBe(false);
      expect(result.issues[0]).toMatchObject({ code: 'pdf.no-browser', severity: 'error' });
      expect(result.issues[0]?.message).toContain('no-such-browser');
      expect(result.issues[0]?.hint).toMatch(
        /Install Google Chrome, Chromium or Microsoft Edge, or set ARCHPLAN_CHROMIUM/,
      );
    } finally {
      if (saved === undefined) delete process.env.ARCHPLAN_CHROMIUM;
      else process.env.ARCHPLAN_CHROMIUM = saved;
    }
  });
});

describe('readProposalTemplates', () => {
  it('reads the built-in template folder', async () => {
    const result = await readProposalTemplates();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.value.partials).sort()).toEqual([...PROPOSAL_PARTIALS].sort());
    expect(result.value.layout).toContain('{{> cover}}');
    expect(result.value.css).toContain('@page');
  });

  it('lets a brand folder replace files one by one, and falls back to the built-in ones', async () => {
    const dir = join(work, 'custom-templates');
    mkdirSync(join(dir, 'partials'), { recursive: true });
    writeFileSync(join(dir, 'partials', 'next-steps.hbs'), '<p>Our own next steps</p>');
    writeFileSync(join(dir, 'partials', 'extra.hbs'), '<i></i>');
    writeFileSync(join(dir, 'brand.css'), 'h2 { color: teal; }');
    const builtIn = await readProposalTemplates();
    const result = await readProposalTemplates(dir);
    expect(result.ok && builtIn.ok).toBe(true);
    if (!result.ok || !builtIn.ok) return;
    expect(result.value.partials['next-steps']).toBe('<p>Our own next steps</p>');
    expect(result.value.partials.extra).toBe('<i></i>');
    expect(result.value.partials.costs).toBe(builtIn.value.partials.costs);
    expect(result.value.layout).toBe(builtIn.value.layout);
    expect(result.value.brandCss).toBe('h2 { color: teal; }');
    expect(builtIn.value.brandCss).toBe('');
  });

  it('inlines the embedded fonts as data: URLs, and refuses a font url() outside the folder', async () => {
    const builtIn = await readProposalTemplates();
    expect(builtIn.ok).toBe(true);
    if (!builtIn.ok) return;
    expect(builtIn.value.fontCss).toContain("font-family: 'Inter'");
    expect(builtIn.value.fontCss).toContain('url(data:font/woff2;base64,');
    expect(builtIn.value.fontCss).not.toMatch(/url\((?!data:)/);
    const dir = join(work, 'bad-fonts');
    mkdirSync(join(dir, 'fonts'), { recursive: true });
    writeFileSync(
      join(dir, 'fonts', 'fonts.css'),
      "@font-face { font-family: X; src: url('https://fonts.example/x.woff2'); }",
    );
    const result = await readProposalTemplates(dir);
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.code).toBe('templates.font-invalid');
  });

  it('reports a folder that does not exist', async () => {
    const result = await readProposalTemplates(join(work, 'no-such-folder'));
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.code).toBe('templates.folder-missing');
  });
});

if (!canPrint && process.env.CI) {
  describe('PDF printing in CI', () => {
    it('has a browser and poppler-utils', () => {
      expect.fail(`CI must be able to print the proposal, but ${skipReason}.`);
    });
  });
}

describe.skipIf(!canPrint)(
  `printHtmlToPdf${canPrint ? ` with ${browser}` : ` (skipped: ${skipReason})`}`,
  () => {
    it('prints the example proposal: every section, the monthly total, a drawn diagram on a landscape page', async () => {
      const { html, monthly, titles, figures } = await exampleHtml('A4');
      const out = join(work, 'proposal-a4.pdf');
      const result = await printHtmlToPdf(html, out, { paper: 'A4' });
      expect(result.issues).toEqual([]);
      expect(result).toMatchObject({ ok: true, value: { file: out } });
      const pages = pageTexts(out).filter((t) => t.trim() !== '');
      const all = pages.join('\n');
      for (const title of titles) expect(all).toContain(title);
      expect(all).toContain(monthly);
      expect(monthly).toMatch(/^\$[\d,]+\.\d{2}$/);
      // Every total, tier and service figure of estimate.json is printed, to the cent.
      expect(figures.length).toBeGreaterThan(10);
      for (const figure of figures) expect(all).toContain(figure);
      // The embedded font is in the file, so the PDF looks the same without Inter installed.
      expect(execFileSync('pdffonts', [out], { encoding: 'utf8' })).toMatch(/Inter-Regular\s.*\syes\s+yes/);
      expect(pages[0]).toContain('KFintech IQ Bot platform');
      expect(pages[0]).toMatch(new RegExp(`Page 1 of ${pages.length}`));
      // A4 portrait (210 × 297 mm = 595.3 × 841.9 pt; Chromium rounds to whole device pixels), except the diagram's page.
      const first = pageSize(out, 1);
      expect(Math.abs(first.width - 595.3)).toBeLessThan(2);
      expect(Math.abs(first.height - 841.9)).toBeLessThan(2);
      const diagramPage = pages.findIndex((t) => t.includes('Region ap-south-1')) + 1;
      expect(diagramPage).toBeGreaterThan(1);
      expect(pages[diagramPage - 1]).toContain('Architecture');
      const landscape = pageSize(out, diagramPage);
      expect(landscape.width).toBeGreaterThan(landscape.height);
      // Not blank, and drawn: the service tiles and subnet borders put colour on the page that text does not.
      const diagram = pageInk(out, diagramPage);
      const textOnly = pageInk(out, pages.length);
      expect(diagram.ink).toBeGreaterThan(0.05);
      expect(diagram.colour).toBeGreaterThan(0.015);
      expect(diagram.colour).toBeGreaterThan(3 * textOnly.colour);
    }, 120_000);

    it('prints on Letter paper when asked', async () => {
      const { html } = await exampleHtml('Letter');
      const out = join(work, 'proposal-letter.pdf');
      const result = await printHtmlToPdf(html, out, { paper: 'Letter' });
      expect(result.ok).toBe(true);
      expect(pageSize(out, 1)).toEqual({ width: 612, height: 792 });
    }, 120_000);

    it('lets the page fetch nothing', async () => {
      let hits = 0;
      const server: Server = createServer((_req, res) => {
        hits++;
        res.writeHead(200, { 'content-type': 'text/css' }).end('body{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        await fetch(`${base}/probe`);
        expect(hits).toBe(1); // the server does answer, so 0 hits below means the page was blocked
        hits = 0;
        const hostile = `<!doctype html><html><head><link rel="stylesheet" href="${base}/a.css"><style>@import url("${base}/b.css"); body { background: url("${base}/c.png"); } @font-face { font-family: x; src: url("${base}/d.woff"); }</style></head>
        <body style="font-family: x"><img src="${base}/e.png"><iframe src="${base}/f.html"></iframe><object data="${base}/g.svg"></object><script src="${base}/h.js"></script><script>fetch("${base}/i")</script><p>text</p></body></html>`;
        const out = join(work, 'hostile.pdf');
        const result = await printHtmlToPdf(hostile, out, { paper: 'A4' });
        expect(result.ok).toBe(true);
        expect(hits).toBe(0);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    }, 120_000);

    it('reports a folder it cannot write to as an error value, leaving nothing behind', async () => {
      const out = join(work, 'missing-folder', 'proposal.pdf');
      const result = await printHtmlToPdf('<p>x</p>', out, { paper: 'A4' });
      expect(result.ok).toBe(false);
      expect(result.issues[0]).toMatchObject({ code: 'pdf.write-failed', path: { file: out } });
    }, 120_000);

    it('draws a diagram Chromium’s own XML parser accepts', async () => {
      const { project, analysis, prices } = await planExample({ name: `<x> & "y"` });
      const svg = buildProposal(project, analysis, prices.book.description, GENERATED_AT).diagram.svg;
      const b = await chromium.launch({
        executablePath: browser as string,
        args: ['--no-sandbox', '--disable-gpu'],
      });
      try {
        const page = await b.newPage();
        const error = await page.evaluate((text) => {
          // Runs in the page; the Node-side tsconfig has no DOM types, so the one API used is typed here.
          type XmlDoc = {
            querySelector(s: string): { textContent: string | null } | null;
            documentElement: { nodeName: string };
          };
          const Parser = (
            globalThis as unknown as {
              DOMParser: new () => { parseFromString(s: string, type: string): XmlDoc };
            }
          ).DOMParser;
          const doc = new Parser().parseFromString(text, 'image/svg+xml');
          const problem = doc.querySelector('parsererror');
          return problem
            ? problem.textContent
            : doc.documentElement.nodeName === 'svg'
              ? null
              : `root is ${doc.documentElement.nodeName}`;
        }, svg);
        expect(error).toBeNull();
      } finally {
        await b.close();
      }
    }, 120_000);
  },
);
