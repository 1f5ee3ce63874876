import type { ServerRole } from '../model/inventory';
import type { Ec2Node, NodeOfKind } from '../model/topology';
import { nodesOfKind } from '../model/topology';
import type { HaComparisonRow } from '../plan/compare-ha-patterns';
import type { ProjectAnalysis } from '../plan/plan-project';
import { haPattern } from '../topology/ha-patterns';
import { sqlClusters } from '../topology/ha-patterns/shared';
import type { EstimateLine } from '../pricing/estimate';
import { monthlyByResource, monthlyByService } from '../pricing/estimate';
import type { PriceBookDescription, PriceSource } from '../pricing/price-book';
import type { Project } from '../project/schema';
import type { CheckResult } from '../security/evaluate';
import { summarizeChecks } from '../security/evaluate';
import type { CheckStatus, ControlRefs, RuleSeverity } from '../security/rule';
import type { SizingResult } from '../sizing/size-server';
import { HOURS_PER_MONTH, Money, formatUsd, toCents } from '../util/money';
import { renderDiagramSvg } from './diagram-svg';
import {
  formatDate,
  formatNumber,
  formatPercent,
  formatQuantity,
  formatUnitPrice,
  joinWithAnd,
  lowerFirst,
  plural,
  singularUnit,
} from './format-text';

/**
 * The proposal as plain, pre-formatted strings: the templates only place them. Text the user typed
 * (project, customer and server names, justifications) stays raw here; escaping is the template
 * engine's job (and the diagram's own XML escaper for the SVG).
 */

export type PaperSize = 'A4' | 'Letter';

export interface ProposalOptions {
  /** Page size the HTML asks for with CSS @page; the PDF printer is told the same. Default A4. */
  paper?: PaperSize;
}

export interface SectionHeading {
  /** "1", "2"… as printed before the title. */
  number: string;
  title: string;
  /** Stable anchor id for links inside the document. */
  anchor: string;
}

export interface KeyFigure {
  label: string;
  value: string;
  note: string;
}

export interface EstateRow {
  role: string;
  servers: string;
  vcpu: string;
  memoryGib: string;
  storageGib: string;
  cpuP95: string;
  memoryP95: string;
  measured: string;
}

export interface SizingRow {
  server: string;
  role: string;
  current: string;
  utilization: string;
  required: string;
  instanceType: string;
  instanceSpec: string;
  hourlyPrice: string;
  monthlyPrice: string;
  derivedPrice: boolean;
  confidence: string;
  rationale: string;
  /** Why the deployed type differs from the sized one, or why nothing fits; empty when nothing to say. */
  note: string;
  unsized: boolean;
}

export interface CostLineView {
  component: string;
  quantity: string;
  unitPrice: string;
  monthly: string;
  priced: boolean;
  /** Set when no price was found: says which filter and why; the line is never shown as $0.00. */
  missingPrice: string;
  derived: boolean;
  /** "ec2-license-included: Linux 0.187/h … + 8 vCPU × 0.046/vCPU-h …" */
  derivation: string;
  /** Number of the price source in the sources table ("1"), empty when unpriced. */
  sourceRef: string;
  assumption: string;
  /** Set when the monthly figure is not simply quantity × unit price (tiered prices). */
  pricingNote: string;
}

export interface CostResourceView {
  resourceName: string;
  service: string;
  monthly: string;
  complete: boolean;
  lines: CostLineView[];
}

export interface PriceSourceView {
  ref: string;
  description: string;
  file: string;
  publishedAt: string;
}

export interface DerivationRuleView {
  id: string;
  text: string;
}

export interface CheckView {
  ruleId: string;
  title: string;
  status: CheckStatus;
  statusLabel: string;
  severity: RuleSeverity;
  severityLabel: string;
  controls: string;
  detail: string;
  fix: string;
  suppression: string;
}

export interface HaComparisonView {
  title: string;
  summary: string;
  selected: boolean;
  highlyAvailable: string;
  monthly: string;
  /** Against the proposed pattern: "+$1,234.56", "−$80.00", or "Proposed". */
  delta: string;
  database: string;
  rpo: string;
  rto: string;
  serverFailure: string;
  azFailure: string;
  licences: string;
  fits: string;
  fitReasons: string[];
  constraints: string[];
  checks: string;
  checksTone: 'good' | 'bad';
}

