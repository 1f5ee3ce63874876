import Handlebars from 'handlebars';
import { slugify } from '../model/ids';
import { formatIssue, type Issue, type Result } from '../model/issue';
import type { Suppression } from '../model/suppression';
import { nodesOfKind } from '../model/topology';
import { type Estimate, monthlyByTier } from '../pricing/estimate';
import { describePriceBook } from '../pricing/price-book';
import type { SizingResult } from '../sizing/size-server';
import { NODE } from '../topology/design-ids';
import type { Project } from '../project/schema';
import { formatUsd } from '../util/money';
import { buildTemplateParts, checkTemplateInputs } from './build-template';
import { CERTIFICATE_ARN_PATTERN } from './parameters';
import { cleanText, utf8Length } from './sanitize';
import type { SpecIndex } from './spec-index';
import { splitTemplate, STACK_TITLES, type CfnStack } from './split-stacks';
import { applySuppressionMetadata, type SuppressedFinding } from './suppression-metadata';
import type { CfnTemplate } from './template';
import { validateTemplate } from './validate-template';
import { renderTemplateYaml } from './yaml';

/**
 * The CloudFormation folder handed to the delivery team: one template and one parameter file per stack
 * (network, security, data, compute, operations, numbered in deployment order), the whole design as one
 * template for review, and a README (templates/delivery/README.md.hbs) with the deployment order,
 * parameters, sizing, cost and checklist. The shells write these under `<out>/cloudformation/`.
 */

export interface DeliveryFile {
  /** Relative to the cloudformation folder. */
  path: string;
  content: string;
}

/** `[{ ParameterKey, ParameterValue }]`: the form `create-stack --parameters` and (AWS CLI v2) `deploy --parameter-overrides` both read. */
export interface ParameterEntry {
  ParameterKey: string;
  ParameterValue: string;
}

/** Values the delivery team must supply; deploying with them fails the parameter's AllowedPattern. */
export const PLACEHOLDER_PREFIX = 'REPLACE-WITH-';

export function buildParameterEntries(template: CfnTemplate): ParameterEntry[] {
  return Object.entries(template.Parameters).map(([key, p]) => ({
    ParameterKey: key,
    ParameterValue:
      p.Default ?? `${PLACEHOLDER_PREFIX}${key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toUpperCase()}`,
  }));
}

/** CloudFormation stack names: a letter, then letters, digits and hyphens, up to 128 characters. */
export function suggestStackName(project: Project): string {
  const slug = slugify(project.project.name);
  const name = /^[a-z]/.test(slug) ? slug : `archplan-${slug}`;
  return name.slice(0, 128).replace(/-+$/, '');
}

/** Markdown-safe one-line text: user names cannot add headings, links or HTML to the README. */
function escapeMarkdown(textIn: string): string {
  return cleanText(textIn).replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
}

