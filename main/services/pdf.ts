import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserType } from 'playwright-core';
import type { Issue, Result } from '../../core/model/issue';
import { writeFileAtomic } from './atomic-write';
import {
  FOOTER_TEMPLATE,
  HEADER_TEMPLATE,
  PDF_NO_BROWSER,
  type PaperSize,
  type PdfWritten,
} from './pdf-page';

/**
 * playwright-core takes about half a second to load; it is loaded on the first print, not at start-up,
 * so the browser-mode host and the CLI start quickly.
 */
async function loadChromium(): Promise<BrowserType> {
  return (await import('playwright-core')).chromium;
}

/**
 * Prints HTML to PDF with a Chromium-family browser already on the machine (Chrome, Chromium or
 * Edge), driven by playwright-core: the app ships no browser of its own. The page can fetch nothing
 * and run no script, so a proposal built from hostile text (or a hostile template) cannot phone home.
 */

export type { PaperSize, PdfWritten };

export interface PdfOptions {
  paper: PaperSize;
}

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const TIMEOUT_MS = 60_000;

const NO_BROWSER_HINT =
  'Install Google Chrome, Chromium or Microsoft Edge, or set ARCHPLAN_CHROMIUM to the path of a Chromium-family browser.';

/** Where browsers install themselves on each platform, in order of preference. */
export function chromiumCandidates(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string[] {
  if (platform === 'darwin') {
    const apps = ['/Applications', ...(env.HOME ? [join(env.HOME, 'Applications')] : [])];
    return apps.flatMap((dir) => [
      `${dir}/Google Chrome.app/Contents/MacOS/Google Chrome`,
      `${dir}/Chromium.app/Contents/MacOS/Chromium`,
      `${dir}/Microsoft Edge.app/Contents/MacOS/Microsoft Edge`,
    ]);
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (r): r is string => !!r,
    );
    const win = (...parts: string[]): string => parts.join('\\');
    return [
      ...roots.map((r) => win(r, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      ...roots.map((r) => win(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
      ...roots.map((r) => win(r, 'Chromium', 'Application', 'chrome.exe')),
    ];
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/snap/bin/chromium',
  ];
}

/**
 * The browser to print with: ARCHPLAN_CHROMIUM when set (and only it: a wrong explicit setting is
 * reported, not quietly replaced), else the first standard install found; null when there is none.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): string | null {
  const override = env.ARCHPLAN_CHROMIUM?.trim();
  if (override) return exists(override) ? override : null;
  return chromiumCandidates(env, platform).find((p) => exists(p)) ?? null;
}

function pdfIssue(code: string, message: string, hint: string, file?: string): Result<PdfWritten> {
  const issue: Issue = { code, severity: 'error', message, hint, ...(file ? { path: { file } } : {}) };
  return { ok: false, issues: [issue] };
}

/** First line of an error, without Playwright's call log. */
function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return (text.split('\n').find((l) => l.trim() !== '') ?? text).trim();
}

/**
 * Prints `html` to `outFile` (written atomically). The paper size applies to every page; pages the
 * HTML marks landscape (CSS named pages) keep their orientation. When no browser is installed the
 * result is an error value saying how to get one.
 */
export async function printHtmlToPdf(
  html: string,
  outFile: string,
  options: PdfOptions,
): Promise<Result<PdfWritten>> {
  const executablePath = findChromium();
  if (!executablePath) {
    const override = process.env.ARCHPLAN_CHROMIUM?.trim();
    const message = override
      ? `ARCHPLAN_CHROMIUM is set to ${override}, but there is no browser at that path, so the proposal PDF cannot be printed.`
      : 'No Chrome, Chromium or Edge browser was found, so the proposal PDF cannot be printed. The HTML proposal is still written.';
    return pdfIssue(PDF_NO_BROWSER, message, NO_BROWSER_HINT);
  }
  let browser: Browser;
  try {
    browser = await (
      await loadChromium()
    ).launch({
      executablePath,
      args: LAUNCH_ARGS,
      headless: true,
      timeout: TIMEOUT_MS,
    });
  } catch (e) {
    return pdfIssue(
      'pdf.browser-failed',
      `The browser at ${executablePath} could not be started: ${firstLine(e)}`,
      `Check that the browser opens normally, or point ARCHPLAN_CHROMIUM at another one. ${NO_BROWSER_HINT}`,
    );
  }
  let pdf: Buffer;
  try {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      serviceWorkers: 'block',
      acceptDownloads: false,
    });
    // The document is set in place; every request it would make (images, fonts, styles, links) is refused.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      return url === 'about:blank' || url.startsWith('data:')
        ? route.continue()
        : route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout: TIMEOUT_MS });
    pdf = await page.pdf({
      format: options.paper,
      printBackground: true,
      preferCSSPageSize: false,
      displayHeaderFooter: true,
      headerTemplate: HEADER_TEMPLATE,
      footerTemplate: FOOTER_TEMPLATE,
    });
  } catch (e) {
    return pdfIssue(
      'pdf.print-failed',
      `The browser could not print the proposal: ${firstLine(e)}`,
      'Try again; if it keeps failing, update the browser or point ARCHPLAN_CHROMIUM at another one.',
    );
  } finally {
    await browser.close().catch(() => undefined);
  }
  try {
    await writeFileAtomic(outFile, pdf);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return pdfIssue(
      'pdf.write-failed',
      `Could not write ${outFile}: ${err.code ?? ''} ${firstLine(e)}`.replace(/\s+/g, ' '),
      'Check that the folder exists, that you may write to it, and that the file is not open in another program.',
      outFile,
    );
  }
  return { ok: true, value: { file: outFile, bytes: pdf.length }, issues: [] };
}

/**
 * The diagram as a PNG (for the DOCX, whose readers without SVG support, such as Google Docs and
 * Word 2013, show this instead), drawn by the same browser that prints the PDF, at 1.5× for print.
 * Null when no browser is found or it fails: the DOCX then carries a plain frame as its fallback,
 * and the SVG itself is unaffected.
 */
export async function rasteriseSvgToPng(
  svg: string,
  width: number,
  height: number,
): Promise<Uint8Array | null> {
  const executablePath = findChromium();
  if (!executablePath) return null;
  const w = Math.max(1, Math.ceil(width));
  const h = Math.max(1, Math.ceil(height));
  let browser: Browser | undefined;
  try {
    browser = await (
      await loadChromium()
    ).launch({
      executablePath,
      args: LAUNCH_ARGS,
      headless: true,
      timeout: TIMEOUT_MS,
    });
    const context = await browser.newContext({
      javaScriptEnabled: false,
      serviceWorkers: 'block',
      acceptDownloads: false,
      viewport: { width: w, height: h },
      deviceScaleFactor: 1.5,
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      return url === 'about:blank' || url.startsWith('data:')
        ? route.continue()
        : route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const src = `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:#fff"><img src="${src}" width="${w}" height="${h}" style="display:block"></body></html>`,
      { waitUntil: 'load', timeout: TIMEOUT_MS },
    );
    const png = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: w, height: h } });
    return new Uint8Array(png);
  } catch {
    return null;
  } finally {
    await browser?.close().catch(() => undefined);
  }
}