export interface ProposalViewModel {
  meta: {
    documentTitle: string;
    paper: PaperSize;
    generatedAt: string;
    generatedOn: string;
    region: string;
    generator: string;
  };
  cover: {
    eyebrow: string;
    projectName: string;
    customer: string;
    preparedBy: string;
    date: string;
    region: string;
    subtitle: string;
  };
  summary: SectionHeading & {
    paragraphs: string[];
    keyFigures: KeyFigure[];
    haPattern: { label: string; description: string };
    security: { headline: string; tone: 'good' | 'attention' | 'bad' };
    notes: string[];
  };
  estate: SectionHeading & {
    intro: string;
    rows: EstateRow[];
    total: EstateRow;
    source: string;
    notes: string[];
  };
  sizing: SectionHeading & { intro: string; rows: SizingRow[]; hasDerived: boolean; derivedNote: string };
  diagram: SectionHeading & { intro: string; svg: string; caption: string };
  /** The SQL Server HA patterns side by side; null when not computed or the design has no SQL Server. */
  haComparison: (SectionHeading & { intro: string; rows: HaComparisonView[]; note: string }) | null;
  costs: SectionHeading & {
    intro: string;
    totals: { monthly: string; yearly: string; upfront: string };
    isLowerBound: boolean;
    lowerBoundNote: string;
    byService: { service: string; monthly: string; share: string }[];
    byResource: CostResourceView[];
    sources: PriceSourceView[];
    priceSource: string;
    derivedCount: string;
    derivationRules: DerivationRuleView[];
  };
  security: SectionHeading & {
    intro: string;
    counts: { label: string; value: string; status: CheckStatus }[];
    checks: CheckView[];
  };
  assumptions: SectionHeading & {
    items: string[];
    priceSource: string;
    hoursPerMonth: string;
    derivationRules: DerivationRuleView[];
  };
  nextSteps: SectionHeading & { items: { title: string; detail: string }[] };
}

/** How each role reads in a table cell, in a group heading and in a sentence ("2 RPA control room servers"). */
const ROLE_TEXT: Record<ServerRole, { label: string; group: string; one: string; many: string }> = {
  bot: { label: 'RPA bot runner', group: 'RPA bot runners', one: 'RPA bot runner', many: 'RPA bot runners' },
  'control-room': {
    label: 'RPA control room',
    group: 'RPA control room',
    one: 'RPA control room server',
    many: 'RPA control room servers',
  },
  sql: {
    label: 'SQL Server',
    group: 'SQL Server',
    one: 'SQL Server database server',
    many: 'SQL Server database servers',
  },
  web: { label: 'Web server', group: 'Web servers', one: 'web server', many: 'web servers' },
  app: {
    label: 'Application server',
    group: 'Application servers',
    one: 'application server',
    many: 'application servers',
  },
  other: { label: 'Other server', group: 'Other servers', one: 'other server', many: 'other servers' },
};
const ROLE_ORDER: readonly ServerRole[] = ['control-room', 'bot', 'sql', 'web', 'app', 'other'];

const STATUS_LABEL: Record<CheckStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  manual: 'To confirm',
  suppressed: 'Accepted risk',
};
const SEVERITY_LABEL: Record<RuleSeverity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};
const CONTROL_LABEL: Record<keyof ControlRefs, string> = {
  fsbp: 'AWS FSBP',
  cis: 'CIS',
  cfnNag: 'cfn-nag',
  checkov: 'Checkov',
};

const CONFIDENCE_LABEL: Record<SizingResult['confidence'], string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

const DASH = '—';

/** Share of the total with one decimal; a small but real cost shows as "<0.1%", never "0%". */
function formatShare(percent: Money): string {
  if (percent.gt(0) && percent.lt(0.05)) return '<0.1%';
  return `${percent.toDecimalPlaces(1, Money.ROUND_HALF_UP).toFixed(1)}%`;
}

function heading(number: number, title: string, anchor: string): SectionHeading {
  return { number: String(number), title, anchor };
}

function spec(vcpu: number, memoryGib: number): string {
  return `${formatNumber(vcpu)} vCPU · ${formatNumber(memoryGib)} GiB`;
}

function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function haPatternOf(project: Project, sqlCount: number): { label: string; description: string } {
  const { sqlHa, azCount, natGateways } = project.options;
  const azs = `${azCount} Availability Zones`;
  const nat = natGateways === 'per-az' ? 'a NAT gateway in each zone' : 'a single shared NAT gateway';
  if (sqlCount === 0)
    return {
      label: `Multi-AZ (${azCount} zones)`,
      description: `Servers are spread across ${azs} with ${nat}; the design has no SQL Server.`,
    };
  if (sqlHa === 'always-on-ag') {
    return {
      label: 'SQL Server Always On availability group',
      description: `SQL Server runs as an Always On availability group with synchronous-commit replicas in separate Availability Zones, so the database survives the loss of a zone. Application servers are spread across ${azs} with ${nat}.`,
    };
  }
  if (sqlHa === 'single-instance') {
    return {
      label: 'Single SQL Server instance',
      description: `SQL Server runs as a single instance with scheduled backups to S3; it is not highly available and a zone failure means restoring from backup. Application servers are spread across ${azs} with ${nat}.`,
    };
  }
  const pattern = haPattern(sqlHa);
  return {
    label: pattern.title,
    description: `${pattern.summary} ${pattern.azFailure} Application servers are spread across ${azs} with ${nat}.`,
  };
}

