import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function isWholeDocument(text: string): boolean {
  const doc = JSON.parse(text) as { checksum: string; body: unknown };
  return createHash('sha256').update(JSON.stringify(doc.body)).digest('hex') === doc.checksum;
}

function waitForWrites(child: ChildProcess, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    child.stdout?.on('data', (d: Buffer) => {
      seen += (d.toString().match(/writing/g) ?? []).length;
      if (seen >= count) resolve();
    });
    child.once('exit', (code) => reject(new Error(`save loop exited early (${code})`)));
  });
}

/** Kills a process that is saving in a loop, at varying moments, and reads what is left on disk. */
describe('atomic save under a crash', () => {
  it('always leaves a whole file: the previous version or the new one, never a torn write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archplan-crash-'));
    const target = join(dir, 'project.archplan.json');
    const original = JSON.stringify({
      generation: 0,
      checksum: createHash('sha256').update('[]').digest('hex'),
      body: [],
    });
    writeFileSync(target, original);
    for (let round = 0; round < 8; round++) {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'test', 'fixtures', 'save-loop.ts'), target],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await waitForWrites(child, 2 + (round % 3));
      // Land the kill at different points of a write: some in the write, some in fsync or rename.
      await new Promise((r) => setTimeout(r, round * 7));
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      const text = readFileSync(target, 'utf8');
      expect(isWholeDocument(text), `round ${round}: ${text.length} bytes`).toBe(true);
    }
    // Temporary files of killed saves may remain; they never replace the project file.
    expect(readdirSync(dir).filter((f) => !f.startsWith('.'))).toEqual(['project.archplan.json']);
  }, 120_000);
});
