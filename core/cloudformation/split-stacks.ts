import {
  getAtt,
  importValue,
  Intrinsic,
  join,
  QuotedText,
  ref,
  split,
  sub,
  type CfnObject,
  type CfnValue,
} from './intrinsics';
import { truncateUtf8, TEMPLATE_DESCRIPTION_MAX_BYTES } from './sanitize';
import {
  collectConditionRefs,
  collectValueRefs,
  dependsOnList,
  getAttParts,
  isPseudoParameter,
  subParts,
  subReferences,
} from './template-refs';
import type { CfnOutput, CfnParameter, CfnResource, CfnTemplate } from './template';
import { text } from './intrinsics';

/**
 * One template → five stacks deployed in order (network, security, data, compute, operations), linked by
 * exports and `Fn::ImportValue`. Why not nested stacks: a root stack needs every child template uploaded
 * to S3 first and a TemplateURL per child, and its failures surface two levels down; separate stacks
 * each fit the 51,200-byte inline limit of `aws cloudformation deploy`, can be reviewed and redeployed
 * one at a time, and their order is fixed by the imports.
 *
 * Each resource has a home stack by type; a resource that references one in a later stack moves to that
 * stack (references only ever point backwards, so the order always deploys). Resources that share a
 * condition stay together with what they reference (an export cannot be conditional on the importer).
 */

export const STACK_NAMES = ['network', 'security', 'data', 'compute', 'operations'] as const;
export type StackName = (typeof STACK_NAMES)[number];

export const STACK_TITLES: Readonly<Record<StackName, string>> = {
  network: 'Network',
  security: 'Security',
  data: 'Data',
  compute: 'Compute',
  operations: 'Operations',
};

/** The parameter every linked stack takes: the prefix of stack and export names. */
export const STACK_PREFIX_PARAMETER = 'StackPrefix';
export const STACK_PREFIX_PATTERN = '^[a-zA-Z][-a-zA-Z0-9]{0,100}$';

export interface CfnStack {
  name: StackName;
  template: CfnTemplate;
  /** Stacks this one imports from (deploy them first). */
  importsFrom: StackName[];
}

const HOME_BY_PREFIX: [string, StackName][] = [
  ['AWS::EC2::Instance', 'compute'],
  ['AWS::EC2::Volume', 'compute'],
  ['AWS::EC2::SecurityGroup', 'security'],
  ['AWS::EC2::', 'network'],
  ['AWS::Route53::', 'data'],
  ['AWS::KMS::', 'security'],
  ['AWS::IAM::', 'security'],
  ['AWS::SecretsManager::', 'security'],
  ['AWS::Logs::LogGroup', 'security'],
  ['AWS::WAFv2::', 'security'],
  ['AWS::S3::', 'data'],
  ['AWS::FSx::', 'data'],
  ['AWS::RDS::', 'data'],
  ['AWS::DirectoryService::', 'data'],
  ['AWS::ElasticLoadBalancingV2::', 'compute'],
];

/** The stack a resource type belongs in before references move it later; unknown types go last. */
export function homeStack(type: string): StackName {
  return HOME_BY_PREFIX.find(([prefix]) => type.startsWith(prefix))?.[1] ?? 'operations';
}

/** Attributes that are lists: exported joined with commas, imported split again. */
const LIST_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  'AWS::DirectoryService::MicrosoftAD': ['DnsIpAddresses'],
  'AWS::EC2::VPC': ['CidrBlockAssociations', 'Ipv6CidrBlocks'],
  'AWS::EC2::Subnet': ['Ipv6CidrBlocks'],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': ['SecurityGroups'],
  'AWS::Route53::HostedZone': ['NameServers'],
  'AWS::EC2::NetworkInterface': ['SecondaryPrivateIpAddresses'],
};

export function isListAttribute(type: string, attribute: string): boolean {
  return LIST_ATTRIBUTES[type]?.includes(attribute) ?? false;
}

const stackIndex = (name: StackName) => STACK_NAMES.indexOf(name);

/** Logical ids of the resources a resource depends on (references and DependsOn). */
function resourceDeps(resource: CfnResource, resources: Record<string, CfnResource>): string[] {
  const deps = new Set<string>(dependsOnList(resource));
  for (const r of collectValueRefs(resource.Properties)) if (r.target in resources) deps.add(r.target);
  for (const r of collectValueRefs(resource.Metadata)) if (r.target in resources) deps.add(r.target);
  return [...deps].filter((d) => d in resources);
}