function countTypes(template: CfnTemplate): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of Object.values(template.Resources)) counts.set(r.Type, (counts.get(r.Type) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** What the README says about SQL Server after deployment, for the pattern the design uses. */
function sqlServerSteps(project: Project, template: CfnTemplate): string[] {
  const topology = project.topology;
  const has = (type: string) => Object.values(template.Resources).some((r) => r.Type === type);
  const directory = nodesOfKind(topology, 'directory-service')[0];
  const fsx = nodesOfKind(topology, 'fsx-windows');
  const backups =
    has('AWS::S3::Bucket') && nodesOfKind(topology, 's3-bucket').some((b) => b.purpose === 'backup');
  const out: string[] = [];
  if (nodesOfKind(topology, 'rds-sql-server').length > 0) {
    out.push(
      'Applications connect to the `…Endpoint` output on port 1433' +
        (nodesOfKind(topology, 'route53-zone').length > 0
          ? `, or to \`sql.${nodesOfKind(topology, 'route53-zone')[0]?.domainName ?? ''}\` in the private hosted zone`
          : '') +
        '. RDS created the master password in Secrets Manager and rotates it (the DB instance’s *Configuration* tab links to the secret).',
    );
    if (backups)
      out.push(
        "Native `.bak` backups: `exec msdb.dbo.rds_backup_database @source_db_name='<db>', @s3_arn_to_backup_to='arn:aws:s3:::<BackupBucketName output>/sql-backups/<db>.bak';` (the option group and its role allow exactly that prefix). Restores of on-premises backups use `rds_restore_database` the same way.",
      );
    return out;
  }
  if (directory) {
    out.push(
      `The SQL Server nodes join \`${directory.domainName}\` by themselves (a State Manager association; its admin password is the \`SecretDirectoryAdmin\` secret). The VPC's DHCP options point every instance at the directory's DNS, which forwards other names to the VPC resolver.`,
    );
  }
  const witness = fsx.find((f) => f.id === NODE.witness);
  if (project.options.sqlHa === 'always-on-ag' || project.options.sqlHa === 'basic-ag') {
    out.push(
      `Build the Windows Server Failover Cluster from the SQL nodes, giving it one of each node's two secondary IP addresses, with a file-share witness on a continuously available share of the FSx file system (\`${witness ? 'FsxWitnessDnsName' : 'FSx'}\` output); then the availability group${project.options.sqlHa === 'basic-ag' ? 's (basic: one per database, two replicas each)' : ''} in synchronous-commit mode with automatic failover, and the listener on the nodes' other secondary IPs.`,
    );
  } else if (project.options.sqlHa === 'fci-fsx') {
    out.push(
      'Create continuously available SMB shares on the FSx file system (`…DnsName` output) for data, logs and the cluster witness; build the failover cluster from the two nodes (one secondary IP each for the cluster, one for the SQL Server network name) and install SQL Server as a failover cluster instance on those shares.',
    );
  }
  if (nodesOfKind(topology, 'secrets-manager-secret').some((s) => s.id === NODE.sqlSecret))
    out.push(
      'Create the control room’s SQL Server login from the `SecretSql` secret (the SQL nodes may read it). Secrets Manager has no managed rotation for SQL Server on EC2: deploy AWS’s SQL Server single-user rotation function and add a rotation schedule (the design plans 30 days).',
    );
  if (backups && has('AWS::SSM::Association'))
    out.push(
      'A State Manager association copies a daily full backup of every user database to `s3://<BackupBucketName output>/sql-backups/<computer>/` (from the preferred backup replica); schedule transaction-log backups in SQL Server Agent. The SQL Server instance role may write and read only under that prefix.',
    );
  return out;
}

/** The template and its stacks, with the architect's accepted findings as scanner metadata. */
export interface DeliveryStacks {
  /** Everything in one template (the reference, and what the security checklist reads). */
  template: CfnTemplate;
  /** The same resources as linked stacks, in deployment order. */
  stacks: CfnStack[];
  /** Default of the StackPrefix parameter, and the suggested stack-name prefix. */
  stackPrefix: string;
}

/** Checklist entries as the delivery files read them (a subset of CheckResult). */
export interface DeliveryCheck {
  ruleId: string;
  title: string;
  severity: string;
  status: string;
  detail: string;
  resources: readonly string[];
  controls: { cfnNag?: readonly string[]; checkov?: readonly string[] };
  suppression?: Suppression;
}

/** What the README summarises beyond the templates; absent parts are left out of the README. */
export interface DeliveryAnalysis {
  sizing: readonly SizingResult[];
  estimate: Estimate;
  checks: readonly DeliveryCheck[];
}

/** Findings the architect suppressed, with the scanner ids of their rules. */
export function suppressedFindings(checks: readonly DeliveryCheck[]): SuppressedFinding[] {
  return checks.flatMap((c) =>
    c.suppression && c.status === 'suppressed'
      ? [
          {
            suppression: c.suppression,
            cfnNag: c.controls.cfnNag ?? [],
            checkov: c.controls.checkov ?? [],
            resources: c.suppression.resourceIds.length > 0 ? c.suppression.resourceIds : c.resources,
          },
        ]
      : [],
  );
}

/** The template (with suppression metadata) and its split into stacks; pure, deterministic. */
export function buildDeliveryStacks(project: Project, checks: readonly DeliveryCheck[] = []): DeliveryStacks {
  const parts = buildTemplateParts(project);
  const template = applySuppressionMetadata(parts.template, suppressedFindings(checks), parts.logicalIdOf);
  const stackPrefix = suggestStackName(project).slice(0, 90).replace(/-+$/, '');
  return { template, stacks: splitTemplate(template, stackPrefix), stackPrefix };
}

/** `01-network.yaml`: numbered so a file listing shows the deployment order. */
export function stackFileName(stacks: readonly CfnStack[], stack: CfnStack, suffix = '.yaml'): string {
  const n = stacks.indexOf(stack) + 1;
  return `${String(n).padStart(2, '0')}-${stack.name}${suffix}`;
}

/**
 * The project's own check of every template it hands over (the whole one and each stack): dangling
 * references always, the CloudFormation specification when an index is given. Errors block the export.
 */
export function validateDeliveryStacks(d: DeliveryStacks, spec: SpecIndex | null): Issue[] {
  return [
    ...validateTemplate(d.template, spec, 'template.yaml'),
    ...d.stacks.flatMap((s) => validateTemplate(s.template, spec, stackFileName(d.stacks, s))),
  ];
}

/** CloudFormation's quota of resources in one stack (it is not raised on request). */
export const STACK_RESOURCE_LIMIT = 500;

/**
 * Stacks over CloudFormation's resource quota: they would fail at deployment, so the export says so
 * (a warning, not a block: the pack is still what the delivery team splits from).
 */
export function checkStackLimits(d: DeliveryStacks): Issue[] {
  return d.stacks.flatMap((s) => {
    const count = Object.keys(s.template.Resources).length;
    if (count <= STACK_RESOURCE_LIMIT) return [];
    const file = stackFileName(d.stacks, s);
    return [
      {
        code: 'cfn.stack-too-many-resources',
        severity: 'warning' as const,
        message: `${file} has ${count.toLocaleString('en-US')} resources; CloudFormation allows ${STACK_RESOURCE_LIMIT} in one stack, so it will not deploy as it is.`,
        hint: 'Plan the estate as several projects (for example by business unit or wave), or split this stack into parts before deploying.',
        path: { file },
      },
    ];
  });
}

/** What the README says about the checks run before export (filled by the shell that ran them). */
export interface DeliveryValidation {
  /** e.g. "@aws-cdk/aws-service-spec 0.1.216: no errors in 6 templates". */
  lines: string[];
  /** Whether cfn-lint checked these templates before they were written. */
  cfnLintRan?: boolean;
}

/** The view model of templates/delivery/README.md.hbs. Every string is Markdown already (user text escaped). */
export interface DeliveryReadmeModel {
  title: string;
  intro: string;
  region: string;
  stackPrefix: string;
  readFirst: string[];
  files: { file: string; what: string }[];
  preSteps: string[];
  stacks: {
    position: number;
    title: string;
    stackName: string;
    file: string;
    parametersFile: string;
    kilobytes: string;
    viaS3: boolean;
    importsFrom: string;
    resources: number;
    summary: string;
    toFill: string;
    command: string;
  }[];
  postSteps: string[];
  kept: string;
  resourceTypes: { type: string; count: number; stacks: string }[];
  sizing: {
    rows: { server: string; role: string; current: string; instanceType: string; rationale: string }[];
  } | null;
  cost: {
    purchaseOption: string;
    monthly: string;
    yearly: string;
    upfront: string;
    effective: string;
    source: string;
    caveat: string;
    byTier: { label: string; monthly: string }[];
  } | null;
  checklist: {
    summary: string;
    rows: { ruleId: string; title: string; severity: string; status: string; detail: string }[];
  } | null;
  validation: string[];
}

const INLINE_LIMIT = 51_200;

const md = (textIn: string): string => escapeMarkdown(textIn);

function stackSummary(stack: CfnStack): string {
  const types = new Map<string, number>();
  for (const r of Object.values(stack.template.Resources)) {
    const short = r.Type.replace(/^AWS::/, '');
    types.set(short, (types.get(short) ?? 0) + 1);
  }
  return [...types.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([t, n]) => (n > 1 ? `${t} ×${n}` : t))
    .join(', ');
}

function deployCommand(
  region: string,
  stackName: string,
  file: string,
  paramsFile: string,
  stack: CfnStack,
  viaS3: boolean,
): string {
  const iam = Object.values(stack.template.Resources).some((r) => r.Type.startsWith('AWS::IAM::'));
  return [
    'aws cloudformation deploy \\',
    `  --region ${region} \\`,
    `  --stack-name ${stackName} \\`,
    `  --template-file ${file} \\`,
    ...(viaS3 ? ['  --s3-bucket <a bucket for deployment artefacts> \\'] : []),
    ...(iam ? ['  --capabilities CAPABILITY_IAM \\'] : []),
    `  --parameter-overrides file://${paramsFile}`,
  ].join('\n');
}

function summaryOfChecks(checks: readonly DeliveryCheck[]): string {
  const count = (status: string) => checks.filter((c) => c.status === status).length;
  return `${checks.length} rules: ${count('pass')} pass, ${count('fail')} fail, ${count('suppressed')} suppressed (accepted, with the reason written into the templates for cfn_nag and checkov), ${count('manual')} to confirm by hand.`;
}

export function buildReadmeModel(
  project: Project,
  d: DeliveryStacks,
  analysis: DeliveryAnalysis | null,
  validation: DeliveryValidation,
  rendered: readonly DeliveryFile[] = renderDeliveryTemplates(d),
): DeliveryReadmeModel {
  const { template, stacks } = d;
  const region = project.topology.region;
  const entries = buildParameterEntries(template);
  const certificate = Object.entries(template.Parameters).find(
    ([, p]) => p.AllowedPattern === CERTIFICATE_ARN_PATTERN,
  )?.[0];
  const toFill = entries.filter(
    (e) => e.ParameterValue.startsWith(PLACEHOLDER_PREFIX) && e.ParameterKey !== certificate,
  );
  const has = (type: string) => Object.values(template.Resources).some((r) => r.Type === type);
  const topology = project.topology;
  const vpn = nodesOfKind(topology, 'vpn-connection')[0];
  const dx = nodesOfKind(topology, 'direct-connect')[0];
  const onPremises = (vpn ?? dx)?.onPremisesCidrs ?? [];
  const rdpOpen = topology.securityGroups.some((g) =>
    g.ingress.some((r) => r.source.kind === 'cidr' && r.fromPort <= 3389 && 3389 <= r.toPort),
  );
  const hasRds = nodesOfKind(topology, 'rds-sql-server').length > 0;
  const stackOfParameter = (key: string) =>
    stacks
      .filter((s) => key in s.template.Parameters)
      .map((s) => `\`${stackFileName(stacks, s, '.parameters.json')}\``);

  const preSteps: string[] = [];
  if (certificate)
    preSteps.push(
      `**Certificate.** Request (or import) an ACM certificate for the control room's hostname in ${region}, and wait until it is *Issued*. Put its ARN as \`${certificate}\` in ${stackOfParameter(certificate).join(' and ')} (in place of \`${PLACEHOLDER_PREFIX}...\`).`,
    );
  if (toFill.length > 0)
    preSteps.push(
      `**Fill in** the other values that start with \`${PLACEHOLDER_PREFIX}\`: ${toFill.map((e) => `\`${e.ParameterKey}\` (${stackOfParameter(e.ParameterKey).join(', ')})`).join(', ')}. Until then the deployment stops at parameter validation.`,
    );
  if ('CreateAccountServices' in template.Parameters || 'AlarmEmail' in template.Parameters)
    preSteps.push(
      '**Account services.** GuardDuty and AWS Config allow one detector and one recorder per account and Region: if the account already has them (for example through AWS Organizations), set `CreateAccountServices` to `false`. Put an address in `AlarmEmail` to receive the CloudWatch alarms.',
    );
  preSteps.push(
    `**Review** instance types${hasRds ? ', the DB instance class and engine version' : ''} and the VPC CIDR in the parameter files (the CIDR must not overlap networks you will connect by VPN or Direct Connect)${Object.values(template.Resources).some((r) => r.Type === 'AWS::EC2::Instance' && r.Properties?.CpuOptions !== undefined) ? '. Instances with `CpuOptions` (Optimize CPUs, fewer licensed vCPUs) keep their core count: change it with the instance type' : ''}. A parameter that appears in several files must have the same value in each.`,
    `**Check** the templates: \`cfn-lint *.yaml\` (${validation.cfnLintRan === true ? 'the export already ran it' : 'this export did not run it'}${validation.lines.length > 0 ? '; see *Checks before export* below' : ''}).`,
  );

  const postSteps: string[] = [];
  if (has('AWS::ElasticLoadBalancingV2::LoadBalancer'))
    postSteps.push(
      "**DNS.** Point the control room's hostname at the `AlbDnsName` output of the compute stack (CNAME, or a Route 53 alias record).",
    );
  if (vpn && has('AWS::EC2::VPNConnection'))
    postSteps.push(
      `**VPN.** In the VPC console, download the configuration of the \`VpnConnectionId\` output for the data centre's VPN device and set up both tunnels. The private route tables already send ${onPremises.map((c) => `\`${c}\``).join(', ')} through them.`,
    );
  if (dx)
    postSteps.push(
      `**Direct Connect.** CloudFormation cannot order a Direct Connect connection or create its virtual interface. Order a ${dx.connectionType} ${md(dx.bandwidth)} connection (${md(dx.location)}), then create a private virtual interface to the virtual private gateway the network stack created (\`VpnGateway\`) and advertise ${onPremises.map((c) => `\`${c}\``).join(', ')} over BGP: the private route tables learn them by route propagation. A Site-to-Site VPN on the same gateway is a cheap backup for the circuit.`,
    );
  postSteps.push(
    rdpOpen
      ? `**Connect** from the data centre with Remote Desktop (3389 is open only from ${onPremises.map((c) => `\`${c}\``).join(', ')}), or from anywhere with Systems Manager Session Manager or Fleet Manager; the templates create no key pairs.`
      : '**Connect** to instances with Systems Manager Session Manager or Fleet Manager (Remote Desktop through the console): the templates open no RDP port and create no key pairs.',
  );
  const sqlSteps = sqlServerSteps(project, template);
  if (sqlSteps.length > 0) postSteps.push(`**SQL Server.** ${sqlSteps.join(' ')}`);

  const kept = [
    'the KMS keys and the buckets (`DeletionPolicy: Retain`)',
    "the instances' data volumes (`DeleteOnTermination: false`)",
    'the log groups',
    ...(nodesOfKind(topology, 'fsx-windows').some((f) => f.id !== NODE.witness)
      ? ['the FSx file systems holding databases']
      : []),
  ];

  const stackRows = stacks.map((s, i) => {
    const file = stackFileName(stacks, s);
    const parametersFile = stackFileName(stacks, s, '.parameters.json');
    const bytes = utf8Length(
      rendered.find((f) => f.path === file)?.content ?? renderTemplateYaml(s.template),
    );
    const viaS3 = bytes > INLINE_LIMIT;
    const stackName = `${d.stackPrefix}-${s.name}`;
    const fill = buildParameterEntries(s.template).filter((e) =>
      e.ParameterValue.startsWith(PLACEHOLDER_PREFIX),
    );
    return {
      position: i + 1,
      title: STACK_TITLES[s.name],
      stackName,
      file,
      parametersFile,
      kilobytes: (bytes / 1024).toFixed(1),
      viaS3,
      importsFrom: s.importsFrom.map((n) => STACK_TITLES[n].toLowerCase()).join(', '),
      resources: Object.keys(s.template.Resources).length,
      summary: stackSummary(s),
      toFill: fill.map((e) => `\`${e.ParameterKey}\``).join(', '),
      command: deployCommand(region, stackName, file, parametersFile, s, viaS3),
    };
  });

  const typeRows = countTypes(template).map(([type, count]) => ({
    type,
    count,
    stacks: stacks
      .filter((s) => Object.values(s.template.Resources).some((r) => r.Type === type))
      .map((s) => s.name)
      .join(', '),
  }));

  const readFirst = checkTemplateInputs(project).map((i) => md(formatIssue(i)));
  const name = md(project.project.name) || 'Untitled project';
  const customer = project.project.customer.trim() ? ` for ${md(project.project.customer)}` : '';

  return {
    title: `CloudFormation: ${name}`,
    intro: `Generated by Architecture Planner${customer}. Deploy it in **${region}**, the region the design was sized and priced for. The design is split into ${stacks.length} stacks deployed in order; each later stack reads what it needs from the earlier ones through CloudFormation exports named \`<StackPrefix>:<resource>\`.`,
    region,
    stackPrefix: d.stackPrefix,
    readFirst,
    files: [
      ...stackRows.flatMap((s) => [
        { file: s.file, what: `${s.title} stack (step ${s.position}): ${s.summary}.` },
        {
          file: s.parametersFile,
          what: `Its parameters with their planned values, in the \`[{ "ParameterKey", "ParameterValue" }]\` form.`,
        },
      ]),
      {
        file: 'template.yaml',
        what: 'The same resources in one template, for review and for the security checklist. Not deployed (it needs an S3 bucket and gives one stack to every team).',
      },
      { file: 'parameters.json', what: 'Parameters of `template.yaml`.' },
    ],
    preSteps,
    stacks: stackRows,
    postSteps,
    kept: `${kept.join(', ')}. Delete them by hand once their data is no longer needed; a KMS key can only be scheduled for deletion, with a 30-day waiting period.${hasRds ? ' RDS DB instances are deletion-protected: turn that off first; CloudFormation then keeps a final snapshot.' : ''}`,
    resourceTypes: typeRows,
    sizing: analysis
      ? {
          rows: analysis.sizing.map((r) => ({
            server: md(r.server),
            role: r.role,
            current: `${r.current.vcpu} vCPU, ${r.current.memoryGib} GiB`,
            instanceType: r.chosen
              ? `\`${r.chosen.instanceType}\` (${r.chosen.vcpu} vCPU, ${r.chosen.memoryGib} GiB)`
              : 'no type fits: choose one',
            rationale: md(r.rationale),
          })),
        }
      : null,
    cost: analysis
      ? {
          purchaseOption: analysis.estimate.purchaseOption,
          monthly: formatUsd(analysis.estimate.totals.monthlyUsd),
          yearly: formatUsd(analysis.estimate.totals.yearlyUsd),
          upfront: formatUsd(analysis.estimate.totals.upfrontUsd),
          effective: formatUsd(analysis.estimate.totals.effectiveMonthlyUsd),
          source: md(describePriceBook(analysis.estimate.priceSource)),
          caveat:
            analysis.estimate.totals.linesWithoutPrice > 0
              ? `${analysis.estimate.totals.linesWithoutPrice} cost lines have no price: the totals are a lower bound.`
              : '',
          byTier: monthlyByTier(analysis.estimate).map((t) => ({
            label: t.label,
            monthly: formatUsd(t.monthlyUsd),
          })),
        }
      : null,
    checklist: analysis
      ? {
          summary: summaryOfChecks(analysis.checks),
          rows: analysis.checks.map((c) => ({
            ruleId: c.ruleId,
            title: md(c.title),
            severity: c.severity,
            status: c.status,
            detail: md(c.detail),
          })),
        }
      : null,
    validation: validation.lines,
  };
}

