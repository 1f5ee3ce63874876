import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BRAND } from '../../../core/proposal/brand';
import { readBrandFolder } from '../../../main/services/brand-folder';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archplan-brand-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A real 2 × 1 PNG (header and IHDR are all the reader looks at, but the file is whole). */
const PNG_2X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DwHwyBDABG2gX7ZEyY3wAAAABJRU5ErkJggg==',
  'base64',
);

describe('readBrandFolder', () => {
  it('is the built-in look without a folder', async () => {
    expect(await readBrandFolder()).toEqual({ ok: true, value: DEFAULT_BRAND, issues: [] });
  });

  it('reads brand.json and finds logo.png by its conventional name', async () => {
    await writeFile(
      join(dir, 'brand.json'),
      JSON.stringify({ companyName: 'Cloudwise', colors: { primary: '#0a5', text: '#222222' } }),
    );
    await writeFile(join(dir, 'logo.png'), PNG_2X1);
    const result = await readBrandFolder(dir);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.companyName).toBe('Cloudwise');
    expect(result.value.colors).toMatchObject({ primary: '#00AA55', text: '#222222' });
    expect(result.value.logo).toMatchObject({
      fileName: 'logo.png',
      mediaType: 'image/png',
      width: 2,
      height: 1,
    });
    expect(result.value.logo?.dataUrl).toBe(`data:image/png;base64,${PNG_2X1.toString('base64')}`);
  });

  it('names a misspelt key and a wrong colour, with the field', async () => {
    await writeFile(join(dir, 'brand.json'), JSON.stringify({ colours: {}, colors: { accent: 'teal' } }));
    const result = await readBrandFolder(dir);
    expect(result.ok).toBe(false);
    const fields = result.issues.map((i) => i.path?.field ?? '');
    expect(fields).toEqual(expect.arrayContaining(['colors.accent']));
    expect(result.issues.map((i) => i.message).join(' ')).toContain('colours');
    expect(result.issues.every((i) => i.code === 'brand.invalid-field')).toBe(true);
  });

  it('refuses an SVG logo that could run or fetch', async () => {
    await writeFile(
      join(dir, 'logo.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>',
    );
    const result = await readBrandFolder(dir);
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'brand.logo-unsafe-svg' }] });
  });

  it('reports a logo brand.json names but the folder lacks', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'brand.json'), JSON.stringify({ logo: 'company.png' }));
    const result = await readBrandFolder(dir);
    expect(result).toMatchObject({
      ok: false,
      issues: [{ code: 'brand.logo-missing', path: { file: join(dir, 'brand.json'), field: 'logo' } }],
    });
  });
});
