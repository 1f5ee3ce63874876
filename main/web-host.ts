import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, realpathSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isChannel } from '../core/ipc/contract';
import { createHandlers } from './handlers/create-handlers';
import { dispatch } from './handlers/dispatch';
import { logToStderr } from './handlers/host-context';
import { hostError } from './handlers/host-issues';
import { resolveResourceDir } from './services/app-paths';
import { readAppVersion } from './services/app-version';
import { printHtmlToPdf, rasteriseSvgToPng } from './services/pdf';
import { lintWithCfnLint } from './services/cfn-lint';
import { cacheControlFor, contentTypeFor, resolveStaticFile, securityHeaders } from './services/static-files';
import { refreshedPricingDir, resolveUserDataDir } from './services/user-data-dir';

/**
 * Browser mode: a local HTTP host on 127.0.0.1 that serves the built renderer and answers
 * POST /api/<channel> with the same handlers and zod contract as the desktop app.
 *
 * Who may call the API: only a page holding the per-launch token (printed once, in the URL fragment,
 * so it never reaches a server log or a Referer) whose requests carry our own Origin and Host. Other
 * local web pages fail the Origin check and cannot read the token; DNS-rebinding pages fail the Host
 * check; and a custom header cannot be sent cross-origin without a CORS preflight, which we never grant.
 */

export const TOKEN_HEADER = 'x-archplan-token';
export const MAX_BODY_BYTES = 20 * 1024 * 1024;
/** The browser-mode autosave recovery file, in the workspace. */
export const RECOVERY_FILE_NAME = '.recovery.archplan.json';

export interface WebHostOptions {
  /** Folder projects are opened from and saved to; created if missing. */
  workspaceDir: string;
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** The built renderer (dist/renderer by default). */
  staticDir?: string;
  /** pricing-data/ by default. */
  pricingDataDir?: string;
  /** Folder of live price refreshes to prefer over the bundled snapshots; none by default. */
  refreshedPricingDir?: string | null;
  version?: string;
  log?: (message: string) => void;
}

