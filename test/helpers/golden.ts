import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';

/**
 * Compares text with a reviewed golden file. The file is (re)written only when UPDATE_GOLDEN=1, so a
 * change shows up as a failing test and a diff to review, never as a silent update.
 */
export function expectGolden(path: string, text: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  if (!existsSync(path))
    throw new Error(
      `Golden file ${path} is missing: run the test with UPDATE_GOLDEN=1 and review the new file.`,
    );
  expect(text).toBe(readFileSync(path, 'utf8'));
}
