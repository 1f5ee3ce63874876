import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCliArgs } from '../../cli/args';
import { runCheck } from '../../cli/commands/check';
import { CliError } from '../../cli/errors';
import { serializeProject } from '../../core/project/load-project';
import type { Project } from '../../core/project/schema';
import type { CheckResult } from '../../core/security/evaluate';
import { planExample } from '../helpers/example';

const TODAY = new Date('2026-11-23T12:00:00Z');

function saved(project: Project): string {
  const file = join(mkdtempSync(join(tmpdir(), 'archplan-check-')), 'project.archplan.json');
  writeFileSync(file, serializeProject(project));
  return file;
}

/** Runs `archplan check` in-process, capturing what it prints. */
function check(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: runCheck(parseCliArgs(['check', ...argv]), () => TODAY), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const NAT_RISK = {
  ruleId: 'NET-03',
  resourceIds: [],
  justification: 'Pilot: one NAT gateway until go-live, second AZ added in phase 2.',
  owner: 'A. Architect',
  reviewBy: '2027-03-31',
};

afterEach(() => vi.restoreAllMocks());

describe('archplan check', () => {
  it('exits 0 for the planned example and prints the checklist by category', async () => {
    const file = saved((await planExample()).project);
    const r = check(file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Network placement — \d+ pass, 0 fail, \d+ to sign off/m);
    expect(r.stdout).toContain('Detection and logging');
    expect(r.stdout).toContain('Nothing fails at or above high.');
  });

  it('exits 1 when a rule at or above --fail-on fails, and 0 below it', async () => {
    const file = saved((await planExample({ natGateways: 'single' })).project);
    // NET-03 (one NAT gateway) is medium.
    expect(check(file, '--fail-on', 'high').code).toBe(0);
    const medium = check(file, '--fail-on', 'medium');
    expect(medium.code).toBe(1);
    expect(medium.stdout).toContain('1 failing at or above medium: NET-03.');
    expect(medium.stdout).toContain('Fix: Add a NAT gateway');
    const json = check(file, '--json', '--fail-on', 'low');
    expect(json.code).toBe(1);
    const checks = JSON.parse(json.stdout) as CheckResult[];
    expect(checks.find((c) => c.ruleId === 'NET-03')).toMatchObject({
      status: 'fail',
      severity: 'medium',
      mode: 'automatic',
      resources: expect.arrayContaining(['nat-a']),
      controls: {},
    });
  });

  it('a suppressed rule shows as accepted and does not trip --fail-on until its review date passes', async () => {
    const { project } = await planExample({ natGateways: 'single' });
    const file = saved({ ...project, suppressions: [NAT_RISK] });
    const r = check(file, '--fail-on', 'low');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ACCEPTED  NET-03');
    expect(r.stdout).toContain('Accepted by A. Architect until 2027-03-31');
    const json = JSON.parse(check(file, '--json', '--fail-on', 'low').stdout) as CheckResult[];
    expect(json.find((c) => c.ruleId === 'NET-03')).toMatchObject({
      status: 'suppressed',
      suppression: NAT_RISK,
    });

    const expired = saved({ ...project, suppressions: [{ ...NAT_RISK, reviewBy: '2026-10-31' }] });
    const again = check(expired, '--fail-on', 'low');
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('expired on 2026-10-31');
  });

  it('shows signed-off attestations as passing with who signed them', async () => {
    const { project } = await planExample();
    const file = saved({
      ...project,
      attestations: [
        { ruleId: 'IAM-04', signedBy: 'R. Customer', date: '2026-11-20', note: 'Hardware MFA seen' },
      ],
    });
    const checks = JSON.parse(check(file, '--json').stdout) as CheckResult[];
    expect(checks.find((c) => c.ruleId === 'IAM-04')).toMatchObject({
      status: 'pass',
      attestation: { signedBy: 'R. Customer' },
    });
    expect(checks.find((c) => c.ruleId === 'IAM-03')?.status).toBe('manual');
  });

  it('rejects an unknown severity and a missing project as usage errors (exit 2)', async () => {
    const file = saved((await planExample()).project);
    expect(() => check(file, '--fail-on', 'urgent')).toThrow(CliError);
    const thrown = (() => {
      try {
        check();
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(CliError);
    expect((thrown as CliError).exitCode).toBe(2);
  });
});
