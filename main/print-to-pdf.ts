import {
  BrowserWindow,
  type BrowserWindowConstructorOptions,
  type PrintToPDFOptions,
  type Session,
  session,
} from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Issue, Result } from '../core/model/issue';
import { writeFileAtomic } from './services/atomic-write';
import { FOOTER_TEMPLATE, HEADER_TEMPLATE, type PaperSize, type PdfWritten } from './services/pdf-page';
import { denyAllPermissions, hardenWebContents } from './window';

/**
 * The desktop app prints the proposal with Electron's own Chromium, so it needs no browser on the
 * machine. The HTML goes into a private temporary file and is loaded into a hidden window that can
 * run no script, has no preload, cannot navigate or open windows, and (through its own in-memory
 * session) can fetch nothing but that file: a proposal built from hostile text, or a hostile user
 * template, cannot phone home. The pages match the CLI's PDF (main/services/pdf.ts): same paper,
 * backgrounds, footer with page numbers, and the CSS @page margins (Electron's 1 cm default is zeroed,
 * as Playwright does).
 */

/** No "persist:" prefix: an in-memory session of its own, apart from the app window's. */
export const PRINT_PARTITION = 'archplan-print';
const TIMEOUT_MS = 60_000;

export function createPrintWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 1024,
    height: 1400,
    webPreferences: {
      partition: PRINT_PARTITION,
      sandbox: true,
      contextIsolation: true,
      javascript: false,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
      // Middle-click must not open links in new windows (Electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      // A hidden window must still lay out and paint for printing.
      backgroundThrottling: false,
    },
  };
}

export function createPrintOptions(paper: PaperSize): PrintToPDFOptions {
  return {
    pageSize: paper,
    printBackground: true,
    preferCSSPageSize: false,
    displayHeaderFooter: true,
    headerTemplate: HEADER_TEMPLATE,
    footerTemplate: FOOTER_TEMPLATE,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
  };
}

/** Files being printed right now (normalised paths): the only pages the print session lets through (besides data:). */
const printing = new Set<string>();

function normalisePath(path: string): string {
  const absolute = resolve(path);
  return process.platform === 'win32' ? absolute.toLowerCase() : absolute;
}

/** Compared as paths, not URL strings, so Chromium's own spelling of the file URL (escapes, drive letter case) still matches. */
function isPrintedPage(url: string): boolean {
  if (!url.startsWith('file:')) return false;
  try {
    return printing.has(normalisePath(fileURLToPath(url)));
  } catch {
    return false;
  }
}
let hardenedSession: Session | null = null;

function printSession(): Session {
  const s = session.fromPartition(PRINT_PARTITION);
  if (hardenedSession !== s) {
    denyAllPermissions(s);
    s.webRequest.onBeforeRequest((details, callback) => {
      callback({ cancel: !(isPrintedPage(details.url) || details.url.startsWith('data:')) });
    });
    hardenedSession = s;
  }
  return s;
}

function pdfIssue(code: string, message: string, hint: string, file?: string): Result<PdfWritten> {
  const issue: Issue = { code, severity: 'error', message, hint, ...(file ? { path: { file } } : {}) };
  return { ok: false, issues: [issue] };
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return (text.split('\n').find((l) => l.trim() !== '') ?? text).trim();
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Prints `html` to `outFile` (written atomically) in a hidden, sandboxed window. Failures come back
 * as error values (`pdf.print-failed`, `pdf.write-failed`); the window and the temporary file are
 * always removed.
 */
export async function printHtmlToPdfInElectron(
  html: string,
  outFile: string,
  paper: PaperSize,
  options: { timeoutMs?: number } = {},
): Promise<Result<PdfWritten>> {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  let dir: string | undefined;
  let page: string | undefined;
  let win: BrowserWindow | undefined;
  let pdf: Buffer;
  try {
    printSession();
    dir = await mkdtemp(join(tmpdir(), 'archplan-print-'));
    page = join(dir, 'proposal.html');
    await writeFile(page, html, { mode: 0o600 });
    const url = pathToFileURL(page).href;
    printing.add(normalisePath(page));
    win = new BrowserWindow(createPrintWindowOptions());
    hardenWebContents(win.webContents);
    await withTimeout(win.loadURL(url), timeoutMs, 'Loading the proposal');
    pdf = await withTimeout(
      win.webContents.printToPDF(createPrintOptions(paper)),
      timeoutMs,
      'Printing the proposal',
    );
  } catch (e) {
    return pdfIssue(
      'pdf.print-failed',
      `The proposal could not be printed to PDF: ${firstLine(e)}`,
      'Try again; if it keeps failing, restart Architecture Planner. The HTML proposal is written beside it and prints from any browser.',
    );
  } finally {
    if (page) printing.delete(normalisePath(page));
    if (win && !win.isDestroyed()) win.destroy();
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
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