function haComparisonView(row: HaComparisonRow): HaComparisonView {
  const delta = new Money(row.deltaMonthlyUsd);
  return {
    title: row.title,
    summary: row.summary,
    selected: row.selected,
    highlyAvailable: row.highlyAvailable ? 'Yes' : 'No',
    monthly: `${formatUsd(row.monthlyUsd)}${row.linesWithoutPrice > 0 ? ' +' : ''}`,
    delta: row.selected ? 'Proposed' : delta.isZero() ? DASH : `${delta.gt(0) ? '+' : ''}${formatUsd(delta)}`,
    database: formatUsd(row.databaseMonthlyUsd),
    rpo: row.rpo,
    rto: row.rto,
    serverFailure: row.serverFailure,
    azFailure: row.azFailure,
    licences: row.licences.map((l) => l.text).join('; ') || DASH,
    fits: row.fits ? 'Fits' : 'Does not fit',
    fitReasons: row.fitReasons,
    constraints: row.constraints,
    checks:
      row.failingChecks.length === 0
        ? 'All automatic checks pass'
        : row.failingChecks.map((c) => `${c.ruleId} fails: ${c.detail}`).join(' '),
    checksTone: row.failingChecks.length === 0 ? 'good' : 'bad',
  };
}

function controlsText(controls: ControlRefs): string {
  const parts: string[] = [];
  for (const key of Object.keys(CONTROL_LABEL) as (keyof ControlRefs)[]) {
    const ids = controls[key];
    if (ids && ids.length > 0) parts.push(`${CONTROL_LABEL[key]} ${ids.join(', ')}`);
  }
  return parts.length > 0 ? parts.join(' · ') : DASH;
}

function securityHeadline(checks: readonly CheckResult[]): {
  headline: string;
  tone: 'good' | 'attention' | 'bad';
} {
  const counts = summarizeChecks(checks);
  const automatic = checks.length - counts.manual;
  const failing = checks.filter((c) => c.status === 'fail');
  const serious = failing.filter((c) => c.severity === 'critical' || c.severity === 'high').length;
  const toConfirm =
    counts.manual > 0 ? `; ${plural(counts.manual, 'account setting')} to confirm with you` : '';
  if (failing.length > 0) {
    return {
      headline: `${plural(failing.length, 'check')} of ${automatic} fail${failing.length === 1 ? 's' : ''}${serious > 0 ? ` (${serious} critical or high)` : ''}${toConfirm}.`,
      tone: serious > 0 ? 'bad' : 'attention',
    };
  }
  const headline =
    counts.suppressed > 0
      ? `${counts.pass} of ${automatic} automatic checks pass and ${counts.suppressed} ${counts.suppressed === 1 ? 'is an accepted risk' : 'are accepted risks'}, documented with an owner and a review date${toConfirm}.`
      : `All ${automatic} automatic checks pass${toConfirm}.`;
  return { headline, tone: counts.manual > 0 || counts.suppressed > 0 ? 'attention' : 'good' };
}

function describePrices(priceBook: PriceBookDescription): string {
  if (priceBook.kind === 'live')
    return `AWS Price List API for ${priceBook.region}, fetched ${formatDate(priceBook.fetchedAt)}.`;
  return `AWS public price files for ${priceBook.region}, bundled with Architecture Planner (snapshot built ${formatDate(priceBook.pricesAsOf)}). The price sources in the cost breakdown give AWS’s own publication date of each file.`;
}

function derivationRulesOf(priceBook: PriceBookDescription, used: ReadonlySet<string>): DerivationRuleView[] {
  if (priceBook.kind !== 'snapshot') return [];
  return priceBook.derivationRules.filter((r) => used.has(r.id)).map((r) => ({ id: r.id, text: r.text }));
}

/** Sources the estimate used, numbered in order of first use so lines can refer to them. */
function collectSources(
  lines: readonly EstimateLine[],
  priceBook: PriceBookDescription,
): { views: PriceSourceView[]; refOf: (s: PriceSource) => string } {
  const refs = new Map<string, string>();
  const views: PriceSourceView[] = [];
  const keyOf = (s: PriceSource): string =>
    s.kind === 'snapshot' ? `snapshot:${s.sourceId}` : `live:${s.fetchedAt}`;
  for (const line of lines) {
    const s = line.source;
    if (!s || refs.has(keyOf(s))) continue;
    const ref = String(views.length + 1);
    refs.set(keyOf(s), ref);
    if (s.kind === 'snapshot') {
      const described =
        priceBook.kind === 'snapshot' ? priceBook.sources.find((x) => x.id === s.sourceId) : undefined;
      views.push({
        ref,
        description: described?.description ?? s.sourceId,
        file: s.sourceFile,
        publishedAt: s.publishedAt ? formatDate(s.publishedAt) : 'not stated by AWS',
      });
    } else {
      views.push({
        ref,
        description: 'Live AWS Price List API (GetProducts)',
        file: DASH,
        publishedAt: `fetched ${formatDate(s.fetchedAt)}`,
      });
    }
  }
  return { views, refOf: (s) => refs.get(keyOf(s)) ?? '' };
}

