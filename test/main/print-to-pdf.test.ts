import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FOOTER_TEMPLATE } from '../../main/services/pdf-page';

/** Electron's BrowserWindow and session as far as print-to-pdf.ts uses them, recording every call. */
const fake = vi.hoisted(() => {
  type RequestListener = (
    details: { url: string },
    callback: (response: { cancel?: boolean }) => void,
  ) => void;
  const state = {
    windows: [] as FakeWindow[],
    /** What the next window does when asked to load or print. */
    behaviour: { load: 'ok' as 'ok' | 'fail' | 'hang', print: 'ok' as 'ok' | 'fail' },
    /** The page each window was showing when printToPDF was called (read from its temporary file). */
    printedHtml: [] as string[],
    requestListener: null as RequestListener | null,
    permissionHandlers: 0,
    partitions: [] as string[],
    /** Called once a window has loaded its page (to look at the session while the page is open). */
    onLoaded: null as ((url: string) => void) | null,
  };
  class FakeContents {
    url = '';
    listeners = new Map<string, ((...args: unknown[]) => void)[]>();
    on(event: string, listener: (...args: unknown[]) => void): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    emit(event: string, ...args: unknown[]): void {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    printOptions: unknown[] = [];
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
      this.windowOpenHandler = handler;
    }
    async printToPDF(options: unknown): Promise<Buffer> {
      this.printOptions.push(options);
      if (state.behaviour.print === 'fail') throw new Error('Printing failed\n    at internal frames');
      const { readFileSync } = await import('node:fs');
      const { fileURLToPath: toPath } = await import('node:url');
      state.printedHtml.push(readFileSync(toPath(this.url), 'utf8'));
      return Buffer.from('%PDF-1.7\n% printed by the fake\n%%EOF\n');
    }
  }
  class FakeWindow {
    webContents = new FakeContents();
    destroyed = false;
    constructor(readonly options: unknown) {
      state.windows.push(this);
    }
    async loadURL(url: string): Promise<void> {
      this.webContents.url = url;
      if (state.behaviour.load === 'fail') throw new Error("ERR_FAILED (-2) loading 'file:///…'");
      if (state.behaviour.load === 'hang') await new Promise(() => undefined);
      state.onLoaded?.(url);
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    destroy(): void {
      this.destroyed = true;
    }
  }
  const printSession = {
    webRequest: {
      onBeforeRequest: (listener: RequestListener) => {
        state.requestListener = listener;
      },
    },
    setPermissionRequestHandler: () => {
      state.permissionHandlers++;
    },
    setPermissionCheckHandler: () => {
      state.permissionHandlers++;
    },
  };
  return {
    state,
    electron: {
      BrowserWindow: FakeWindow,
      session: {
        fromPartition: (partition: string) => {
          state.partitions.push(partition);
          return printSession;
        },
      },
    },
  };
});
vi.mock('electron', () => fake.electron);

const { PRINT_PARTITION, createPrintOptions, createPrintWindowOptions, printHtmlToPdfInElectron } =
  await import('../../main/print-to-pdf');

const HTML =
  '<!doctype html><html><head><title>Acme proposal</title></head><body><h1>Acme Corp</h1><img src="https://tracker.example/pixel.png"></body></html>';
let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'archplan-electron-pdf-'));
});
afterAll(() => rm(out, { recursive: true, force: true }));
beforeEach(() => {
  fake.state.windows.length = 0;
  fake.state.printedHtml.length = 0;
  fake.state.behaviour = { load: 'ok', print: 'ok' };
});

async function printTempDirs(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((n) => n.startsWith('archplan-print-'));
}

describe('the print window', () => {
  it('is hidden, sandboxed, runs no script, has no preload and Node, and lives in its own session', () => {
    const options = createPrintWindowOptions();
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      javascript: false,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
      partition: PRINT_PARTITION,
    });
    expect(options.webPreferences).not.toHaveProperty('preload');
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('prints the paper asked for, with backgrounds and the CLI’s page-numbered footer, on the CSS margins', () => {
    for (const paper of ['A4', 'Letter'] as const) {
      expect(createPrintOptions(paper)).toEqual({
        pageSize: paper,
        printBackground: true,
        preferCSSPageSize: false,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: FOOTER_TEMPLATE,
        margins: { top: 0, bottom: 0, left: 0, right: 0 },
      });
    }
    expect(FOOTER_TEMPLATE).toContain('<span class="pageNumber"></span> of <span class="totalPages"></span>');
  });
});

