import type { Issue } from '../model/issue';
import { Intrinsic, QuotedText } from './intrinsics';
import type { SpecIndex, SpecProperty, SpecType } from './spec-index';
import {
  collectConditionRefs,
  collectValueRefs,
  dependsOnList,
  isPseudoParameter,
  type ValueRef,
} from './template-refs';
import type { CfnTemplate } from './template';

/**
 * The export's own check, run everywhere (cfn-lint may be missing): every Ref, GetAtt, `${…}` in Sub,
 * DependsOn and condition name points at something the template defines; with a specification index,
 * every resource type exists, every property is known, required ones are present and literal values
 * have the right shape. Intrinsic values are taken on trust (they resolve at deploy time).
 */

/** The resource types the exporter writes: the spec index is cut to these (scripts/extract-cfn-spec.ts). */
export const EXPORTED_RESOURCE_TYPES = [
  'AWS::CloudTrail::Trail',
  'AWS::CloudWatch::Alarm',
  'AWS::Config::ConfigRule',
  'AWS::Config::ConfigurationRecorder',
  'AWS::Config::DeliveryChannel',
  'AWS::DirectoryService::MicrosoftAD',
  'AWS::EC2::CustomerGateway',
  'AWS::EC2::DHCPOptions',
  'AWS::EC2::EIP',
  'AWS::EC2::FlowLog',
  'AWS::EC2::Instance',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::LaunchTemplate',
  'AWS::EC2::NatGateway',
  'AWS::EC2::NetworkAcl',
  'AWS::EC2::NetworkAclEntry',
  'AWS::EC2::NetworkInterface',
  'AWS::EC2::Route',
  'AWS::EC2::RouteTable',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::Subnet',
  'AWS::EC2::SubnetNetworkAclAssociation',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::VPC',
  'AWS::EC2::VPCDHCPOptionsAssociation',
  'AWS::EC2::VPCEndpoint',
  'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::VPNConnection',
  'AWS::EC2::VPNConnectionRoute',
  'AWS::EC2::VPNGateway',
  'AWS::EC2::VPNGatewayRoutePropagation',
  'AWS::EC2::Volume',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::FSx::FileSystem',
  'AWS::GuardDuty::Detector',
  'AWS::IAM::InstanceProfile',
  'AWS::IAM::Role',
  'AWS::KMS::Alias',
  'AWS::KMS::Key',
  'AWS::Logs::LogGroup',
  'AWS::Logs::MetricFilter',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBSubnetGroup',
  'AWS::RDS::OptionGroup',
  'AWS::Route53::HostedZone',
  'AWS::Route53::RecordSet',
  'AWS::S3::Bucket',
  'AWS::S3::BucketPolicy',
  'AWS::SNS::Subscription',
  'AWS::SNS::Topic',
  'AWS::SSM::Association',
  'AWS::SSM::MaintenanceWindow',
  'AWS::SSM::MaintenanceWindowTarget',
  'AWS::SSM::MaintenanceWindowTask',
  'AWS::SSM::PatchBaseline',
  'AWS::SecretsManager::Secret',
  'AWS::WAFv2::LoggingConfiguration',
  'AWS::WAFv2::WebACL',
  'AWS::WAFv2::WebACLAssociation',
] as const;

const HINT =
  'This is a fault in Architecture Planner, not in your design: report it with the project file. The files were not written.';

interface Ctx {
  file: string;
  template: CfnTemplate;
  spec: SpecIndex | null;
  issues: Issue[];
}

function report(ctx: Ctx, code: string, field: string, message: string): void {
  ctx.issues.push({ code, severity: 'error', message, hint: HINT, path: { file: ctx.file, field } });
}

function checkRefs(ctx: Ctx, where: string, field: string, refs: readonly ValueRef[]): void {
  const { template } = ctx;
  for (const r of refs) {
    if (r.kind !== 'getatt' && (isPseudoParameter(r.target) || r.target in template.Parameters)) continue;
    const resource = template.Resources[r.target];
    if (!resource) {
      const what = r.kind === 'ref' ? 'Ref' : r.kind === 'getatt' ? 'GetAtt' : 'Sub';
      report(
        ctx,
        `cloudformation.dangling-${r.kind}`,
        field,
        `${where}: ${what} to "${r.target}${r.attribute ? `.${r.attribute}` : ''}", which the template does not define.`,
      );
      continue;
    }
    const attrs = ctx.spec?.resources[resource.Type]?.attributes;
    if (r.attribute !== undefined && attrs && !attrs.includes(r.attribute))
      report(
        ctx,
        'cloudformation.spec-unknown-attribute',
        field,
        `${where}: ${resource.Type} "${r.target}" has no attribute "${r.attribute}".`,
      );
  }
}