/**
 * Renders the README from templates/delivery/README.md.hbs. The model's strings are Markdown already,
 * so Handlebars does not HTML-escape them (`noEscape`); `strict` makes a misspelt field an error.
 */
export function renderDeliveryReadme(templateText: string, model: DeliveryReadmeModel): Result<string> {
  try {
    const hb = Handlebars.create();
    return { ok: true, value: hb.compile(templateText, { strict: true, noEscape: true })(model), issues: [] };
  } catch (e) {
    return {
      ok: false,
      issues: [
        {
          code: 'cloudformation.readme-template-error',
          severity: 'error',
          message: `The delivery README template could not be rendered: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}.`,
          hint: 'Reinstall Architecture Planner (templates/delivery/README.md.hbs is part of it).',
          path: { file: 'README.md.hbs' },
        },
      ],
    };
  }
}

/** The YAML files of the pack, rendered once: each stack in deployment order, then template.yaml. */
export function renderDeliveryTemplates(d: DeliveryStacks): DeliveryFile[] {
  return [
    ...d.stacks.map((s) => ({ path: stackFileName(d.stacks, s), content: renderTemplateYaml(s.template) })),
    { path: 'template.yaml', content: renderTemplateYaml(d.template) },
  ];
}

export interface DeliveryFileOptions {
  /** Text of templates/delivery/README.md.hbs. */
  readmeTemplate: string;
  analysis?: DeliveryAnalysis | null;
  validation?: DeliveryValidation;
  /** renderDeliveryTemplates(d), when the caller already has it (to lint it). */
  rendered?: readonly DeliveryFile[];
}