describe('printHtmlToPdfInElectron', () => {
  it('loads the HTML from a private temporary file into a hidden window, prints it and writes the PDF', async () => {
    const file = join(out, 'proposal.pdf');
    const result = await printHtmlToPdfInElectron(HTML, file, 'Letter');
    expect(result).toEqual({ ok: true, value: { file, bytes: expect.any(Number) }, issues: [] });
    expect((await readFile(file, 'utf8')).startsWith('%PDF-')).toBe(true);

    const [win] = fake.state.windows;
    expect(fake.state.windows).toHaveLength(1);
    expect(win?.options).toEqual(createPrintWindowOptions());
    expect(win?.webContents.url).toMatch(/^file:\/\/.*archplan-print-[^/]+\/proposal\.html$/);
    expect(fake.state.printedHtml).toEqual([HTML]);
    expect(win?.webContents.printOptions).toEqual([createPrintOptions('Letter')]);
    // Nothing left behind: the window is gone, and so is the temporary copy of the proposal.
    expect(win?.destroyed).toBe(true);
    expect(existsSync(fileURLToPath(win?.webContents.url ?? 'file:///nonexistent'))).toBe(false);
    expect(await printTempDirs()).toEqual([]);
    // The PDF went in atomically: no temporary file beside it.
    expect(await readdir(out)).toEqual(['proposal.pdf']);
  });

  it('lets the page fetch nothing but itself, and gives it no permissions', async () => {
    let allowedWhilePrinting: boolean | undefined;
    const listenerResult = (url: string): boolean | undefined => {
      let cancel: boolean | undefined;
      fake.state.requestListener?.({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    fake.state.onLoaded = (url) => {
      // Chromium may spell the same file URL differently (escapes); it is the same page.
      const respelled = url.replace('archplan-print-', 'archplan%2Dprint-');
      allowedWhilePrinting = listenerResult(url) === false && listenerResult(respelled) === false;
    };
    try {
      expect((await printHtmlToPdfInElectron(HTML, join(out, 'fetch.pdf'), 'A4')).ok).toBe(true);
    } finally {
      fake.state.onLoaded = null;
    }
    expect(fake.state.partitions.every((p) => p === PRINT_PARTITION)).toBe(true);
    expect(allowedWhilePrinting).toBe(true);
    expect(listenerResult(fake.state.windows[0]?.webContents.url ?? '')).toBe(true); // not once it is printed
    for (const url of [
      'https://tracker.example/pixel.png',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'wss://evil.example/',
    ])
      expect(listenerResult(url), url).toBe(true);
    expect(listenerResult('data:image/png;base64,iVBORw0KGgo=')).toBe(false);
    expect(fake.state.permissionHandlers).toBe(2);
  });

  it('denies navigation and new windows in the print window', async () => {
    await printHtmlToPdfInElectron(HTML, join(out, 'nav.pdf'), 'A4');
    const contents = fake.state.windows[0]?.webContents;
    const event = { preventDefault: vi.fn() };
    contents?.emit('will-navigate', event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(contents?.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('returns pdf.print-failed when the page does not load or print, and cleans up', async () => {
    for (const behaviour of [
      { load: 'fail', print: 'ok' },
      { load: 'ok', print: 'fail' },
    ] as const) {
      fake.state.behaviour = { ...behaviour };
      const file = join(out, `failed-${behaviour.load}-${behaviour.print}.pdf`);
      const result = await printHtmlToPdfInElectron(HTML, file, 'A4');
      expect(result).toMatchObject({ ok: false, issues: [{ code: 'pdf.print-failed', severity: 'error' }] });
      expect(result.issues[0]?.message).not.toContain('\n');
      expect(existsSync(file)).toBe(false);
      expect(fake.state.windows.at(-1)?.destroyed).toBe(true);
    }
    expect(await printTempDirs()).toEqual([]);
  });

  it('gives up on a page that never finishes loading', async () => {
    fake.state.behaviour = { load: 'hang', print: 'ok' };
    const result = await printHtmlToPdfInElectron(HTML, join(out, 'hung.pdf'), 'A4', { timeoutMs: 50 });
    expect(result).toMatchObject({
      ok: false,
      issues: [{ code: 'pdf.print-failed', message: expect.stringContaining('took longer than') }],
    });
    expect(fake.state.windows[0]?.destroyed).toBe(true);
  });

  it('returns pdf.write-failed naming the file when the folder cannot take it', async () => {
    const file = join(out, 'no-such-folder', 'proposal.pdf');
    const result = await printHtmlToPdfInElectron(HTML, file, 'A4');
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'pdf.write-failed', path: { file } }] });
  });
});
