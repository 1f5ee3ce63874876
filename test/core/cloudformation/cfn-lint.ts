import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs cfn-lint (AWS's CloudFormation linter) on rendered templates. Exit status is a bit field:
 * 2 = errors, 4 = warnings, 8 = informational; 1 = the linter itself failed (bad arguments, crash).
 * Only errors and linter failures fail a test; warnings are printed so they get noticed and fixed.
 */

const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
export const CFN_LINT_VERSION = version.status === 0 ? version.stdout.trim() : null;
export const HAS_CFN_LINT = CFN_LINT_VERSION !== null;
/** In CI a missing linter is a failure, not a skip. */
export const SKIP_CFN_LINT = !HAS_CFN_LINT && !process.env.CI;

if (!HAS_CFN_LINT) {
  console.warn(
    `cfn-lint is not installed (or not on PATH): the cfn-lint checks in test/core/cloudformation are ${process.env.CI ? 'FAILING (CI requires it)' : 'SKIPPED'}. Install it with \`pip install cfn-lint\`.`,
  );
}

export interface LintResult {
  status: number;
  errors: boolean;
  warnings: boolean;
  output: string;
}

export function lintTemplate(yamlText: string, region: string, name = 'template.yaml'): LintResult {
  if (!HAS_CFN_LINT)
    throw new Error(
      'cfn-lint is required (CI is set) but was not found on PATH: install it with `pip install cfn-lint`.',
    );
  const dir = mkdtempSync(join(tmpdir(), 'archplan-cfn-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, yamlText);
    const run = spawnSync('cfn-lint', ['--regions', region, '--format', 'parseable', '--', file], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const status = run.status ?? -1;
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
    // Anything outside the documented bits (including 1, a signal or a timeout) is a failed lint.
    const broken = status < 0 || (status & 1) === 1 || status > 15;
    const result = { status, errors: broken || (status & 2) === 2, warnings: (status & 4) === 4, output };
    if (output) console.warn(`${CFN_LINT_VERSION} on ${name} (exit ${status}):\n${output}`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
