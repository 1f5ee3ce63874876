import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Issue } from '../../core/model/issue';

/**
 * Runs cfn-lint (AWS's CloudFormation linter) on rendered templates before they are written. It is a
 * Python tool the delivery team installs with `pip install cfn-lint`; where it is missing the export still
 * runs the project's own specification check and says in the README that cfn-lint did not run.
 */

export type CfnLintOutcome =
  | { status: 'not-installed' }
  /** Errors block the export; warnings are reported with the files. */
  | { status: 'ran'; version: string; issues: Issue[] };

/** Lints `files` (name → YAML text) for `region`; injected into the export so tests and shells choose. */
export type LintCfn = (
  files: readonly { path: string; content: string }[],
  region: string,
) => Promise<CfnLintOutcome>;

interface LintMatch {
  Filename: string;
  Level: string;
  Message: string;
  Location?: { Start?: { LineNumber?: number }; Path?: (string | number)[] };
  Rule?: { Id?: string };
}

function run(
  command: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string; missing: boolean }> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const e = error as (NodeJS.ErrnoException & { code?: unknown }) | null;
      const missing = e?.code === 'ENOENT';
      const code = e === null ? 0 : typeof e.code === 'number' ? e.code : null;
      resolve({ code, stdout: String(stdout), stderr: String(stderr), missing });
    });
  });
}

/** `Resources/Ec2Sql01/Properties/ImageId` → the resource the finding is about, for the message. */
function describeLocation(m: LintMatch): string {
  const path = m.Location?.Path ?? [];
  if (path[0] === 'Resources' && path[1] !== undefined) return `resource ${path[1]}`;
  if (path[0] !== undefined) return path.slice(0, 2).join(' ');
  return 'the template';
}

/** Parses `cfn-lint --format json` output into issues (Error → error, Warning → warning). */
export function lintIssues(stdout: string): Issue[] {
  const matches = JSON.parse(stdout) as LintMatch[];
  return matches
    .filter((m) => m.Level === 'Error' || m.Level === 'Warning')
    .map((m) => ({
      code: `cloudformation.cfn-lint-${(m.Rule?.Id ?? 'finding').toLowerCase()}`,
      severity: m.Level === 'Error' ? ('error' as const) : ('warning' as const),
      message: `cfn-lint ${m.Rule?.Id ?? ''} on ${describeLocation(m)}: ${m.Message}`,
      hint:
        m.Level === 'Error'
          ? 'This is a fault in Architecture Planner, not in your design: report it with the project file. The files were not written.'
          : 'The templates deploy; review the finding before deploying.',
      path: {
        file: basename(m.Filename),
        ...(m.Location?.Start?.LineNumber ? { row: m.Location.Start.LineNumber } : {}),
        ...(m.Location?.Path ? { field: m.Location.Path.join('.') } : {}),
      },
    }));
}

/** Paths split into up to `n` groups of about equal total size (largest first, into the lightest group). */
function balancedGroups(paths: string[], files: readonly { content: string }[], n: number): string[][] {
  const groups = Array.from({ length: Math.max(1, Math.min(n, paths.length)) }, () => ({
    size: 0,
    paths: [] as string[],
  }));
  const order = paths
    .map((p, i) => ({ p, size: files[i]?.content.length ?? 0 }))
    .sort((a, b) => b.size - a.size);
  for (const f of order) {
    const lightest = groups.reduce((a, b) => (b.size < a.size ? b : a));
    lightest.size += f.size;
    lightest.paths.push(f.p);
  }
  // Within a group, keep the caller's order so findings read in file order.
  return groups.map((g) => paths.filter((p) => g.paths.includes(p))).filter((g) => g.length > 0);
}

/** The real linter: `cfn-lint` on PATH (or ARCHPLAN_CFN_LINT), all files in one run. */
export const lintWithCfnLint: LintCfn = async (files, region) => {
  const command = process.env.ARCHPLAN_CFN_LINT ?? 'cfn-lint';
  const version = await run(command, ['--version'], 30_000);
  if (version.missing || version.code !== 0) return { status: 'not-installed' };
  const dir = await mkdtemp(join(tmpdir(), 'archplan-cfn-lint-'));
  try {
    const paths: string[] = [];
    for (const f of files) {
      const path = join(dir, basename(f.path));
      await writeFile(path, f.content);
      paths.push(path);
    }
    // cfn-lint checks files one after another: a few processes over size-balanced groups halve the wait.
    const results = await Promise.all(
      balancedGroups(paths, files, Math.min(availableParallelism(), 4)).map((group) =>
        run(command, ['--regions', region, '--format', 'json', '--', ...group], 600_000),
      ),
    );
    const issues: Issue[] = [];
    for (const result of results) {
      // Exit status is a bit field: 2 errors, 4 warnings, 8 informational; 1 (or no number) = cfn-lint failed.
      const code = result.code;
      if (code === null || (code & 1) === 1 || code > 15) {
        return {
          status: 'ran',
          version: version.stdout.trim(),
          issues: [
            {
              code: 'cloudformation.cfn-lint-failed',
              severity: 'error',
              message: `cfn-lint could not check the templates (exit ${code ?? 'timeout'}): ${result.stderr.trim().split('\n').slice(-2).join(' ')}`,
              hint: 'Update cfn-lint (`pip install --upgrade cfn-lint`) and export again, or remove it from PATH to export with the built-in check only.',
            },
          ],
        };
      }
      if (result.stdout.trim()) issues.push(...lintIssues(result.stdout));
    }
    return { status: 'ran', version: version.stdout.trim(), issues };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