function costLine(line: EstimateLine, refOf: (s: PriceSource) => string): CostLineView {
  const derived = line.source?.kind === 'snapshot' ? line.source.derived : null;
  const priced = line.unitPriceUsd !== null && line.monthlyUsd !== null;
  let pricingNote = '';
  if (priced && /^\d+(\.\d+)?$/.test(line.quantity)) {
    const straight = toCents(new Money(line.quantity).times(line.unitPriceUsd as string));
    if (straight !== line.monthlyUsd)
      pricingNote = `Tiered price: ${formatUnitPrice(line.unitPriceUsd as string)} is the first tier’s rate.`;
  }
  return {
    component: line.component,
    quantity: formatQuantity(line.quantity, line.unit),
    unitPrice: priced
      ? `${formatUnitPrice(line.unitPriceUsd as string)} per ${singularUnit(line.unit)}`
      : DASH,
    monthly: priced ? formatUsd(line.monthlyUsd as string) : 'No price',
    priced,
    missingPrice: line.priceNotFound
      ? `${line.priceNotFound.reason}. Not included in the totals.`
      : priced
        ? ''
        : 'No price found. Not included in the totals.',
    derived: derived !== null,
    // Rate codes stay in estimate.json and estimate.csv; on paper they only crowd the line.
    derivation: derived
      ? `${derived.rule}: ${derived.inputs.map((i) => i.replace(/\s*\(rate code [^)]*\)/, '')).join(' + ')}`
      : '',
    sourceRef: line.source ? refOf(line.source) : '',
    assumption: line.assumption ?? '',
    pricingNote,
  };
}

function estateRow(role: string, servers: readonly Project['inventory']['servers'][number][]): EstateRow {
  const cpu = servers.map((s) => s.cpu.p95).filter((v): v is number => v !== null);
  const mem = servers.map((s) => s.memory.p95).filter((v): v is number => v !== null);
  const measured = servers.filter((s) => s.cpu.p95 !== null || s.memory.p95 !== null).length;
  const avgCpu = average(cpu);
  const avgMem = average(mem);
  return {
    role,
    servers: formatNumber(servers.length),
    vcpu: formatNumber(servers.reduce((a, s) => a + s.vcpu, 0)),
    memoryGib: formatNumber(servers.reduce((a, s) => a + s.memoryGib, 0)),
    storageGib: formatNumber(servers.reduce((a, s) => a + s.storageGib, 0)),
    cpuP95: avgCpu === null ? DASH : formatPercent(avgCpu),
    memoryP95: avgMem === null ? DASH : formatPercent(avgMem),
    measured: `${measured} of ${servers.length}`,
  };
}

function utilizationText(s: SizingResult): string {
  const cpu = s.utilization.cpuPct === null ? 'CPU n/a' : `${formatPercent(s.utilization.cpuPct)} CPU`;
  const mem =
    s.utilization.memoryPct === null ? 'mem. n/a' : `${formatPercent(s.utilization.memoryPct)} mem.`;
  return `${s.utilization.percentile}: ${cpu}, ${mem}`;
}

function instanceLine(lines: readonly EstimateLine[], nodeId: string): EstimateLine | undefined {
  return lines.find((l) => l.resourceId === nodeId && l.service === 'Amazon EC2');
}