function checkConditions(ctx: Ctx, where: string, field: string, names: readonly string[]): void {
  for (const c of names)
    if (!(c in (ctx.template.Conditions ?? {})))
      report(ctx, 'cloudformation.dangling-condition', field, `${where}: condition "${c}" is not defined.`);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  !(v instanceof Intrinsic) &&
  !(v instanceof QuotedText);

/** Whether a literal value has the shape of a spec type; intrinsics always fit. Problems go to `out`. */
function fits(spec: SpecIndex, type: SpecType, value: unknown, path: string, out: string[]): boolean {
  if (value instanceof Intrinsic) return true;
  switch (type.t) {
    case 'json':
    case 'null':
      return true;
    case 'string':
    case 'date-time':
      return typeof value === 'string' || value instanceof QuotedText || typeof value === 'number';
    case 'number':
    case 'integer':
      return typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value));
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false';
    case 'tag':
      return isPlainObject(value) && 'Key' in value && 'Value' in value;
    case 'array':
      if (!Array.isArray(value)) return false;
      return value.every((v, i) => fits(spec, type.of, v, `${path}[${i}]`, out));
    case 'map':
      if (!isPlainObject(value)) return false;
      return Object.entries(value).every(([k, v]) => fits(spec, type.of, v, `${path}.${k}`, out));
    case 'union':
      return type.types.some((t) => fits(spec, t, value, path, []));
    case 'ref': {
      if (!isPlainObject(value)) return false;
      const def = spec.types[type.ref];
      if (!def) return true;
      checkObject(spec, def.name, def.properties, value, path, out);
      return true;
    }
  }
}

const describeType = (t: SpecType): string =>
  t.t === 'array'
    ? `a list`
    : t.t === 'map'
      ? 'a map'
      : t.t === 'ref'
        ? 'an object'
        : t.t === 'union'
          ? 'one of several types'
          : `a ${t.t}`;

function checkObject(
  spec: SpecIndex,
  typeName: string,
  properties: Record<string, SpecProperty>,
  value: Record<string, unknown>,
  path: string,
  out: string[],
): void {
  for (const [name, p] of Object.entries(properties))
    if (p.required && value[name] === undefined)
      out.push(`${path}: required property ${name} of ${typeName} is missing`);
  for (const [name, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const p = properties[name];
    if (!p) {
      out.push(`${path}: ${typeName} has no property ${name}`);
      continue;
    }
    const nested: string[] = [];
    const ok = p.types.some((t, i) => {
      const found: string[] = [];
      const fit = fits(spec, t, v, `${path}.${name}`, found);
      if (i === 0 || (fit && found.length === 0)) nested.splice(0, nested.length, ...found);
      return fit && found.length === 0;
    });
    if (!ok) {
      if (nested.length > 0) out.push(...nested);
      else out.push(`${path}.${name}: expected ${describeType(p.types[0] as SpecType)}`);
    }
  }
}

/**
 * Checks one template; `file` names it in the issues ("compute.yaml"). Every issue is an error naming
 * the resource: the export stops rather than hand over a template that cannot deploy.
 */
export function validateTemplate(
  template: CfnTemplate,
  spec: SpecIndex | null,
  file = 'template.yaml',
): Issue[] {
  const ctx: Ctx = { file, template, spec, issues: [] };
  for (const [name, body] of Object.entries(template.Conditions ?? {})) {
    const where = `Condition ${name}`;
    checkRefs(ctx, where, `Conditions.${name}`, collectValueRefs(body));
    checkConditions(ctx, where, `Conditions.${name}`, collectConditionRefs(body));
  }
  for (const [id, r] of Object.entries(template.Resources)) {
    const where = `Resource ${id} (${r.Type})`;
    const field = `Resources.${id}`;
    checkRefs(ctx, where, field, collectValueRefs(r.Properties));
    checkConditions(ctx, where, field, [
      ...(r.Condition ? [r.Condition] : []),
      ...collectConditionRefs(r.Properties),
    ]);
    for (const d of dependsOnList(r))
      if (!(d in template.Resources))
        report(
          ctx,
          'cloudformation.dangling-depends-on',
          `${field}.DependsOn`,
          `${where}: DependsOn "${d}", which the template does not define.`,
        );
    if (!spec) continue;
    const type = spec.resources[r.Type];
    if (!type) {
      report(
        ctx,
        'cloudformation.spec-unknown-type',
        `${field}.Type`,
        `${where}: ${r.Type} is not a resource type in the CloudFormation specification (${spec.source}).`,
      );
      continue;
    }
    const problems: string[] = [];
    checkObject(spec, r.Type, type.properties, { ...(r.Properties ?? {}) }, 'Properties', problems);
    for (const p of problems)
      report(ctx, 'cloudformation.spec-property', field, `${where}: ${p} (${spec.source}).`);
  }
  for (const [id, o] of Object.entries(template.Outputs)) {
    const where = `Output ${id}`;
    checkRefs(ctx, where, `Outputs.${id}`, collectValueRefs(o.Value));
    checkRefs(ctx, where, `Outputs.${id}`, collectValueRefs(o.Export?.Name));
    if (o.Condition) checkConditions(ctx, where, `Outputs.${id}`, [o.Condition]);
  }
  return ctx.issues;
}
