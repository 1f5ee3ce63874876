import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Issue, Result } from '../../core/model/issue';
import type { ProposalTemplates } from '../../core/proposal/render-html';
import { resolveResourceDir } from './app-paths';

/** Sections the built-in layout includes; the built-in folder has each, and a brand folder may replace any. */
export const PROPOSAL_PARTIALS = [
  'cover',
  'executive-summary',
  'current-estate',
  'sizing',
  'architecture',
  'ha-comparison',
  'costs',
  'security',
  'assumptions',
  'next-steps',
  'cost-detail',
] as const;

export const PROPOSAL_LAYOUT_FILE = 'proposal.hbs';
export const PROPOSAL_CSS_FILE = 'proposal.css';
export const PROPOSAL_PARTIALS_DIR = 'partials';
export const FONTS_DIR = 'fonts';
export const FONTS_CSS_FILE = 'fonts.css';
/** The architect's own CSS in a brand folder, applied after the built-in stylesheet. */
export const BRAND_CSS_FILE = 'brand.css';

/** The proposal templates that ship with the app: <resources>/templates/proposal. */
export function defaultProposalTemplateDir(): string {
  return join(resolveResourceDir('templates'), 'proposal');
}

function missingIssue(folder: string, file: string): Issue {
  return {
    code: 'templates.file-missing',
    severity: 'error',
    message: `The proposal template folder ${folder} has no ${file}.`,
    hint: 'The installation is incomplete: reinstall Architecture Planner.',
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

async function readBytes(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR')
      return null;
    throw e;
  }
}

function folderMissing(dir: string, builtIn: boolean): Issue {
  return {
    code: 'templates.folder-missing',
    severity: 'error',
    message: `The proposal template folder ${dir} does not exist or is not a folder.`,
    hint: builtIn
      ? 'The installation is incomplete: reinstall Architecture Planner.'
      : 'Choose a folder that exists (it may hold brand.json, a logo, brand.css, fonts/ and any template file to replace), or clear the template folder setting.',
    path: { file: dir },
  };
}

async function isFolder(dir: string): Promise<boolean> {
  const info = await stat(dir).catch(() => null);
  return info !== null && info.isDirectory();
}

const FONT_TYPES: Record<string, string> = {
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  otf: 'font/otf',
};

/**
 * fonts/fonts.css with every url(<file>) replaced by the file as a data: URL, so the PDF embeds the
 * font and the page fetches nothing. A url() may only name a font file in the same folder.
 */
export async function inlineFontCss(fontsDir: string): Promise<Result<string>> {
  const css = await readText(join(fontsDir, FONTS_CSS_FILE));
  if (css === null) return { ok: true, value: '', issues: [] };
  const issues: Issue[] = [];
  const files = new Map<string, string>();
  const pattern = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;
  for (const m of css.matchAll(pattern)) {
    const name = (m[2] ?? '').trim();
    if (files.has(name)) continue;
    const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
    const type = FONT_TYPES[ext];
    if (!type || name.includes('/') || name.includes('\\') || name.startsWith('.')) {
      issues.push({
        code: 'templates.font-invalid',
        severity: 'error',
        message: `${join(fontsDir, FONTS_CSS_FILE)} refers to "${name}", which is not a font file in the same folder.`,
        hint: 'Put the font files (.woff2, .woff, .ttf or .otf) next to fonts.css and name them in url() without a path.',
        path: { file: join(fontsDir, FONTS_CSS_FILE) },
      });
      continue;
    }
    const bytes = await readBytes(join(fontsDir, name));
    if (bytes === null) {
      issues.push({
        code: 'templates.font-missing',
        severity: 'error',
        message: `${join(fontsDir, FONTS_CSS_FILE)} names ${name}, but the folder has no such file.`,
        hint: `Add ${name} to ${fontsDir}, or remove its @font-face rule.`,
        path: { file: join(fontsDir, name) },
      });
      continue;
    }
    files.set(name, `data:${type};base64,${bytes.toString('base64')}`);
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: css.replace(pattern, (_all, _q: string, name: string) => `url(${files.get(name.trim()) ?? ''})`),
    issues: [],
  };
}

/**
 * Reads the proposal templates renderProposalHtml takes: proposal.hbs, proposal.css, partials/*.hbs
 * and the embedded fonts (fonts/fonts.css). The built-in folder provides every file; an architect's
 * own folder (`folder`) replaces any of them file by file (extra partials are read too, so a custom
 * layout may use its own), and its brand.css is added last. A folder that does not exist is an error.
 */
export async function readProposalTemplates(folder?: string): Promise<Result<ProposalTemplates>> {
  let builtInDir: string;
  try {
    builtInDir = defaultProposalTemplateDir();
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
  const dirs = folder === undefined ? [builtInDir] : [folder, builtInDir];
  const current = { dir: builtInDir };
  try {
    for (const dir of dirs) {
      current.dir = dir;
      if (!(await isFolder(dir))) return { ok: false, issues: [folderMissing(dir, dir === builtInDir)] };
    }
    /** The first folder (own, then built-in) that has the file. */
    const pick = async (file: string): Promise<string | null> => {
      for (const dir of dirs) {
        current.dir = dir;
        const text = await readText(join(dir, file));
        if (text !== null) return text;
      }
      return null;
    };
    const issues: Issue[] = [];
    const layout = await pick(PROPOSAL_LAYOUT_FILE);
    if (layout === null) issues.push(missingIssue(builtInDir, PROPOSAL_LAYOUT_FILE));
    const css = await pick(PROPOSAL_CSS_FILE);
    if (css === null) issues.push(missingIssue(builtInDir, PROPOSAL_CSS_FILE));
    const names = new Set<string>(PROPOSAL_PARTIALS);
    for (const dir of dirs) {
      const present = await readdir(join(dir, PROPOSAL_PARTIALS_DIR)).catch(() => [] as string[]);
      for (const f of present) if (f.endsWith('.hbs')) names.add(f.slice(0, -'.hbs'.length));
    }
    const partials: Record<string, string> = {};
    for (const name of [...names].sort()) {
      const text = await pick(`${PROPOSAL_PARTIALS_DIR}/${name}.hbs`);
      if (text === null) {
        if ((PROPOSAL_PARTIALS as readonly string[]).includes(name))
          issues.push(missingIssue(builtInDir, `${PROPOSAL_PARTIALS_DIR}/${name}.hbs`));
        continue;
      }
      partials[name] = text;
    }
    let fontsDir = join(builtInDir, FONTS_DIR);
    if (folder !== undefined && (await readText(join(folder, FONTS_DIR, FONTS_CSS_FILE))) !== null)
      fontsDir = join(folder, FONTS_DIR);
    current.dir = fontsDir;
    const fontCss = await inlineFontCss(fontsDir);
    if (!fontCss.ok) issues.push(...fontCss.issues);
    const brandCss = folder === undefined ? '' : ((await readText(join(folder, BRAND_CSS_FILE))) ?? '');
    if (issues.length > 0 || layout === null || css === null || !fontCss.ok) return { ok: false, issues };
    return { ok: true, value: { layout, partials, css, fontCss: fontCss.value, brandCss }, issues: [] };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return {
      ok: false,
      issues: [
        {
          code: 'templates.read-failed',
          severity: 'error',
          message:
            `Could not read the proposal templates in ${current.dir}: ${err.code ?? ''} ${err.message}`.trim(),
          hint: 'Check that the folder and its files can be read by your user account.',
          path: { file: current.dir },
        },
      ],
    };
  }
}