/** Which stack each resource lands in: its home, or later when something it needs is later. */
export function assignStacks(template: CfnTemplate): Map<string, StackName> {
  const resources = template.Resources;
  const at = new Map<string, number>();
  const deps = new Map<string, string[]>();
  for (const [id, r] of Object.entries(resources)) {
    at.set(id, stackIndex(homeStack(r.Type)));
    deps.set(id, resourceDeps(r, resources));
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const [id, r] of Object.entries(resources)) {
      for (const d of deps.get(id) ?? []) {
        const mine = at.get(id) ?? 0;
        const theirs = at.get(d) ?? 0;
        if (theirs > mine) {
          at.set(id, theirs);
          changed = true;
        } else if (
          mine > theirs &&
          resources[d]?.Condition !== undefined &&
          resources[d]?.Condition !== r.Condition
        ) {
          // A conditional resource cannot be imported unconditionally: keep it with its user.
          at.set(d, mine);
          changed = true;
        }
      }
    }
  }
  return new Map([...at].map(([id, i]) => [id, STACK_NAMES[i] as StackName]));
}

const alnum = (s: string) => s.replace(/[^A-Za-z0-9]/g, '');

/** `${StackPrefix}:Vpc` or `${StackPrefix}:Directory:DnsIpAddresses`: export names allow letters, digits, `:` and `-`. */
function exportName(target: string, attribute?: string): string {
  return `\${${STACK_PREFIX_PARAMETER}}:${target}${attribute ? `:${attribute.replace(/[^A-Za-z0-9-]/g, '-')}` : ''}`;
}

function exportOutputId(target: string, attribute?: string): string {
  return `Export${target}${attribute ? alnum(attribute) : ''}`;
}

interface Crossing {
  from: StackName;
  target: string;
  attribute?: string;
}

class StackWriter {
  readonly crossings = new Map<string, Crossing>();
  constructor(
    private readonly here: StackName,
    private readonly stackOf: ReadonlyMap<string, StackName>,
    private readonly resources: Record<string, CfnResource>,
  ) {}

  private foreign(target: string): StackName | null {
    const s = this.stackOf.get(target);
    return s !== undefined && s !== this.here ? s : null;
  }

  private imported(target: string, attribute?: string): CfnValue {
    const from = this.foreign(target) as StackName;
    this.crossings.set(`${target}|${attribute ?? ''}`, { from, target, attribute });
    const value = importValue(sub(exportName(target, attribute)));
    const type = this.resources[target]?.Type ?? '';
    return attribute && isListAttribute(type, attribute) ? split(',', value) : value;
  }

  rewrite(value: unknown): CfnValue {
    if (value instanceof Intrinsic) {
      if (value.fn === 'Ref' && typeof value.args === 'string' && this.foreign(value.args))
        return this.imported(value.args);
      if (value.fn === 'GetAtt') {
        const parts = getAttParts(value.args);
        if (parts && this.foreign(parts[0])) return this.imported(parts[0], parts[1]);
      }
      if (value.fn === 'Sub') return this.rewriteSub(value);
      return new Intrinsic(value.fn, this.rewrite(value.args));
    }
    if (value instanceof QuotedText) return value;
    if (Array.isArray(value)) return value.map((v) => this.rewrite(v));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, CfnValue> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        if (v !== undefined) out[k] = this.rewrite(v);
      return out;
    }
    return value as CfnValue;
  }

  /** `${Res}` / `${Res.Attr}` of another stack become Sub variables holding the import. */
  private rewriteSub(value: Intrinsic): CfnValue {
    const { template, variables } = subParts(value.args);
    const vars: Record<string, CfnValue> = {};
    for (const [k, v] of Object.entries(variables)) vars[k] = this.rewrite(v);
    if (template === null) return new Intrinsic('Sub', this.rewrite(value.args));
    let body = template;
    for (const r of subReferences(template)) {
      if (r.target in variables || !this.foreign(r.target)) continue;
      const name = `Import${alnum(r.target)}${r.attribute ? alnum(r.attribute) : ''}`;
      vars[name] = this.imported(r.target, r.attribute);
      body = body.split(`\${${r.target}${r.attribute ? `.${r.attribute}` : ''}}`).join(`\${${name}}`);
    }
    const quoted = Array.isArray(value.args)
      ? (value.args as readonly CfnValue[])[0] instanceof QuotedText
      : value.args instanceof QuotedText;
    const templateOut = quoted ? text(body) : body;
    return Object.keys(vars).length > 0 ? sub(templateOut, vars) : sub(templateOut);
  }
}