function sizingRows(project: Project, analysis: ProjectAnalysis): SizingRow[] {
  const instances = nodesOfKind(project.topology, 'ec2-instance');
  const byServer = new Map<string, Ec2Node>();
  for (const n of instances) if (n.serverId !== null) byServer.set(n.serverId, n);
  const priceOf = (
    node: Ec2Node | undefined,
    s: SizingResult | undefined,
  ): { hourly: string; monthly: string; derived: boolean } => {
    const line = node ? instanceLine(analysis.estimate.lines, node.id) : undefined;
    if (line && line.unitPriceUsd !== null && line.monthlyUsd !== null) {
      return {
        hourly: formatUnitPrice(line.unitPriceUsd),
        monthly: formatUsd(line.monthlyUsd),
        derived: line.source?.kind === 'snapshot' && line.source.derived !== null,
      };
    }
    if (!line && s?.chosen) {
      return {
        hourly: formatUnitPrice(s.chosen.hourlyUsd),
        monthly: formatUsd(new Money(s.chosen.hourlyUsd).times(HOURS_PER_MONTH)),
        derived: s.chosen.derivedPrice,
      };
    }
    return { hourly: 'No price', monthly: 'No price', derived: false };
  };
  // SQL Servers the pattern does not run on EC2: on RDS, or (one instance per pair) not deployed.
  const rdsByServer = new Map<string, NodeOfKind<'rds-sql-server'>>();
  for (const db of nodesOfKind(project.topology, 'rds-sql-server'))
    for (const id of db.serverIds) rdsByServer.set(id, db);
  const rdsMonthly = monthlyByResource(analysis.estimate);
  const pairFirst = new Map<string, string>();
  for (const c of sqlClusters(project.inventory))
    for (const server of c.servers.slice(1)) pairFirst.set(server.id, c.servers[0]?.name ?? '');
  const rows: SizingRow[] = analysis.sizing.map((s) => {
    const node = byServer.get(s.serverId);
    const db = node ? undefined : rdsByServer.get(s.serverId);
    if (!node && s.role === 'sql' && s.chosen && (db || pairFirst.has(s.serverId))) {
      const first = db ? db.serverIds[0] === s.serverId : false;
      const monthly = db && first ? rdsMonthly.get(db.id) : undefined;
      return {
        server: s.server,
        role: ROLE_TEXT[s.role].label,
        current: spec(s.current.vcpu, s.current.memoryGib),
        utilization: utilizationText(s),
        required: spec(s.required.vcpu, s.required.memoryGib),
        instanceType: db ? db.instanceClass : 'Not deployed',
        instanceSpec: '',
        hourlyPrice: DASH,
        monthlyPrice: monthly !== undefined ? formatUsd(monthly) : DASH,
        derivedPrice: false,
        confidence: CONFIDENCE_LABEL[s.confidence],
        rationale: s.rationale,
        note: db
          ? first
            ? `Runs on Amazon RDS for SQL Server${db.multiAz ? ' (Multi-AZ: the standby is in the price)' : ''}; the monthly figure is the whole DB instance.`
            : 'Its databases move to the same RDS DB instance as its on-premises partner.'
          : `Not deployed with a single SQL Server per pair: its databases run on ${pairFirst.get(s.serverId) ?? 'its partner'}.`,
        unsized: false,
      };
    }
    const deployedType = node?.instanceType ?? s.chosen?.instanceType ?? null;
    const unsized = s.chosen === null;
    const price = priceOf(node, s);
    let note = '';
    if (unsized) note = 'No instance type fits the requirement; see the rationale.';
    else if (node && s.chosen && node.instanceType !== s.chosen.instanceType) {
      note = `Deployed as ${node.instanceType}, not ${s.chosen.instanceType}: every replica of the availability group must be able to take over the primary’s load.`;
    }
    const deployedSpec =
      node && s.chosen && node.instanceType !== s.chosen.instanceType
        ? ''
        : s.chosen
          ? spec(s.chosen.vcpu, s.chosen.memoryGib)
          : '';
    return {
      server: s.server,
      role: ROLE_TEXT[s.role].label,
      current: spec(s.current.vcpu, s.current.memoryGib),
      utilization: utilizationText(s),
      required: spec(s.required.vcpu, s.required.memoryGib),
      instanceType: unsized ? 'None fits' : (deployedType ?? DASH),
      instanceSpec: deployedSpec,
      hourlyPrice: unsized ? DASH : price.hourly,
      monthlyPrice: unsized ? DASH : price.monthly,
      derivedPrice: !unsized && price.derived,
      confidence: CONFIDENCE_LABEL[s.confidence],
      rationale: s.rationale,
      note,
      unsized,
    };
  });
  // Instances the design adds (a second replica for a lone SQL Server) have no inventory row; a
  // replica needs what its primary needs.
  const sizingById = new Map(analysis.sizing.map((s) => [s.serverId, s]));
  const primary = instances.find((n) => n.role === 'sql' && n.haRole === 'primary');
  for (const node of instances.filter((n) => n.serverId === null)) {
    const price = priceOf(node, undefined);
    const isReplica = node.role === 'sql' && node.haRole === 'secondary' && primary !== undefined;
    const basis = isReplica && primary.serverId !== null ? sizingById.get(primary.serverId) : undefined;
    rows.push({
      server: node.name,
      role: ROLE_TEXT[node.role].label,
      current: 'New',
      utilization: DASH,
      required: basis ? spec(basis.required.vcpu, basis.required.memoryGib) : DASH,
      instanceType: node.instanceType,
      instanceSpec: '',
      hourlyPrice: price.hourly,
      monthlyPrice: price.monthly,
      derivedPrice: price.derived,
      confidence: basis ? CONFIDENCE_LABEL[basis.confidence] : DASH,
      rationale: isReplica
        ? `Added by the design: a secondary replica of ${primary.name} in ${node.zone}, so SQL Server survives the loss of an Availability Zone. Same type as the primary, which it must be able to replace.`
        : `Added by the design in ${node.zone}.`,
      note: '',
      unsized: false,
    });
  }
  return rows;
}

