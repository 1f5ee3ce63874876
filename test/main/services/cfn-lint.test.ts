import { describe, expect, it } from 'vitest';
import { lintIssues, lintWithCfnLint } from '../../../main/services/cfn-lint';
import { SKIP_CFN_LINT } from '../../core/cloudformation/cfn-lint';

const BROKEN = `Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      Foo: 1
`;

describe('cfn-lint runner', () => {
  it('turns cfn-lint JSON findings into issues naming the file, line and resource', () => {
    const issues = lintIssues(
      JSON.stringify([
        {
          Filename: '/tmp/x/04-compute.yaml',
          Level: 'Error',
          Message: "Additional properties are not allowed ('Foo' was unexpected)",
          Location: { Start: { LineNumber: 5 }, Path: ['Resources', 'Bucket', 'Properties', 'Foo'] },
          Rule: { Id: 'E3002' },
        },
        { Filename: '/tmp/x/a.yaml', Level: 'Informational', Message: 'fyi', Rule: { Id: 'I1' } },
      ]),
    );
    expect(issues).toEqual([
      {
        code: 'cloudformation.cfn-lint-e3002',
        severity: 'error',
        message:
          "cfn-lint E3002 on resource Bucket: Additional properties are not allowed ('Foo' was unexpected)",
        hint: expect.stringContaining('fault in Architecture Planner') as unknown as string,
        path: { file: '04-compute.yaml', row: 5, field: 'Resources.Bucket.Properties.Foo' },
      },
    ]);
  });

  it.skipIf(SKIP_CFN_LINT)(
    'runs the installed cfn-lint and reports a real error',
    async () => {
      const result = await lintWithCfnLint([{ path: 'broken.yaml', content: BROKEN }], 'ap-south-1');
      expect(result.status).toBe('ran');
      if (result.status !== 'ran') return;
      expect(result.version).toMatch(/^cfn-lint \d/);
      expect(result.issues.some((i) => i.severity === 'error' && i.message.includes('resource Bucket'))).toBe(
        true,
      );
    },
    120_000,
  );

  it('says so when cfn-lint is not installed', async () => {
    const previous = process.env.ARCHPLAN_CFN_LINT;
    process.env.ARCHPLAN_CFN_LINT = '/nonexistent/cfn-lint';
    try {
      expect(await lintWithCfnLint([{ path: 'a.yaml', content: BROKEN }], 'ap-south-1')).toEqual({
        status: 'not-installed',
      });
    } finally {
      if (previous === undefined) delete process.env.ARCHPLAN_CFN_LINT;
      else process.env.ARCHPLAN_CFN_LINT = previous;
    }
  });
});
