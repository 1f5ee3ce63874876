import { lstat, mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Result } from '../../core/model/issue';
import { errorCode, hostIssue } from './host-issues';

export const PROJECT_EXTENSION = '.archplan.json';

/** "Acme estate.json" → "Acme estate.archplan.json"; "plan" → "plan.archplan.json"; already right → unchanged. */
export function ensureProjectExtension(path: string): string {
  if (path.toLowerCase().endsWith(PROJECT_EXTENSION)) return path;
  const withoutJson = path.toLowerCase().endsWith('.json') ? path.slice(0, -'.json'.length) : path;
  return `${withoutJson}${PROJECT_EXTENSION}`;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file name stem from a project name that is safe on Windows, macOS and Linux: letters, digits,
 * dots, "-" and "_" kept (any script), everything else collapsed to "-", at most 80 characters.
 * "Acme Corp / RPA: phase 2" → "Acme-Corp-RPA-phase-2".
 */
export function fileStemFromProjectName(name: string): string {
  const stem = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80)
    .replace(/[-.]+$/g, '');
  if (stem === '') return 'project';
  return WINDOWS_RESERVED.test(stem) ? `${stem}-project` : stem;
}

/** A project file in the browser-mode workspace: where it is on disk and the name the renderer sees. */
export interface WorkspaceFile {
  absolute: string;
  /** Relative to the workspace, "/"-separated: what the contract calls the path in browser mode. */
  relative: string;
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

function outside(requested: string, workspaceDir: string): Result<WorkspaceFile> {
  return {
    ok: false,
    issues: [
      hostIssue(
        'workspace.outside',
        `"${requested}" is outside the workspace folder ${workspaceDir}.`,
        `In browser mode projects are opened from and saved to the workspace folder only. Copy the file into ${workspaceDir} and open it from there.`,
        { file: requested },
      ),
    ],
  };
}

/**
 * Resolves a path the renderer sent in browser mode to a file inside the workspace. Refuses "..",
 * absolute paths elsewhere, and symlinks whose target lies outside (checked on real paths, so a link
 * inside the workspace cannot smuggle a read or write out of it). For "read" the file must exist; for
 * "write" its folder must exist and an existing file must be a regular file inside the workspace.
 */
export async function resolveWorkspacePath(
  workspaceDir: string,
  requested: string,
  purpose: 'read' | 'write',
): Promise<Result<WorkspaceFile>> {
  if (requested.includes('\0') || requested.includes('\\') || requested.split('/').includes('..'))
    return outside(requested, workspaceDir);
  const lexicalRoot = resolve(workspaceDir);
  const absolute = isAbsolute(requested) ? resolve(requested) : resolve(lexicalRoot, requested);
  const realRoot = await realpath(lexicalRoot);
  // Accept paths spelled through the workspace as given or through its real location (/tmp vs /private/tmp).
  if (!isInside(lexicalRoot, absolute) && !isInside(realRoot, absolute))
    return outside(requested, workspaceDir);

  if (purpose === 'read') {
    let real: string;
    try {
      real = await realpath(absolute);
    } catch (e) {
      if (errorCode(e) === 'ENOENT') {
        return {
          ok: false,
          issues: [
            hostIssue(
              'project.not-found',
              `There is no file "${requested}" in the workspace folder ${workspaceDir}.`,
              'Pick one of the projects listed under Recent, or check the name.',
              { file: requested },
            ),
          ],
        };
      }
      throw e;
    }
    if (!isInside(realRoot, real)) return outside(requested, workspaceDir);
    return { ok: true, value: { absolute: real, relative: toSlashes(relative(realRoot, real)) }, issues: [] };
  }

  let realParent: string;
  try {
    realParent = await realpath(dirname(absolute));
  } catch (e) {
    if (errorCode(e) === 'ENOENT') {
      return {
        ok: false,
        issues: [
          hostIssue(
            'workspace.folder-missing',
            `The folder for "${requested}" does not exist in the workspace ${workspaceDir}.`,
            'Save directly in the workspace folder, or create the sub-folder first.',
            { file: requested },
          ),
        ],
      };
    }
    throw e;
  }
  if (realParent !== realRoot && !isInside(realRoot, realParent)) return outside(requested, workspaceDir);
  const target = join(realParent, basename(absolute));
  const existing = await lstat(target).catch(() => null);
  if (existing) {
    // writeFileAtomic renames over a link rather than following it, but refuse links out anyway: the
    // user meant the file behind it, and we will not touch files outside the workspace.
    if (existing.isSymbolicLink()) {
      const real = await realpath(target).catch(() => null);
      if (!real || !isInside(realRoot, real)) return outside(requested, workspaceDir);
    }
    if (!(await stat(target).catch(() => existing)).isFile()) {
      return {
        ok: false,
        issues: [
          hostIssue(
            'project.not-a-file',
            `"${requested}" in the workspace is not a file.`,
            'Choose another name.',
            { file: requested },
          ),
        ],
      };
    }
  }
  return {
    ok: true,
    value: { absolute: target, relative: toSlashes(relative(realRoot, target)) },
    issues: [],
  };
}

function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** "Acme Corp / RPA: phase 2" → "Acme-Corp-RPA-phase-2-export": the browser-mode export folder of a project. */
export function exportFolderName(projectName: string): string {
  return `${fileStemFromProjectName(projectName)}-export`;
}

function notAFolder(requested: string, workspaceDir: string): Result<WorkspaceFile> {
  return {
    ok: false,
    issues: [
      hostIssue(
        'workspace.not-a-folder',
        `"${requested}" in the workspace ${workspaceDir} is a file, not a folder, so nothing can be written into it.`,
        'Rename or move that file, then try again.',
        { file: requested },
      ),
    ],
  };
}

/**
 * A folder inside the browser-mode workspace ("Acme-export" or "Acme-export/cloudformation"), created
 * when missing. Checked one level at a time on real paths: a name that is "..", empty or absolute, and
 * a link anywhere on the way that leads out of the workspace, are refused, so nothing written into
 * the folder can land outside the workspace.
 */
export async function resolveWorkspaceFolder(
  workspaceDir: string,
  requested: string,
): Promise<Result<WorkspaceFile>> {
  const segments = requested.split('/');
  if (
    requested.includes('\0') ||
    requested.includes('\\') ||
    isAbsolute(requested) ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  )
    return outside(requested, workspaceDir);
  const realRoot = await realpath(resolve(workspaceDir));
  let current = realRoot;
  for (const segment of segments) {
    const candidate = join(current, segment);
    let info = await lstat(candidate).catch((e: unknown) => {
      if (errorCode(e) === 'ENOENT') return null;
      throw e;
    });
    if (!info) {
      // Another request may create it at the same moment; what counts is what is there afterwards.
      await mkdir(candidate).catch((e: unknown) => {
        if (errorCode(e) !== 'EEXIST') throw e;
      });
      info = await lstat(candidate);
    }
    if (info.isSymbolicLink()) {
      const real = await realpath(candidate).catch(() => null);
      if (!real || !isInside(realRoot, real)) return outside(requested, workspaceDir);
      if (!(await stat(real)).isDirectory()) return notAFolder(requested, workspaceDir);
      current = real;
    } else if (info.isDirectory()) {
      current = candidate;
    } else {
      return notAFolder(requested, workspaceDir);
    }
  }
  return {
    ok: true,
    value: { absolute: current, relative: toSlashes(relative(realRoot, current)) },
    issues: [],
  };
}
