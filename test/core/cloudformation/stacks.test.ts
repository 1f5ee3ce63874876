import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDeliveryStacks, stackFileName } from '../../../core/cloudformation/delivery-files';
import { Intrinsic } from '../../../core/cloudformation/intrinsics';
import { assignStacks, homeStack, STACK_NAMES } from '../../../core/cloudformation/split-stacks';
import { collectValueRefs } from '../../../core/cloudformation/template-refs';
import { validateTemplate } from '../../../core/cloudformation/validate-template';
import { renderTemplateYaml } from '../../../core/cloudformation/yaml';
import { SQL_HA_PATTERNS, type SqlHaPattern } from '../../../core/model/options';
import { lintWithCfnLint } from '../../../main/services/cfn-lint';
import { expectGolden } from '../../helpers/golden';
import { planExample, ROOT } from '../../helpers/example';
import { SKIP_CFN_LINT } from './cfn-lint';
import { bundledSpec, withHostileNames } from './delivery-helper';

/* eslint-disable @typescript-eslint/no-explicit-any -- the tests walk rendered CloudFormation objects */

const plain = (value: unknown): any => JSON.parse(JSON.stringify(value));

async function stacksFor(sqlHa: SqlHaPattern, hostile = false) {
  const { project, analysis } = await planExample({ sqlHa });
  return buildDeliveryStacks(hostile ? withHostileNames(project) : project, analysis.checks);
}

/** Every `Fn::ImportValue` name in a value (the Sub text of the export name). */
function importNames(value: unknown, out: string[] = []): string[] {
  if (value instanceof Intrinsic) {
    if (value.fn === 'ImportValue') out.push(JSON.stringify(plain(value.args)));
    importNames(value.args, out);
  } else if (Array.isArray(value)) for (const v of value) importNames(v, out);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value as Record<string, unknown>)) importNames(v, out);
  return out;
}