/** Parameters and conditions a set of values uses, following conditions into their parameters. */
function usedNames(
  values: unknown[],
  conditionNames: string[],
  template: CfnTemplate,
): { parameters: Set<string>; conditions: Set<string> } {
  const parameters = new Set<string>();
  const conditions = new Set<string>();
  const addRefs = (v: unknown) => {
    for (const r of collectValueRefs(v))
      if (r.target in template.Parameters && !isPseudoParameter(r.target)) parameters.add(r.target);
  };
  const queue = [...conditionNames];
  for (const v of values) {
    addRefs(v);
    queue.push(...collectConditionRefs(v));
  }
  while (queue.length > 0) {
    const c = queue.pop() as string;
    if (conditions.has(c)) continue;
    conditions.add(c);
    const body = template.Conditions?.[c];
    addRefs(body);
    queue.push(...collectConditionRefs(body));
  }
  return { parameters, conditions };
}

/** The Interface metadata, keeping only the parameters this stack has. */
function interfaceFor(metadata: CfnObject, present: ReadonlySet<string>): CfnObject {
  const iface = metadata['AWS::CloudFormation::Interface'] as
    | {
        ParameterGroups?: { Label: CfnValue; Parameters: string[] }[];
        ParameterLabels?: Record<string, CfnValue>;
      }
    | undefined;
  const groups = (iface?.ParameterGroups ?? [])
    .map((g) => ({ Label: g.Label, Parameters: g.Parameters.filter((p) => present.has(p)) }))
    .filter((g) => g.Parameters.length > 0);
  const labels: Record<string, CfnValue> = {};
  for (const [k, v] of Object.entries(iface?.ParameterLabels ?? {})) if (present.has(k)) labels[k] = v;
  if (present.has(STACK_PREFIX_PARAMETER)) {
    groups.unshift({ Label: { default: 'Deployment' }, Parameters: [STACK_PREFIX_PARAMETER] });
    labels[STACK_PREFIX_PARAMETER] = { default: 'Prefix of the five stack names and their exports' };
  }
  return { 'AWS::CloudFormation::Interface': { ParameterGroups: groups, ParameterLabels: labels } };
}

/**
 * Splits a template built by `buildTemplate` into linked stacks, in deployment order; stacks that would
 * be empty are left out. `stackPrefix` is the default of the StackPrefix parameter (the suggested name).
 */
