import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { ChannelOutput } from '../../core/ipc/contract';
import type { Issue } from '../../core/model/issue';
import { parseProject, serializeProject } from '../../core/project/load-project';
import { writeFileAtomic } from '../services/atomic-write';
import { type HostContext, type ParsedInput, logToStderr } from './host-context';
import { describeFileError, errorCode, hostError } from './host-issues';
import {
  PROJECT_EXTENSION,
  ensureProjectExtension,
  fileStemFromProjectName,
  resolveWorkspacePath,
} from './project-paths';

/** Larger than any real project (a 1,000-server estate is ~3 MB); refuse before reading a huge file into memory. */
export const MAX_PROJECT_BYTES = 50 * 1024 * 1024;
const MAX_RECENT = 50;

type OpenOutput = ChannelOutput<'project.open'>;
type SaveOutput = ChannelOutput<'project.save'>;
type RecentOutput = ChannelOutput<'project.recent'>;

export interface ProjectHandlers {
  'project.open': (input: ParsedInput<'project.open'>) => Promise<OpenOutput>;
  'project.save': (input: ParsedInput<'project.save'>) => Promise<SaveOutput>;
  'project.recent': (input: ParsedInput<'project.recent'>) => Promise<RecentOutput>;
}

/** Where a request will read or write: the real file, and the path handed back to the renderer. */
interface Target {
  absolute: string;
  display: string;
}

type Resolved =
  | { ok: true; target: Target }
  | { ok: false; output: { status: 'error'; issues: Issue[] } }
  | { ok: false; output: { status: 'cancelled' } };

/**
 * project.open / project.save / project.recent for both shells.
 *
 * Desktop: paths are absolute. A path the renderer names must be one the user chose in a dialog this
 * session or one on the recent list, so a compromised renderer cannot read or overwrite arbitrary
 * files by naming them. Browser mode: paths are names inside the workspace folder, nothing else.
 */
