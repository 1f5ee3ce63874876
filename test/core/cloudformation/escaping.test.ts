import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildTemplate } from '../../../core/cloudformation/build-template';
import {
  ec2Description,
  escapeSub,
  strictTagValue,
  truncateUtf8,
  utf8Length,
} from '../../../core/cloudformation/sanitize';
import type { CfnResource } from '../../../core/cloudformation/template';
import { CFN_TAGS, parseTemplateYaml, renderTemplateYaml } from '../../../core/cloudformation/yaml';
import type { Project } from '../../../core/project/schema';
import { planExample } from '../../helpers/example';
import { lintTemplate, SKIP_CFN_LINT } from './cfn-lint';
import { deliveryFiles, fileText } from './delivery-helper';

/* eslint-disable @typescript-eslint/no-explicit-any -- the tests walk rendered CloudFormation objects */

/** Everything a user could paste into a name field, and then some: quotes, YAML syntax, line breaks, a substitution, scripts, emoji, 300+ characters. */
const HOSTILE = `Ac"me' Bank: #1 \${AWS::Region} — 東京 नमस्ते 🚀 naïve\nsecond line\r\n\ttab\u2028sep\u202Eevil\u0000nul - key: value [x] {y} & *z ! | > % @ \`tick\` ${'x'.repeat(300)}`;

const base = (await planExample()).project;

function hostileProject(): Project {
  return {
    ...base,
    project: { ...base.project, name: HOSTILE, customer: `${HOSTILE} customer` },
    topology: {
      ...base.topology,
      nodes: base.topology.nodes.map((n, i) =>
        n.kind === 'ec2-instance' || n.kind === 'subnet' || n.kind === 'kms-key' || n.kind === 'load-balancer'
          ? { ...n, name: `${i}: ${HOSTILE}` }
          : n,
      ),
      securityGroups: base.topology.securityGroups.map((g) => ({
        ...g,
        name: `${g.name} ${HOSTILE}`,
        description: `${g.description} ${HOSTILE}`,
        ingress: g.ingress.map((r) => ({ ...r, description: `${r.description} "${HOSTILE}"` })),
      })),
    },
  };
}

/** Line breaks, tabs, NUL and other C0 controls, the line separator and the right-to-left override. */
function hasBreakOrControl(value: string): boolean {
  return Array.from(value).some((c) => (c.codePointAt(0) ?? 0) < 0x20 || c === '\u2028' || c === '\u202E');
}

function tags(resource: CfnResource | undefined): { Key: string; Value: string }[] {
  return ((resource?.Properties?.Tags ?? []) as any[]).map((t) => ({ Key: t.Key, Value: String(t.Value) }));
}