describe('the design as linked stacks: network, security, data, compute, operations', () => {
  for (const sqlHa of SQL_HA_PATTERNS) {
    it(`${sqlHa}: every resource lands in exactly one stack, unchanged in type and retention`, async () => {
      const d = await stacksFor(sqlHa);
      const seen = new Map<string, string>();
      for (const s of d.stacks)
        for (const [id, r] of Object.entries(s.template.Resources)) {
          expect(seen.has(id), `${id} twice`).toBe(false);
          seen.set(id, s.name);
          const original = d.template.Resources[id];
          expect(r.Type).toBe(original?.Type);
          expect(r.DeletionPolicy).toBe(original?.DeletionPolicy);
          expect(r.UpdateReplacePolicy).toBe(original?.UpdateReplacePolicy);
        }
      expect([...seen.keys()].sort()).toEqual(Object.keys(d.template.Resources).sort());
      // Data is kept when a stack is deleted or a resource replaced (the cluster witness holds none).
      for (const s of d.stacks)
        for (const [id, r] of Object.entries(s.template.Resources))
          if (
            ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::FSx::FileSystem', 'AWS::RDS::DBInstance'].includes(
              r.Type,
            ) &&
            id !== 'FsxWitness'
          ) {
            expect(r.DeletionPolicy === 'Retain' || r.DeletionPolicy === 'Snapshot').toBe(true);
            expect(r.UpdateReplacePolicy === 'Retain' || r.UpdateReplacePolicy === 'Snapshot').toBe(true);
          }
    });

    it(`${sqlHa}: stacks only import what an earlier stack exports, so the order deploys`, async () => {
      const d = await stacksFor(sqlHa);
      const order = d.stacks.map((s) => s.name);
      expect(order).toEqual(STACK_NAMES.filter((n) => order.includes(n)));
      const exported = new Map<string, string>();
      for (const s of d.stacks) {
        for (const name of importNames([s.template.Resources, s.template.Outputs])) {
          expect(exported.has(name), `${s.name} imports ${name} before it is exported`).toBe(true);
        }
        for (const from of s.importsFrom) expect(order.indexOf(from)).toBeLessThan(order.indexOf(s.name));
        for (const o of Object.values(s.template.Outputs))
          if (o.Export) exported.set(JSON.stringify(plain(o.Export.Name)), s.name);
        // A stack references only its own resources; the rest comes through imports.
        for (const r of collectValueRefs([s.template.Resources, s.template.Outputs]))
          if (r.target in d.template.Resources)
            expect(s.template.Resources[r.target], r.target).toBeDefined();
      }
    });

    it(`${sqlHa}: each stack passes the specification check and fits the 51,200-byte inline limit`, async () => {
      const d = await stacksFor(sqlHa);
      for (const s of d.stacks) {
        expect(validateTemplate(s.template, bundledSpec(), s.name)).toEqual([]);
        expect(Buffer.byteLength(renderTemplateYaml(s.template))).toBeLessThan(51_200);
      }
      expect(validateTemplate(d.template, bundledSpec())).toEqual([]);
    });

    it(`${sqlHa}: with hostile names, passes the specification check and renders the same structure`, async () => {
      const d = await stacksFor(sqlHa, true);
      const clean = await stacksFor(sqlHa);
      expect(d.stacks.map((s) => Object.keys(s.template.Resources))).toEqual(
        clean.stacks.map((s) => Object.keys(s.template.Resources)),
      );
      for (const s of d.stacks) expect(validateTemplate(s.template, bundledSpec(), s.name)).toEqual([]);
    });
  }

  it('keeps each resource type in its home stack unless it needs a later one', async () => {
    expect(homeStack('AWS::EC2::VPC')).toBe('network');
    expect(homeStack('AWS::EC2::SecurityGroup')).toBe('security');
    expect(homeStack('AWS::KMS::Key')).toBe('security');
    expect(homeStack('AWS::S3::Bucket')).toBe('data');
    expect(homeStack('AWS::EC2::Instance')).toBe('compute');
    expect(homeStack('AWS::SSM::Association')).toBe('operations');
    expect(homeStack('AWS::Some::NewType')).toBe('operations');
    const d = await stacksFor('always-on-ag');
    const at = assignStacks(d.template);
    expect(at.get('Vpc')).toBe('network');
    // The SQL Server role may write to the backup bucket (data), so it is created with it.
    const sqlRole = Object.entries(d.template.Resources).find(
      ([, r]) => r.Type === 'AWS::IAM::Role' && JSON.stringify(plain(r.Properties)).includes('sql-backups'),
    )?.[0];
    expect(sqlRole && at.get(sqlRole)).toBe('data');
  });

  it('matches the reviewed golden stacks (always-on-ag)', async () => {
    const d = await stacksFor('always-on-ag');
    const text = d.stacks
      .map((s) => `# ---- ${stackFileName(d.stacks, s)} ----\n${renderTemplateYaml(s.template)}`)
      .join('');
    expectGolden(join(ROOT, 'test', 'golden', 'cloudformation', 'rpa-estate-stacks.yaml'), text);
  });

  it.skipIf(SKIP_CFN_LINT)(
    'cfn-lint: no errors and no warnings on every stack of every pattern with hostile names, and on the plain example',
    async () => {
      const files: { path: string; content: string }[] = [];
      for (const sqlHa of SQL_HA_PATTERNS) {
        const d = await stacksFor(sqlHa, true);
        for (const s of d.stacks)
          files.push({
            path: `hostile-${sqlHa}-${stackFileName(d.stacks, s)}`,
            content: renderTemplateYaml(s.template),
          });
      }
      const d = await stacksFor('always-on-ag');
      for (const s of d.stacks)
        files.push({ path: `plain-${stackFileName(d.stacks, s)}`, content: renderTemplateYaml(s.template) });
      const result = await lintWithCfnLint(files, 'ap-south-1');
      expect(result.status).toBe('ran');
      if (result.status === 'ran')
        expect(result.issues.map((i) => `${i.path?.file}: ${i.message}`)).toEqual([]);
    },
    600_000,
  );
});