export interface WebHost {
  /** http://127.0.0.1:<port>/#token=<token>: the address to open. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? logToStderr;
  const workspaceDir = resolve(options.workspaceDir);
  await mkdir(workspaceDir, { recursive: true });
  const staticDir = options.staticDir ?? findRendererDir();
  const handlers = createHandlers({
    mode: 'browser',
    version: options.version ?? readAppVersion(),
    pricingDataDir: options.pricingDataDir ?? resolveResourceDir('pricing-data'),
    refreshedPricingDir: options.refreshedPricingDir ?? null,
    workspaceDir,
    recentFiles: null,
    // Hidden (a leading dot) so the Open list skips it; one per workspace.
    recoveryFile: join(workspaceDir, RECOVERY_FILE_NAME),
    // No Electron here: the proposal PDF is printed with a Chrome, Chromium or Edge found on the machine.
    printPdf: (html, outFile, paper) => printHtmlToPdf(html, outFile, { paper }),
    rasterisePng: rasteriseSvgToPng,
    lintCfn: lintWithCfnLint,
    log,
  });
  const token = randomBytes(32).toString('hex');
  const tokenDigest = digest(token);
  let port = 0;

  const server: Server = createServer((req, res) => {
    handleRequest(req, res).catch((e: unknown) => {
      log(
        `request ${req.method ?? '?'} ${req.url ?? '?'} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      if (!res.headersSent)
        sendJson(
          res,
          500,
          hostError(
            'host.unexpected',
            'Something went wrong in Architecture Planner.',
            'Try again; if it keeps happening, restart it.',
          ),
        );
      else res.destroy();
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      sendJson(
        res,
        421,
        hostError(
          'http.wrong-host',
          'This server only answers requests addressed to 127.0.0.1 or localhost.',
          `Open http://127.0.0.1:${port}/ instead.`,
        ),
      );
      return;
    }
    const rawUrl = req.url ?? '/';
    const pathname = rawUrl.split('?', 1)[0] ?? '/';
    if (pathname === '/api' || pathname.startsWith('/api/'))
      await handleApi(req, res, pathname.slice('/api/'.length));
    else await handleStatic(req, res, pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendJson(
        res,
        405,
        hostError(
          'http.method-not-allowed',
          `${req.method ?? 'This method'} is not allowed on the API; use POST.`,
          'The renderer calls the API with POST and a JSON body.',
        ),
      );
      return;
    }
    const origin = req.headers.origin;
    if (origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      sendJson(
        res,
        403,
        hostError(
          'http.wrong-origin',
          'API requests are only accepted from Architecture Planner’s own page.',
          `Open the address printed when the host started (http://127.0.0.1:${port}/#token=…).`,
        ),
      );
      return;
    }
    const sent = req.headers[TOKEN_HEADER];
    if (typeof sent !== 'string' || !timingSafeEqual(digest(sent), tokenDigest)) {
      sendJson(
        res,
        401,
        hostError(
          'http.bad-token',
          'The request did not carry this session’s access token.',
          'Open the full address printed when the host started, including the #token=… part. Each launch has a new token.',
        ),
      );
      return;
    }
    if (!isChannel(channel)) {
      sendJson(
        res,
        404,
        hostError(
          'http.unknown-channel',
          `There is no API channel "${channel}".`,
          'The renderer and host may be from different versions; rebuild with `npm run build`.',
        ),
      );
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === 'too-large') {
      res.setHeader('Connection', 'close');
      sendJson(
        res,
        413,
        hostError(
          'http.body-too-large',
          `The request is larger than ${MAX_BODY_BYTES / 1048576} MB.`,
          'A project this large is not supported.',
        ),
      );
      return;
    }
    let rawInput: unknown;
    try {
      rawInput = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      sendJson(
        res,
        400,
        hostError(
          'http.bad-json',
          `The ${channel} request body is not valid JSON.`,
          'Send the channel input as a JSON object.',
        ),
      );
      return;
    }
    const result = await dispatch(handlers, channel, rawInput, log);
    sendJson(res, result.ok ? 200 : result.reason === 'invalid-input' ? 400 : 500, result.output);
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method not allowed');
      return;
    }
    const found = await resolveStaticFile(staticDir, pathname);
    if (!found.ok) {
      sendText(res, found.status, found.status === 400 ? 'Bad request' : 'Not found');
      return;
    }
    res.writeHead(200, {
      ...securityHeaders(),
      'Content-Type': contentTypeFor(found.file),
      'Cache-Control': cacheControlFor(found.relativePath),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(found.file);
    stream.on('error', (e) => {
      log(`could not stream ${found.file}: ${e.message}`);
      res.destroy();
    });
    stream.pipe(res);
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

function findRendererDir(): string {
  try {
    return resolveResourceDir(join('dist', 'renderer'));
  } catch {
    throw new Error(
      'the built renderer (dist/renderer) was not found. Build it first with `npm run build` (`npm run web` builds and starts).',
    );
  }
}

/** Fixed-length digests so timingSafeEqual never throws on a length mismatch and leaks no length either. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolveBody, rejectBody) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      resolveBody('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        resolveBody('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolveBody(Buffer.concat(chunks));
    });
    req.on('error', rejectBody);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const USAGE = `Usage: node dist/web/web-host.js [--port <number>] [--workspace <folder>]
  --port       port on 127.0.0.1 (default 0: any free port)
  --workspace  folder projects are opened from and saved to (default ~/ArchitecturePlanner)`;

export interface WebHostArgs {
  port: number;
  workspaceDir: string;
}

/** Parses the command line of `npm run web`; returns an error message for bad usage. */
export function parseWebHostArgs(
  argv: readonly string[],
  home: string = homedir(),
): WebHostArgs | { error: string } | { help: true } {
  let port = 0;
  let workspaceDir = join(home, 'ArchitecturePlanner');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--help' || flag === '-h') return { help: true };
    if (flag === '--port') {
      const v = value();
      const n = Number(v);
      if (v === undefined || !/^\d+$/.test(v) || n > 65535)
        return { error: `--port needs a whole number from 0 to 65535 (got ${JSON.stringify(v ?? '')}).` };
      port = n;
    } else if (flag === '--workspace') {
      const v = value();
      if (!v) return { error: '--workspace needs a folder.' };
      workspaceDir = resolve(v === '~' || v.startsWith('~/') ? join(home, v.slice(1)) : v);
    } else {
      return { error: `Unknown option ${JSON.stringify(arg)}.` };
    }
  }
  return { port, workspaceDir };
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseWebHostArgs(argv);
  if ('help' in args) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if ('error' in args) {
    process.stderr.write(`${args.error}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  let host: WebHost;
  try {
    host = await startWebHost({
      port: args.port,
      workspaceDir: args.workspaceDir,
      refreshedPricingDir: refreshedPricingDir(resolveUserDataDir()),
    });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${args.port} is already in use (choose another with --port, or 0 for any free port)`
        : e instanceof Error
          ? e.message
          : String(e);
    process.stderr.write(`Architecture Planner could not start: ${reason}\n`);
    process.exitCode = 2;
    return;
  }
  process.stdout.write(`Architecture Planner (browser mode) at ${host.url}\n`);
  const stop = (): void => {
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`Architecture Planner stopped: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