/**
 * The cloudformation/ folder: each stack's template and parameter file, the whole template and its
 * parameters, and the README (deployment order, parameters, sizing, cost, checklist). Pure, deterministic.
 */
export function buildDeliveryFiles(
  project: Project,
  d: DeliveryStacks,
  options: DeliveryFileOptions,
): Result<DeliveryFile[]> {
  const rendered = options.rendered ?? renderDeliveryTemplates(d);
  const yaml = (path: string) => rendered.find((f) => f.path === path)?.content ?? '';
  const model = buildReadmeModel(
    project,
    d,
    options.analysis ?? null,
    options.validation ?? { lines: [] },
    rendered,
  );
  const readme = renderDeliveryReadme(options.readmeTemplate, model);
  if (!readme.ok) return readme;
  const json = (t: CfnTemplate) => `${JSON.stringify(buildParameterEntries(t), null, 2)}\n`;
  return {
    ok: true,
    value: [
      { path: 'README.md', content: readme.value },
      ...d.stacks.flatMap((s) => [
        { path: stackFileName(d.stacks, s), content: yaml(stackFileName(d.stacks, s)) },
        { path: stackFileName(d.stacks, s, '.parameters.json'), content: json(s.template) },
      ]),
      { path: 'template.yaml', content: yaml('template.yaml') },
      { path: 'parameters.json', content: json(d.template) },
    ],
    issues: [],
  };
}
