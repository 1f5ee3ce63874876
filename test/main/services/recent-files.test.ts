import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecentFilesStore } from '../../../main/services/recent-files';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archplan-recent-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('createRecentFilesStore', () => {
  it('keeps the most recent first, without duplicates, up to the limit', async () => {
    const store = createRecentFilesStore(join(dir, 'nested', 'recent-files.json'), 3);
    for (const p of [
      '/p/a.archplan.json',
      '/p/b.archplan.json',
      '/p/a.archplan.json',
      '/p/c.archplan.json',
      '/p/d.archplan.json',
    ])
      await store.add(p);
    expect(await store.list()).toEqual(['/p/d.archplan.json', '/p/c.archplan.json', '/p/a.archplan.json']);
    expect(JSON.parse(await readFile(join(dir, 'nested', 'recent-files.json'), 'utf8'))).toEqual({
      version: 1,
      files: ['/p/d.archplan.json', '/p/c.archplan.json', '/p/a.archplan.json'],
    });
  });

  it('does not lose entries when saves come in quick succession', async () => {
    const store = createRecentFilesStore(join(dir, 'recent-files.json'));
    await Promise.all(['/p/1', '/p/2', '/p/3', '/p/4'].map((p) => store.add(p)));
    expect((await store.list()).sort()).toEqual(['/p/1', '/p/2', '/p/3', '/p/4']);
  });

  it('reads a missing or damaged file as an empty list and repairs it on the next add', async () => {
    const file = join(dir, 'recent-files.json');
    const store = createRecentFilesStore(file);
    expect(await store.list()).toEqual([]);
    await writeFile(file, '{"version":1,"files":[');
    expect(await store.list()).toEqual([]);
    await store.add('/p/a.archplan.json');
    expect(await store.list()).toEqual(['/p/a.archplan.json']);
  });
});
