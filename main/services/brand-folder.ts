import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Brand,
  type BrandFile,
  type BrandLogo,
  DEFAULT_BRAND,
  LOGO_EXTENSIONS,
  checkLogo,
  parseBrandFile,
  resolveBrand,
} from '../../core/proposal/brand';
import type { Issue, Result } from '../../core/model/issue';

/**
 * Reads an architect's brand folder (the proposal template folder): brand.json (company name,
 * colours, wording) and a logo, both optional. core/proposal/brand.ts checks them; this only reads
 * the files. Without a folder, the built-in look.
 */

export const BRAND_FILE = 'brand.json';

async function readOptional(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return null;
    throw e;
  }
}

function readFailed(file: string, e: unknown): Issue {
  const err = e as NodeJS.ErrnoException;
  return {
    code: 'brand.read-failed',
    severity: 'error',
    message: `Could not read ${file}: ${err.code ?? ''} ${err.message}`.replace(/\s+/g, ' ').trim(),
    hint: 'Check that the file can be read by your user account.',
    path: { file },
  };
}

/** The logo named in brand.json, else the first of logo.svg, logo.png, logo.jpg, logo.jpeg; null when none. */
async function readLogo(folder: string, named: string | undefined): Promise<Result<BrandLogo | null>> {
  const candidates = named ? [named] : LOGO_EXTENSIONS.map((ext) => `logo.${ext}`);
  for (const name of candidates) {
    const file = join(folder, name);
    let bytes: Buffer | null;
    try {
      bytes = await readOptional(file);
    } catch (e) {
      return { ok: false, issues: [readFailed(file, e)] };
    }
    if (bytes === null) continue;
    const checked = checkLogo(file, bytes);
    if (!checked.ok) return { ok: false, issues: checked.issues };
    const logo: BrandLogo = {
      ...checked.value,
      fileName: name,
      dataUrl: `data:${checked.value.mediaType};base64,${bytes.toString('base64')}`,
    };
    return { ok: true, value: logo, issues: [] };
  }
  if (named)
    return {
      ok: false,
      issues: [
        {
          code: 'brand.logo-missing',
          severity: 'error',
          message: `${join(folder, BRAND_FILE)} names the logo ${named}, but ${folder} has no such file.`,
          hint: `Copy ${named} into the folder, or correct "logo" in brand.json.`,
          path: { file: join(folder, BRAND_FILE), field: 'logo' },
        },
      ],
    };
  return { ok: true, value: null, issues: [] };
}

/** The brand of a template folder; DEFAULT_BRAND without one. Mistakes in brand.json or the logo are error values. */
export async function readBrandFolder(folder?: string): Promise<Result<Brand>> {
  if (folder === undefined) return { ok: true, value: DEFAULT_BRAND, issues: [] };
  const brandPath = join(folder, BRAND_FILE);
  let file: BrandFile | null = null;
  try {
    const bytes = await readOptional(brandPath);
    if (bytes !== null) {
      const parsed = parseBrandFile(bytes.toString('utf8'), brandPath);
      if (!parsed.ok) return { ok: false, issues: parsed.issues };
      file = parsed.value;
    }
  } catch (e) {
    return { ok: false, issues: [readFailed(brandPath, e)] };
  }
  const logo = await readLogo(folder, file?.logo);
  if (!logo.ok) return { ok: false, issues: logo.issues };
  return { ok: true, value: resolveBrand(file, logo.value), issues: [] };
}