function nextStepsOf(
  project: Project,
  analysis: ProjectAnalysis,
  priceBook: PriceBookDescription,
): { title: string; detail: string }[] {
  const steps: { title: string; detail: string }[] = [];
  const failing = analysis.checks.filter((c) => c.status === 'fail');
  if (failing.length > 0) {
    steps.push({
      title: 'Close the failing security checks',
      detail: `${joinWithAnd(failing.map((c) => `${c.ruleId} (${lowerFirst(c.title)})`))}; each has a fix in the security section.`,
    });
  }
  const manual = analysis.checks.filter((c) => c.status === 'manual');
  if (manual.length > 0) {
    steps.push({
      title: 'Confirm the account settings with us',
      detail: `${joinWithAnd(manual.map((c) => `${c.ruleId} (${lowerFirst(c.title)})`))}: these sit outside the design and are confirmed together before go-live.`,
    });
  }
  const unsure = analysis.sizing.filter((s) => s.confidence !== 'high');
  if (unsure.length > 0) {
    steps.push({
      title: 'Share utilisation figures for the remaining servers',
      detail: `${joinWithAnd(unsure.map((s) => s.server))} ${unsure.length === 1 ? 'was' : 'were'} sized without full 95th-percentile CPU and memory figures; two weeks of monitoring data would firm up the sizing.`,
    });
  }
  if (analysis.estimate.totals.linesWithoutPrice > 0) {
    steps.push({
      title: 'Complete the price list',
      detail: `${plural(analysis.estimate.totals.linesWithoutPrice, 'cost line')} had no price; refreshing prices from the AWS Price List API completes the estimate.`,
    });
  }
  if (priceBook.kind === 'snapshot') {
    steps.push({
      title: 'Confirm prices before ordering',
      detail:
        'Prices come from a bundled AWS price snapshot; we refresh them from the AWS Price List API when the scope is agreed, and review Savings Plans or Reserved Instances for steady workloads.',
    });
  }
  steps.push({
    title: 'Review the design together',
    detail: `Walk through the architecture, the sizing of ${plural(analysis.sizing.length, 'server')} and the security posture, and agree the scope and the migration waves.`,
  });
  steps.push({
    title: 'Deploy a pilot',
    detail: `Deploy the CloudFormation templates into a test account in ${project.options.region}, migrate one bot runner and the control room, and measure before the production cut-over.`,
  });
  return steps;
}

/**
 * Builds the proposal view model. Money is formatted from the estimate's exact decimal strings
 * (formatUsd), so every total printed equals the estimate's to the cent; `generatedAt` is an ISO
 * timestamp supplied by the caller (core reads no clock).
 */
