import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Issue, Result } from '../../core/model/issue';
import type { ProposalTemplates } from '../../core/proposal/render-html';
import { resolveResourceDir } from './app-paths';

/** Sections the built-in layout includes; a template folder must provide each of them. */
export const PROPOSAL_PARTIALS = [
  'cover',
  'executive-summary',
  'current-estate',
  'sizing',
  'architecture',
  'costs',
  'security',
  'assumptions',
  'next-steps',
] as const;

export const PROPOSAL_LAYOUT_FILE = 'proposal.hbs';
export const PROPOSAL_CSS_FILE = 'proposal.css';
export const PROPOSAL_PARTIALS_DIR = 'partials';

/** The proposal templates that ship with the app: <resources>/templates/proposal. */
export function defaultProposalTemplateDir(): string {
  return join(resolveResourceDir('templates'), 'proposal');
}

/** Every file a template folder must hold, relative to it. */
export function requiredTemplateFiles(): string[] {
  return [
    PROPOSAL_LAYOUT_FILE,
    PROPOSAL_CSS_FILE,
    ...PROPOSAL_PARTIALS.map((p) => `${PROPOSAL_PARTIALS_DIR}/${p}.hbs`),
  ];
}

function missingIssue(folder: string, file: string, builtIn: boolean): Issue {
  return {
    code: 'templates.file-missing',
    severity: 'error',
    message: `The proposal template folder ${folder} has no ${file}.`,
    hint: builtIn
      ? 'The installation is incomplete: reinstall Architecture Planner.'
      : `Add ${file} to the folder (copy it from the built-in templates/proposal folder and adapt it), or choose another template folder.`,
    path: { file: join(folder, file) },
  };
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR')
      return null;
    throw e;
  }
}

/**
 * Reads a proposal template folder into the `templates` object renderProposalHtml takes: proposal.hbs,
 * proposal.css and partials/<section>.hbs for every section (extra partials are read too, so a
 * custom layout may use its own). Without `folder`, the built-in templates. A folder that lacks a
 * file is an error value naming every missing file.
 */
export async function readProposalTemplates(folder?: string): Promise<Result<ProposalTemplates>> {
  const builtIn = folder === undefined;
  let dir: string;
  try {
    dir = folder ?? defaultProposalTemplateDir();
  } catch (e) {
    return {
      ok: false,
      issues: [
        {
          code: 'templates.folder-missing',
          severity: 'error',
          message: (e as Error).message,
          hint: 'The installation is incomplete: reinstall Architecture Planner.',
        },
      ],
    };
  }
  try {
    const info = await stat(dir).catch(() => null);
    if (!info || !info.isDirectory()) {
      return {
        ok: false,
        issues: [
          {
            code: 'templates.folder-missing',
            severity: 'error',
            message: `The proposal template folder ${dir} does not exist or is not a folder.`,
            hint: builtIn
              ? 'The installation is incomplete: reinstall Architecture Planner.'
              : 'Choose a folder that holds proposal.hbs, proposal.css and a partials folder.',
            path: { file: dir },
          },
        ],
      };
    }
    const issues: Issue[] = [];
    const layout = await readText(join(dir, PROPOSAL_LAYOUT_FILE));
    if (layout === null) issues.push(missingIssue(dir, PROPOSAL_LAYOUT_FILE, builtIn));
    const css = await readText(join(dir, PROPOSAL_CSS_FILE));
    if (css === null) issues.push(missingIssue(dir, PROPOSAL_CSS_FILE, builtIn));
    const partials: Record<string, string> = {};
    const partialDir = join(dir, PROPOSAL_PARTIALS_DIR);
    const present = await readdir(partialDir).catch(() => [] as string[]);
    const names = new Set<string>([
      ...PROPOSAL_PARTIALS,
      ...present.filter((f) => f.endsWith('.hbs')).map((f) => f.slice(0, -'.hbs'.length)),
    ]);
    for (const name of [...names].sort()) {
      const text = await readText(join(partialDir, `${name}.hbs`));
      if (text === null) {
        if ((PROPOSAL_PARTIALS as readonly string[]).includes(name))
          issues.push(missingIssue(dir, `${PROPOSAL_PARTIALS_DIR}/${name}.hbs`, builtIn));
        continue;
      }
      partials[name] = text;
    }
    if (issues.length > 0 || layout === null || css === null) return { ok: false, issues };
    return { ok: true, value: { layout, partials, css }, issues: [] };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return {
      ok: false,
      issues: [
        {
          code: 'templates.read-failed',
          severity: 'error',
          message: `Could not read the proposal templates in ${dir}: ${err.code ?? ''} ${err.message}`.trim(),
          hint: 'Check that the folder and its files can be read by your user account.',
          path: { file: dir },
        },
      ],
    };
  }
}