describe('hostile names: whatever the user typed, the template stays valid', () => {
  const project = hostileProject();
  const template = buildTemplate(project);
  const yaml = renderTemplateYaml(template);

  it('parses back with the yaml package and the CloudFormation tags, to exactly the template built', () => {
    const parsed = parseTemplateYaml(yaml);
    expect(parsed.ok && parsed.issues).toEqual([]);
    expect(parsed.ok && parsed.value).toEqual(JSON.parse(JSON.stringify(template)));
    // The plain `parse` with CFN_TAGS agrees.
    expect(JSON.parse(JSON.stringify(parse(yaml, { customTags: CFN_TAGS, version: '1.1' })))).toEqual(
      JSON.parse(JSON.stringify(template)),
    );
  });

  it.skipIf(SKIP_CFN_LINT)(
    'passes cfn-lint with no errors',
    () => {
      const result = lintTemplate(yaml, project.topology.region, 'hostile.yaml');
      expect(result.errors, result.output).toBe(false);
    },
    120_000,
  );

  it('keeps the Description within 1,024 bytes, on one line, with the name it can fit', () => {
    const description = String(template.Description);
    expect(utf8Length(description)).toBeLessThanOrEqual(1024);
    expect(hasBreakOrControl(description)).toBe(false);
    expect(description).toContain('Project: Ac"me\' Bank: #1 $ {AWS::Region} — 東京');
    // The raw line shows the quotes escaped inside a double-quoted scalar.
    expect(yaml.split('\n')[1]).toMatch(/^Description: "Architecture Planner export: .*Ac\\"me' Bank: #1/);
  });

  it('keeps EC2 Name tags as typed (EC2 accepts any character), one line, at most 256 characters', () => {
    const instances = Object.values(template.Resources).filter((r) => r.Type === 'AWS::EC2::Instance');
    expect(instances.length).toBeGreaterThan(0);
    for (const instance of instances) {
      const name = tags(instance).find((t) => t.Key === 'Name')?.Value ?? '';
      expect(Array.from(name).length).toBeLessThanOrEqual(256);
      expect(name).toMatch(
        /^\d+: Ac"me' Bank: #1 \$ \{AWS::Region\} — 東京 नमस्ते 🚀 naïve second line tab sep/,
      );
      expect(hasBreakOrControl(name)).toBe(false);
      expect(name.endsWith('...')).toBe(true);
    }
  });

  it('restricts tags on other services to the characters every AWS service accepts', () => {
    for (const [id, resource] of Object.entries(template.Resources)) {
      if (resource.Type.startsWith('AWS::EC2::')) continue;
      for (const tag of tags(resource)) {
        expect(tag.Value, `${id} ${tag.Key}`).toMatch(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u);
        expect(Array.from(tag.Value).length).toBeLessThanOrEqual(256);
      }
    }
  });

  it('keeps security group descriptions within the characters and length EC2 allows', () => {
    for (const resource of Object.values(template.Resources)) {
      const p = resource.Properties as any;
      const descriptions: unknown[] = [];
      if (resource.Type === 'AWS::EC2::SecurityGroup') {
        descriptions.push(
          p.GroupDescription,
          ...(p.SecurityGroupIngress ?? []).map((r: any) => r.Description),
          ...p.SecurityGroupEgress.map((r: any) => r.Description),
        );
      } else if (
        resource.Type === 'AWS::EC2::SecurityGroupIngress' ||
        resource.Type === 'AWS::EC2::SecurityGroupEgress'
      ) {
        descriptions.push(p.Description);
      }
      for (const d of descriptions) {
        expect(String(d)).toMatch(/^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{1,255}$/);
      }
    }
  });

  it('escapes ${ inside !Sub so the deployed KMS description reads exactly what was typed', () => {
    const description = JSON.parse(JSON.stringify(template.Resources.KmsMain?.Properties?.Description));
    expect(description['Fn::Sub']).toContain('Ac"me\' Bank: #1 ${!AWS::Region}');
    expect(description['Fn::Sub']).toMatch(/Stack: \$\{AWS::StackName\}\.$/);
  });

  it('keeps the README free of markup from names', () => {
    const readme = fileText(deliveryFiles(project), 'README.md');
    const title = readme.split('\n')[0] ?? '';
    expect(title.startsWith('# CloudFormation: Ac"me\' Bank: \\#1')).toBe(true);
    expect(title).toContain('\\`tick\\`');
    const headings = readme.split('\n').filter((l) => l.startsWith('#'));
    expect(headings[0]).toBe(title);
    // Every other heading is the template's own: names add none.
    for (const h of headings.slice(1))
      expect(h).toMatch(/^(## [A-Z][a-z ,]+|### \d\. [A-Z][a-z]+: `[a-z][-a-z0-9]*-[a-z]+`)$/);
  });
});

describe('sanitisers', () => {
  it('cuts descriptions by UTF-8 bytes without splitting a character', () => {
    const cut = truncateUtf8('🚀'.repeat(400), 1024);
    expect(utf8Length(cut)).toBeLessThanOrEqual(1024);
    expect(cut.endsWith('...')).toBe(true);
    expect(cut.replace('...', '')).toMatch(/^(🚀)+$/u);
  });

  it('replaces characters AWS rejects instead of failing the deployment', () => {
    expect(strictTagValue('SQL "PRD" #1 (main)', 'x')).toBe('SQL PRD 1 main');
    expect(strictTagValue('\n\t"#"', 'fallback')).toBe('fallback');
    expect(ec2Description('Café — accès “SQL”', 'x')).toBe('Cafe acces SQL');
    expect(escapeSub('a ${AWS::Region} b ${!x}')).toBe('a ${!AWS::Region} b ${!!x}');
  });
});