export function splitTemplate(template: CfnTemplate, stackPrefix: string): CfnStack[] {
  const stackOf = assignStacks(template);
  const outputsHome = new Map<string, StackName>();
  for (const [id, o] of Object.entries(template.Outputs)) {
    const homes = collectValueRefs(o.Value)
      .map((r) => stackOf.get(r.target))
      .filter((s): s is StackName => s !== undefined);
    outputsHome.set(
      id,
      homes.reduce<StackName>((a, b) => (stackIndex(b) > stackIndex(a) ? b : a), 'network'),
    );
  }

  const drafts = STACK_NAMES.map((name) => {
    const writer = new StackWriter(name, stackOf, template.Resources);
    const resources: Record<string, CfnResource> = {};
    for (const [id, r] of Object.entries(template.Resources)) {
      if (stackOf.get(id) !== name) continue;
      const dependsOn = dependsOnList(r).filter((d) => stackOf.get(d) === name);
      const out: CfnResource = {
        Type: r.Type,
        ...(r.Condition ? { Condition: r.Condition } : {}),
        ...(dependsOn.length > 0 ? { DependsOn: dependsOn.length === 1 ? dependsOn[0] : dependsOn } : {}),
        ...(r.Metadata ? { Metadata: writer.rewrite(r.Metadata) as CfnObject } : {}),
        ...(r.Properties ? { Properties: writer.rewrite(r.Properties) as CfnObject } : {}),
        ...(r.DeletionPolicy ? { DeletionPolicy: r.DeletionPolicy } : {}),
        ...(r.UpdateReplacePolicy ? { UpdateReplacePolicy: r.UpdateReplacePolicy } : {}),
      };
      resources[id] = out;
    }
    const outputs: Record<string, CfnOutput> = {};
    for (const [id, o] of Object.entries(template.Outputs))
      if (outputsHome.get(id) === name) outputs[id] = { ...o, Value: writer.rewrite(o.Value) };
    return { name, resources, outputs, writer };
  });

  // Exports: each crossing becomes an output of the stack that owns the resource.
  const importers = new Map<string, StackName[]>();
  for (const draft of drafts) {
    for (const c of draft.writer.crossings.values()) {
      const owner = drafts.find((d) => d.name === c.from);
      const resource = template.Resources[c.target];
      if (!owner || !resource) continue;
      const id = exportOutputId(c.target, c.attribute);
      const users = importers.get(id) ?? [];
      users.push(draft.name);
      importers.set(id, users);
      const raw = c.attribute ? getAtt(c.target, c.attribute) : ref(c.target);
      owner.outputs[id] = {
        ...(resource.Condition ? { Condition: resource.Condition } : {}),
        Description: `Imported by the ${users.length > 1 ? `${users.slice(0, -1).join(', ')} and ${users.at(-1) as string}` : users.join('')} stack${users.length > 1 ? 's' : ''}: ${c.attribute ? `${c.attribute} of ` : ''}${c.target}`,
        Value: c.attribute && isListAttribute(resource.Type, c.attribute) ? join(',', raw) : raw,
        Export: { Name: sub(exportName(c.target, c.attribute)) },
      };
    }
  }
  // Exports are added after all stacks are written, so sort them last and stably.
  const stacks: CfnStack[] = [];
  const total = drafts.filter((d) => Object.keys(d.resources).length > 0).length;
  let position = 0;
  for (const draft of drafts) {
    if (Object.keys(draft.resources).length === 0) continue;
    position += 1;
    const importsFrom = STACK_NAMES.filter((s) =>
      [...draft.writer.crossings.values()].some((c) => c.from === s),
    );
    const resourceConditions = [...Object.values(draft.resources), ...Object.values(draft.outputs)]
      .map((r) => r.Condition)
      .filter((c): c is string => c !== undefined);
    const used = usedNames([draft.resources, draft.outputs], resourceConditions, template);
    const exports = Object.values(draft.outputs).some((o) =>
      collectValueRefs(o.Export?.Name).some((r) => r.target === STACK_PREFIX_PARAMETER),
    );
    const parameters: Record<string, CfnParameter> = {};
    if (importsFrom.length > 0 || exports)
      parameters[STACK_PREFIX_PARAMETER] = {
        Type: 'String',
        Description:
          'The same value in every stack of this deployment: stacks are named <prefix>-network, <prefix>-security, … and exports <prefix>:<resource>',
        Default: stackPrefix,
        AllowedPattern: STACK_PREFIX_PATTERN,
        ConstraintDescription: 'a letter, then letters, digits and hyphens (at most 101 characters)',
      };
    for (const [k, p] of Object.entries(template.Parameters)) if (used.parameters.has(k)) parameters[k] = p;
    const conditions: Record<string, CfnValue> = {};
    for (const [k, c] of Object.entries(template.Conditions ?? {}))
      if (used.conditions.has(k)) conditions[k] = c;
    const description = `${STACK_TITLES[draft.name]} stack (${position} of ${total}). ${template.Description.value}`;
    stacks.push({
      name: draft.name,
      importsFrom,
      template: {
        AWSTemplateFormatVersion: '2010-09-09',
        Description: text(truncateUtf8(description, TEMPLATE_DESCRIPTION_MAX_BYTES)),
        Metadata: interfaceFor(template.Metadata, new Set(Object.keys(parameters))),
        Parameters: parameters,
        ...(Object.keys(conditions).length > 0 ? { Conditions: conditions } : {}),
        Resources: draft.resources,
        Outputs: draft.outputs,
      },
    });
  }
  return stacks;
}