export function buildProposal(
  project: Project,
  analysis: ProjectAnalysis,
  priceBook: PriceBookDescription,
  generatedAt: string,
  options: ProposalOptions = {},
): ProposalViewModel {
  // Checked at run time too: the value ends up in the template's CSS.
  const paper: PaperSize = options.paper === 'Letter' ? 'Letter' : 'A4';
  const info = project.project;
  const servers = project.inventory.servers;
  const estimate = analysis.estimate;
  const instances = nodesOfKind(project.topology, 'ec2-instance');
  const sqlCount = instances.filter((n) => n.role === 'sql').length;
  const date = formatDate(generatedAt);
  const region = project.options.region;
  const totals = {
    monthly: formatUsd(estimate.totals.monthlyUsd),
    yearly: formatUsd(estimate.totals.yearlyUsd),
    upfront: formatUsd(estimate.totals.upfrontUsd),
  };
  const isLowerBound = estimate.totals.linesWithoutPrice > 0;
  const lowerBoundNote = isLowerBound
    ? `${plural(estimate.totals.linesWithoutPrice, 'cost line')} had no price and ${estimate.totals.linesWithoutPrice === 1 ? 'is' : 'are'} not in the totals, so the totals are a lower bound.`
    : '';
  const rdsCount = nodesOfKind(project.topology, 'rds-sql-server').length;
  const hasSql = sqlCount + rdsCount > 0;
  const ha = haPatternOf(project, sqlCount + rdsCount);
  const security = securityHeadline(analysis.checks);

  // Sections, numbered in print order.
  let n = 0;
  const next = (title: string, anchor: string): SectionHeading => heading(++n, title, anchor);
  const summaryHeading = next('Executive summary', 'summary');
  const estateHeading = next('Current estate', 'estate');
  const sizingHeading = next('Sizing', 'sizing');
  const diagramHeading = next('Architecture', 'architecture');
  const haRows = hasSql ? (analysis.haPatterns ?? []) : [];
  const haHeading = haRows.length > 0 ? next('SQL Server high availability', 'sql-ha') : null;
  const costsHeading = next('Cost breakdown', 'costs');
  const securityHeading = next('Security posture', 'security');
  const assumptionsHeading = next('Assumptions', 'assumptions');
  const nextStepsHeading = next('Next steps', 'next-steps');

  const byRole = ROLE_ORDER.map((role) => ({ role, list: servers.filter((s) => s.role === role) })).filter(
    (g) => g.list.length > 0,
  );
  const roleSummary = joinWithAnd(
    byRole.map((g) => plural(g.list.length, ROLE_TEXT[g.role].one, ROLE_TEXT[g.role].many)),
  );
  const customerOwn = info.customer.trim() !== '' ? `${info.customer.trim()}’s` : 'your';

  const paragraphs = [
    `We propose to move ${customerOwn} ${plural(servers.length, 'server')}${roleSummary ? ` (${roleSummary})` : ''} to ${plural(instances.length, 'Amazon EC2 instance')} running Windows Server in the AWS ${region} Region. Every instance is sized from its measured 95th-percentile use plus ${formatPercent((project.options.headroom - 1) * 100)} headroom${placementSentence(project)}`,
    `${ha.description}`,
    `The estimated run cost is ${totals.monthly} a month (${totals.yearly} a year) at ${estimate.purchaseOption} prices, ${HOURS_PER_MONTH} hours a month.${isLowerBound ? ` ${lowerBoundNote}` : ''} ${security.headline}`,
  ];

  const summaryNotes: string[] = [];
  if (estimate.totals.linesWithDerivedPrice > 0)
    summaryNotes.push(
      `${plural(estimate.totals.linesWithDerivedPrice, 'price')} ${estimate.totals.linesWithDerivedPrice === 1 ? 'is' : 'are'} derived from published AWS rates rather than read from a price list; the assumptions section gives the rule.`,
    );

  const keyFigures: KeyFigure[] = [
    {
      label: 'Monthly run cost',
      value: totals.monthly,
      note: isLowerBound
        ? 'lower bound: some lines unpriced'
        : `${estimate.purchaseOption}, ${HOURS_PER_MONTH} h a month`,
    },
    { label: 'Yearly run cost', value: totals.yearly, note: '12 × monthly' },
    {
      label: 'Servers',
      value: formatNumber(servers.length),
      note: `${plural(instances.length, 'EC2 instance')} in the design`,
    },
    {
      label: 'Availability',
      value: `${project.options.azCount} zones`,
      note: hasSql ? ha.label : 'multi-AZ',
    },
  ];

  const total = estateRow('Total', servers);
  const unmeasured = servers.filter((s) => s.cpu.p95 === null && s.memory.p95 === null).map((s) => s.name);
  const estateNotes: string[] = [];
  if (unmeasured.length > 0)
    estateNotes.push(`No utilisation figures for ${joinWithAnd(unmeasured)}: sized on allocated capacity.`);
  const imported = project.inventory.importedFrom;

  const rows = sizingRows(project, analysis);
  const { views: sources, refOf } = collectSources(estimate.lines, priceBook);
  const usedRules = new Set<string>();
  for (const l of estimate.lines)
    if (l.source?.kind === 'snapshot' && l.source.derived) usedRules.add(l.source.derived.rule);
  const derivationRules = derivationRulesOf(priceBook, usedRules);

  const pricedTotal = new Money(estimate.totals.monthlyUsd);
  const byService = monthlyByService(estimate).map((s) => ({
    service: s.service,
    monthly: formatUsd(s.monthlyUsd),
    share: pricedTotal.isZero() ? DASH : formatShare(new Money(s.monthlyUsd).div(pricedTotal).times(100)),
  }));
  const resourceTotals = monthlyByResource(estimate);
  const resourceOrder: string[] = [];
  for (const l of estimate.lines) if (!resourceOrder.includes(l.resourceId)) resourceOrder.push(l.resourceId);
  const byResource: CostResourceView[] = resourceOrder.map((id) => {
    const lines = estimate.lines.filter((l) => l.resourceId === id);
    const first = lines[0] as EstimateLine;
    const complete = lines.every((l) => l.monthlyUsd !== null);
    const subtotal = resourceTotals.get(id);
    return {
      resourceName: first.resourceName,
      service: first.service,
      monthly:
        subtotal === undefined
          ? 'No price'
          : complete
            ? formatUsd(subtotal)
            : `${formatUsd(subtotal)} + unpriced`,
      complete,
      lines: lines.map((l) => costLine(l, refOf)),
    };
  });

  const counts = summarizeChecks(analysis.checks);
  const checks: CheckView[] = analysis.checks.map((c) => ({
    ruleId: c.ruleId,
    title: c.title,
    status: c.status,
    statusLabel: STATUS_LABEL[c.status],
    severity: c.severity,
    severityLabel: SEVERITY_LABEL[c.severity],
    controls: controlsText(c.controls),
    detail: c.detail,
    fix: c.fix ?? '',
    suppression: c.suppression
      ? `Accepted by ${c.suppression.owner} until ${formatDate(c.suppression.reviewBy)}: ${c.suppression.justification}`
      : '',
  }));

  const priceSource = describePrices(priceBook);
  const assumptionItems = [
    ...estimate.assumptions,
    `Prices in US dollars, ${estimate.purchaseOption}, excluding taxes, support plans and data transfer not listed.`,
    `Sizing adds ${formatPercent((project.options.headroom - 1) * 100)} headroom over the 95th-percentile utilisation the inventory reports.`,
  ];

  const costs = {
    ...costsHeading,
    intro: `Monthly costs in ${region}, priced line by line: quantity × unit price, rounded to the cent. The totals add the rounded lines.`,
    totals,
    isLowerBound,
    lowerBoundNote,
    byService,
    byResource,
    sources,
    priceSource,
    derivedCount:
      estimate.totals.linesWithDerivedPrice > 0
        ? `${plural(estimate.totals.linesWithDerivedPrice, 'line')} use${estimate.totals.linesWithDerivedPrice === 1 ? 's' : ''} a derived price (marked “derived”).`
        : '',
    derivationRules,
  };

  return {
    meta: {
      documentTitle: `${info.name} — AWS architecture proposal`,
      paper,
      generatedAt,
      generatedOn: date,
      region,
      generator: 'Architecture Planner',
    },
    cover: {
      eyebrow: 'AWS architecture proposal',
      projectName: info.name,
      customer: info.customer,
      preparedBy: info.preparedBy,
      date,
      region,
      subtitle: `Windows and SQL Server workloads on AWS, ${region}`,
    },
    summary: { ...summaryHeading, paragraphs, keyFigures, haPattern: ha, security, notes: summaryNotes },
    estate: {
      ...estateHeading,
      intro: `The inventory lists ${plural(servers.length, 'server')} with ${formatNumber(servers.reduce((a, s) => a + s.vcpu, 0))} vCPU and ${formatNumber(servers.reduce((a, s) => a + s.memoryGib, 0))} GiB of memory in total. Utilisation is the average of the servers’ 95th-percentile figures.`,
      rows: byRole.map((g) => estateRow(ROLE_TEXT[g.role].group, g.list)),
      total,
      source: imported
        ? `Source: ${imported.fileName}, imported ${formatDate(imported.importedAt)}.`
        : 'Source: entered in Architecture Planner.',
      notes: estateNotes,
    },
    sizing: {
      ...sizingHeading,
      intro: `Each server gets the cheapest current-generation Windows instance with at least the vCPU and memory it needs: measured 95th-percentile use × ${project.options.headroom} headroom, with floors for Windows Server and SQL Server licensing. Prices are per hour, License Included (Windows${sqlCount > 0 ? ' and SQL Server' : ''}).`,
      rows,
      hasDerived: rows.some((r) => r.derivedPrice),
      derivedNote:
        'Prices marked “derived” are computed from published AWS rates by the rule in the assumptions section, not read from a price list.',
    },
    diagram: {
      ...diagramHeading,
      intro: `The proposed design in ${region}: a VPC across ${project.options.azCount} Availability Zones with public, application and data subnets in each. Monthly costs are shown on each resource.`,
      svg: renderDiagramSvg(project.topology, project.layout, resourceTotals),
      caption:
        'Solid lines carry traffic, dashed lines database replication and dotted lines backups. Regional and account services (backups, keys, audit, operations) are in the boxes beside the VPC; WAF and the link to the data centre face it from the left.',
    },
    haComparison: haHeading
      ? {
          ...haHeading,
          intro: `What happens when a server or an Availability Zone fails, and what it costs, for each way of running SQL Server. Monthly figures are for the whole design at ${estimate.purchaseOption} prices. The proposed design uses: ${haPattern(project.options.sqlHa).title}.`,
          rows: haRows.map(haComparisonView),
          note: haRows.some((r) => r.linesWithoutPrice > 0)
            ? 'Some cost lines have no price; those totals are lower bounds.'
            : '',
        }
      : null,
    costs,
    security: {
      ...securityHeading,
      intro: `The design is checked against ${plural(analysis.checks.length, 'rule')} drawn from the AWS Foundational Security Best Practices, the CIS AWS Foundations Benchmark and the customer’s own requirements. ${security.headline}`,
      counts: (['pass', 'fail', 'manual', 'suppressed'] as const).map((s) => ({
        label: STATUS_LABEL[s],
        value: String(counts[s]),
        status: s,
      })),
      checks,
    },
    assumptions: {
      ...assumptionsHeading,
      items: assumptionItems,
      priceSource,
      hoursPerMonth: String(HOURS_PER_MONTH),
      derivationRules,
    },
    nextSteps: { ...nextStepsHeading, items: nextStepsOf(project, analysis, priceBook) },
  };
}