export function createProjectHandlers(ctx: HostContext): ProjectHandlers {
  const log = ctx.log ?? logToStderr;
  const knownPaths = new Set<string>();

  async function isKnownPath(path: string): Promise<boolean> {
    if (knownPaths.has(path)) return true;
    const recent = ctx.recentFiles ? await ctx.recentFiles.list().catch((): string[] => []) : [];
    return recent.includes(path);
  }

  async function remember(path: string): Promise<void> {
    knownPaths.add(path);
    // The recent list is a convenience: failing to update it must not fail the open or save itself.
    await ctx.recentFiles
      ?.add(path)
      .catch((e: unknown) => log(`could not update the recent-files list: ${String(e)}`));
  }

  function notAllowed(path: string): Resolved {
    return {
      ok: false,
      output: hostError(
        'project.path-not-allowed',
        `"${path}" was not chosen in an Open or Save dialog and is not on the recent-files list.`,
        'Use File > Open… or File > Save As… to choose the file.',
        { file: path },
      ),
    };
  }

  async function desktopPath(path: string): Promise<Resolved> {
    if (!isAbsolute(path)) {
      return {
        ok: false,
        output: hostError(
          'project.path-not-absolute',
          `"${path}" is not a full path.`,
          'Use File > Open… or File > Save As… to choose the file.',
          { file: path },
        ),
      };
    }
    const normal = resolve(path);
    if (!(await isKnownPath(normal))) return notAllowed(path);
    return { ok: true, target: { absolute: normal, display: normal } };
  }

  async function resolveOpenTarget(path: string | undefined): Promise<Resolved> {
    if (ctx.mode === 'browser') {
      if (!path)
        return {
          ok: false,
          output: hostError(
            'project.path-required',
            'No project file was named.',
            'Pick a project from the list of projects in the workspace.',
          ),
        };
      const r = await resolveWorkspacePath(workspaceOf(ctx), path, 'read');
      return r.ok
        ? { ok: true, target: { absolute: r.value.absolute, display: r.value.relative } }
        : { ok: false, output: { status: 'error', issues: r.issues } };
    }
    if (path) return desktopPath(path);
    if (!ctx.pickOpenPath)
      return {
        ok: false,
        output: hostError(
          'project.no-dialog',
          'This host cannot show an Open dialog.',
          'Name the project file to open.',
        ),
      };
    const picked = await ctx.pickOpenPath();
    if (!picked) return { ok: false, output: { status: 'cancelled' } };
    const normal = resolve(picked);
    knownPaths.add(normal);
    return { ok: true, target: { absolute: normal, display: normal } };
  }

  async function resolveSaveTarget(input: ParsedInput<'project.save'>): Promise<Resolved> {
    const stem = fileStemFromProjectName(input.project.project.name);
    if (ctx.mode === 'browser') {
      const workspace = workspaceOf(ctx);
      const requested = input.path
        ? ensureProjectExtension(input.path)
        : await uniqueWorkspaceName(workspace, stem);
      const r = await resolveWorkspacePath(workspace, requested, 'write');
      return r.ok
        ? { ok: true, target: { absolute: r.value.absolute, display: r.value.relative } }
        : { ok: false, output: { status: 'error', issues: r.issues } };
    }
    if (input.path && !input.saveAs) {
      const r = await desktopPath(input.path);
      if (!r.ok) return r;
      const absolute = ensureProjectExtension(r.target.absolute);
      return { ok: true, target: { absolute, display: absolute } };
    }
    if (!ctx.pickSavePath)
      return {
        ok: false,
        output: hostError(
          'project.no-dialog',
          'This host cannot show a Save dialog.',
          'Name the file to save to.',
        ),
      };
    const picked = await ctx.pickSavePath(input.path ? basename(input.path) : `${stem}${PROJECT_EXTENSION}`);
    if (!picked) return { ok: false, output: { status: 'cancelled' } };
    const absolute = ensureProjectExtension(resolve(picked));
    return { ok: true, target: { absolute, display: absolute } };
  }

  return {
    async 'project.open'({ path }) {
      const resolved = await resolveOpenTarget(path);
      if (!resolved.ok) return resolved.output;
      const { absolute, display } = resolved.target;
      const name = basename(absolute);
      let text: string;
      try {
        const info = await stat(absolute);
        if (!info.isFile())
          return hostError(
            'project.not-a-file',
            `"${display}" is a folder, not a project file.`,
            'Choose a *.archplan.json file.',
            { file: display },
          );
        if (info.size > MAX_PROJECT_BYTES) {
          return hostError(
            'project.too-large',
            `${name} is ${Math.round(info.size / 1048576)} MB; a project file is at most ${MAX_PROJECT_BYTES / 1048576} MB.`,
            'This is not an Architecture Planner project, or it is damaged. Choose another file.',
            { file: display },
          );
        }
        text = await readFile(absolute, 'utf8');
      } catch (e) {
        if (errorCode(e) === 'ENOENT')
          return hostError(
            'project.not-found',
            `${display} no longer exists.`,
            'It may have been moved or deleted; use File > Open… to find it.',
            { file: display },
          );
        return hostError(
          'project.unreadable',
          `Could not read ${display}: ${describeFileError(e)}.`,
          'Check that the file is accessible, then try again.',
          { file: display },
        );
      }
      const parsed = parseProject(text, name);
      if (!parsed.ok) return { status: 'error', issues: parsed.issues };
      if (ctx.mode === 'desktop') await remember(absolute);
      return { status: 'opened', path: display, project: parsed.value, issues: parsed.issues };
    },

    async 'project.save'(input) {
      const resolved = await resolveSaveTarget(input);
      if (!resolved.ok) return resolved.output;
      const { absolute, display } = resolved.target;
      try {
        await writeFileAtomic(absolute, serializeProject(input.project));
      } catch (e) {
        return hostError(
          'project.save-failed',
          `Could not save ${display}: ${describeFileError(e)}.`,
          'Nothing was written; any earlier version of the file is unchanged. Free some space or choose another folder with Save As…, then save again.',
          { file: display },
        );
      }
      if (ctx.mode === 'desktop') await remember(absolute);
      return { status: 'saved', path: display };
    },

    async 'project.recent'() {
      if (ctx.mode === 'browser') return { files: await listWorkspaceProjects(workspaceOf(ctx)) };
      const paths = (await ctx.recentFiles?.list()) ?? [];
      const files: RecentOutput['files'] = [];
      for (const path of paths) {
        if (files.length >= MAX_RECENT) break;
        const info = await stat(path).catch(() => null);
        if (info?.isFile()) files.push({ path, name: basename(path), modifiedAt: info.mtime.toISOString() });
      }
      return { files };
    },
  };
}

function workspaceOf(ctx: HostContext): string {
  if (!ctx.workspaceDir) throw new Error('Browser mode needs a workspace folder.');
  return ctx.workspaceDir;
}

/** "<stem>.archplan.json", or "<stem>-2.archplan.json", "-3"… when taken, so a new project never overwrites another. */
async function uniqueWorkspaceName(workspace: string, stem: string): Promise<string> {
  for (let n = 1; n < 10_000; n++) {
    const name = `${n === 1 ? stem : `${stem}-${n}`}${PROJECT_EXTENSION}`;
    const taken = await stat(join(workspace, name)).then(
      () => true,
      (e: unknown) => errorCode(e) !== 'ENOENT',
    );
    if (!taken) return name;
  }
  throw new Error(`No free file name for "${stem}" in ${workspace}.`);
}

/** The *.archplan.json files directly in the workspace (links out of it skipped), newest first. */
async function listWorkspaceProjects(workspace: string): Promise<RecentOutput['files']> {
  const realRoot = await realpath(workspace);
  const names = (await readdir(realRoot)).filter(
    (n) => n.toLowerCase().endsWith(PROJECT_EXTENSION) && !n.startsWith('.'),
  );
  const files: (RecentOutput['files'][number] & { mtime: number })[] = [];
  for (const name of names) {
    const r = await resolveWorkspacePath(realRoot, name, 'read').catch(() => null);
    if (!r?.ok) continue;
    const info = await stat(r.value.absolute).catch(() => null);
    if (!info?.isFile()) continue;
    files.push({ path: name, name, modifiedAt: info.mtime.toISOString(), mtime: info.mtimeMs });
  }
  files.sort((a, b) => b.mtime - a.mtime || a.name.localeCompare(b.name));
  return files.slice(0, MAX_RECENT).map(({ mtime: _mtime, ...f }) => f);
}
