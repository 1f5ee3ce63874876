import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildSpecIndex, parseSpecIndex, type SpecIndex } from '../../core/cloudformation/spec-index';
import type { Result } from '../../core/model/issue';
import { resolveResourceDir } from './app-paths';
import { describeFileError, errorCode } from './file-errors';

/**
 * The CloudFormation specification index the export validates against. The app ships a cut-down copy
 * (templates/delivery/cfn-spec.json, written by scripts/extract-cfn-spec.ts); the full database of
 * @aws-cdk/aws-service-spec is read only by that script and by the test that keeps the copy current.
 */

export const SPEC_INDEX_FILE = 'cfn-spec.json';

export function specIndexPath(): string {
  return join(resolveResourceDir('templates'), 'delivery', SPEC_INDEX_FILE);
}

/** Reads the bundled index; a missing or damaged file is an issue (the export then stops). */
export async function loadSpecIndex(path: string = specIndexPath()): Promise<Result<SpecIndex>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (errorCode(e) === undefined) throw e;
    return {
      ok: false,
      issues: [
        {
          code: 'cloudformation.spec-index-unreadable',
          severity: 'error',
          message: `Cannot read the CloudFormation specification index ${path}: ${describeFileError(e)}.`,
          hint: 'Reinstall Architecture Planner (the export checks every template against it before writing).',
          path: { file: path },
        },
      ],
    };
  }
  return parseSpecIndex(text, path);
}

/** The index built straight from @aws-cdk/aws-service-spec's db.json.gz (development only). */
export function buildSpecIndexFromPackage(resourceTypes: readonly string[]): SpecIndex {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve('@aws-cdk/aws-service-spec/package.json');
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { name: string; version: string };
  const db: unknown = JSON.parse(
    gunzipSync(readFileSync(join(pkgJson, '..', 'db.json.gz'))).toString('utf8'),
  );
  return buildSpecIndex(db, resourceTypes, `${pkg.name} ${pkg.version}`);
}
