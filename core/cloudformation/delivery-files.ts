import { slugify } from '../model/ids';
import { formatIssue } from '../model/issue';
import { nodesOfKind } from '../model/topology';
import { NODE } from '../topology/design-ids';
import type { Project } from '../project/schema';
import { buildTemplate, checkTemplateInputs } from './build-template';
import { CERTIFICATE_ARN_PATTERN } from './parameters';
import { cleanText } from './sanitize';
import type { CfnTemplate } from './template';
import { renderTemplateYaml } from './yaml';

/**
 * The CloudFormation folder handed to the delivery team: template.yaml, parameters.json and a README
 * saying how to deploy. The shells write these under `<out>/cloudformation/`.
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

function renderReadme(project: Project, template: CfnTemplate, entries: ParameterEntry[]): string {
  const region = project.topology.region;
  const stack = suggestStackName(project);
  const certificate = Object.entries(template.Parameters).find(
    ([, p]) => p.AllowedPattern === CERTIFICATE_ARN_PATTERN,
  )?.[0];
  const toFill = entries.filter(
    (e) => e.ParameterValue.startsWith(PLACEHOLDER_PREFIX) && e.ParameterKey !== certificate,
  );
  const issues = checkTemplateInputs(project);
  const has = (type: string) => Object.values(template.Resources).some((r) => r.Type === type);
  const topology = project.topology;
  const vpn = nodesOfKind(topology, 'vpn-connection')[0];
  const dx = nodesOfKind(topology, 'direct-connect')[0];
  const onPremises = (vpn ?? dx)?.onPremisesCidrs ?? [];
  const rdpOpen = topology.securityGroups.some((g) =>
    g.ingress.some((r) => r.source.kind === 'cidr' && r.fromPort <= 3389 && 3389 <= r.toPort),
  );
  const sqlSteps = sqlServerSteps(project, template);
  const lines: string[] = [
    `# CloudFormation: ${escapeMarkdown(project.project.name) || 'Untitled project'}`,
    '',
    `Generated by Architecture Planner${project.project.customer.trim() ? ` for ${escapeMarkdown(project.project.customer)}` : ''}. Deploy it in **${region}**, the region the design was sized and priced for.`,
    '',
    '| File | What it is |',
    '| --- | --- |',
    '| `template.yaml` | The stack: network (subnets, routes, network ACLs, flow logs, VPC endpoints), security groups, KMS keys, buckets, instance roles, instances, the load balancer with WAF, SQL Server as the design has it, the link to the data centre and the account services. |',
    '| `parameters.json` | Every template parameter with its planned value, in the `[{ "ParameterKey", "ParameterValue" }]` form. |',
    '',
  ];
  if (issues.length > 0) {
    lines.push('## Read first', '', ...issues.map((i) => `- ${escapeMarkdown(formatIssue(i))}`), '');
  }
  lines.push('## Deploy, in this order', '');
  let step = 1;
  if (certificate) {
    lines.push(
      `${step++}. **Certificate.** Request (or import) an ACM certificate for the control room's hostname in ${region}, and wait until it is *Issued*. Put its ARN in \`parameters.json\` as \`${certificate}\` (in place of \`${PLACEHOLDER_PREFIX}...\`).`,
    );
  }
  if (toFill.length > 0) {
    lines.push(
      `${step++}. **Fill in** the other values that start with \`${PLACEHOLDER_PREFIX}\` in \`parameters.json\`: ${toFill.map((e) => `\`${e.ParameterKey}\``).join(', ')}. Until then the deployment stops at parameter validation.`,
    );
  }
  if ('CreateAccountServices' in template.Parameters || 'AlarmEmail' in template.Parameters) {
    lines.push(
      `${step++}. **Account services.** GuardDuty and AWS Config allow one detector and one recorder per account and Region: if the account already has them (for example through AWS Organizations), set \`CreateAccountServices\` to \`false\`. Put an address in \`AlarmEmail\` to receive the CloudWatch alarms.`,
    );
  }
  lines.push(
    `${step++}. **Review** instance types${nodesOfKind(topology, 'rds-sql-server').length > 0 ? ', the DB instance class and engine version' : ''} and the VPC CIDR in \`parameters.json\` (the CIDR must not overlap networks you will connect by VPN or Direct Connect)${Object.values(template.Resources).some((r) => r.Type === 'AWS::EC2::Instance' && r.Properties?.CpuOptions !== undefined) ? '. Instances with `CpuOptions` (Optimize CPUs, fewer licensed vCPUs) keep their core count: change it with the instance type' : ''}.`,
    `${step++}. **Check** the template: \`cfn-lint template.yaml\`.`,
    `${step++}. **Deploy** with AWS CLI v2. The template is larger than the 51,200 bytes CloudFormation accepts inline, so it goes through an S3 bucket you own in ${region}; it creates IAM roles, hence \`CAPABILITY_IAM\`:`,
    '',
    '   ```sh',
    '   aws cloudformation deploy \\',
    `     --region ${region} \\`,
    `     --stack-name ${stack} \\`,
    '     --template-file template.yaml \\',
    '     --s3-bucket <a bucket for deployment artefacts> \\',
    '     --parameter-overrides file://parameters.json \\',
    '     --capabilities CAPABILITY_IAM',
    '   ```',
    '',
    `   \`aws cloudformation create-stack --region ${region} --stack-name ${stack} --template-url https://<bucket>.s3.${region}.amazonaws.com/template.yaml --parameters file://parameters.json --capabilities CAPABILITY_IAM\` reads the same parameters file. Allow an hour: the managed directory alone takes 20 to 40 minutes.`,
  );
  if (has('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
    lines.push(
      `${step++}. **DNS.** Point the control room's hostname at the \`AlbDnsName\` output (CNAME, or a Route 53 alias record).`,
    );
  }
  if (vpn && has('AWS::EC2::VPNConnection')) {
    lines.push(
      `${step++}. **VPN.** In the VPC console, download the configuration of the \`VpnConnectionId\` output for the data centre's VPN device and set up both tunnels. The private route tables already send ${onPremises.map((c) => `\`${c}\``).join(', ')} through them.`,
    );
  }
  if (dx) {
    lines.push(
      `${step++}. **Direct Connect.** CloudFormation cannot order a Direct Connect connection or create its virtual interface. Order a ${dx.connectionType} ${escapeMarkdown(dx.bandwidth)} connection (${escapeMarkdown(dx.location)}), then create a private virtual interface to the virtual private gateway this stack created (\`VpnGateway\`) and advertise ${onPremises.map((c) => `\`${c}\``).join(', ')} over BGP: the private route tables learn them by route propagation. A Site-to-Site VPN on the same gateway is a cheap backup for the circuit.`,
    );
  }
  lines.push(
    rdpOpen
      ? `${step++}. **Connect** from the data centre with Remote Desktop (3389 is open only from ${onPremises.map((c) => `\`${c}\``).join(', ')}), or from anywhere with Systems Manager Session Manager or Fleet Manager; the template creates no key pairs.`
      : `${step++}. **Connect** to instances with Systems Manager Session Manager or Fleet Manager (Remote Desktop through the console): the template opens no RDP port and creates no key pairs.`,
  );
  if (sqlSteps.length > 0) {
    lines.push(`${step}. **SQL Server.** ${sqlSteps.join(' ')}`);
  }
  const kept = [
    'the KMS keys and the buckets (`DeletionPolicy: Retain`)',
    "the instances' data volumes (`DeleteOnTermination: false`)",
    'the log groups',
    ...(nodesOfKind(topology, 'fsx-windows').some((f) => f.id !== NODE.witness)
      ? ['the FSx file systems holding databases']
      : []),
  ];
  lines.push(
    '',
    '## Deleting the stack',
    '',
    `Kept when the stack is deleted: ${kept.join(', ')}. Delete them by hand once their data is no longer needed; a KMS key can only be scheduled for deletion, with a 30-day waiting period.${nodesOfKind(topology, 'rds-sql-server').length > 0 ? ' RDS DB instances are deletion-protected: turn that off first; CloudFormation then keeps a final snapshot.' : ''}`,
    '',
    '## What the stack creates',
    '',
    '| Resource type | Count |',
    '| --- | --- |',
    ...countTypes(template).map(([type, n]) => `| \`${type}\` | ${n} |`),
    '',
  );
  return lines.join('\n');
}

/** template.yaml, parameters.json and README.md for a project; pure, deterministic. */
export function buildDeliveryFiles(project: Project): DeliveryFile[] {
  const template = buildTemplate(project);
  const entries = buildParameterEntries(template);
  return [
    { path: 'template.yaml', content: renderTemplateYaml(template) },
    { path: 'parameters.json', content: `${JSON.stringify(entries, null, 2)}\n` },
    { path: 'README.md', content: renderReadme(project, template, entries) },
  ];
}