/** What the design does about exposure, stated only where the topology bears it out. */
function placementSentence(project: Project): string {
  const byId = new Map(project.topology.nodes.map((node) => [node.id, node]));
  const instances = nodesOfKind(project.topology, 'ec2-instance');
  const allPrivate =
    instances.length > 0 &&
    instances.every((i) => {
      const parent = i.parentId ? byId.get(i.parentId) : undefined;
      return !i.associatePublicIp && parent?.kind === 'subnet' && parent.tier !== 'public';
    });
  const alb = nodesOfKind(project.topology, 'load-balancer').some((lb) => lb.scheme === 'internet-facing');
  // RDP (3389) admitted from anywhere at all means administrators do use it; then the sentence would be untrue.
  const rdpOpen = project.topology.securityGroups.some((g) =>
    g.ingress.some(
      (r) =>
        (r.protocol === 'tcp' || r.protocol === 'all') &&
        (r.protocol === 'all' || (r.fromPort <= 3389 && r.toPort >= 3389)),
    ),
  );
  if (!allPrivate) return '.';
  const placed = ' and sits in a private subnet without a public IP address';
  const admin = rdpOpen ? '' : 'administrators through AWS Systems Manager instead of open RDP ports';
  if (alb)
    return `${placed}; users reach the service only through a load balancer${admin ? `, and ${admin}` : ''}.`;
  return admin
    ? `${placed}; ${admin.replace('administrators through', 'administrators work through')}.`
    : `${placed}.`;
}
