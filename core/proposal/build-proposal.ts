import type { ServerRole } from '../model/inventory';
import type { Ec2Node, NodeOfKind, TopologyNode } from '../model/topology';
import { nodesOfKind } from '../model/topology';
import type { HaComparisonRow } from '../plan/compare-ha-patterns';
import type { ProjectAnalysis } from '../plan/plan-project';
import type { PurchaseOptionSummary } from '../pricing/compare';
import type { EstimateLine } from '../pricing/estimate';
import {
  centsOf,
  formatCents,
  monthlyByResource,
  monthlyByService,
  monthlyByTier,
} from '../pricing/estimate';
import type { PriceBookDescription, PriceSource } from '../pricing/price-book';
import { purchaseOptionLabel } from '../pricing/purchase-options';
import { USAGE_KEYS, describeUsage, resolveUsage, usageOrigin } from '../pricing/usage';
import type { Project } from '../project/schema';
import type { CheckResult } from '../security/evaluate';
import { summarizeChecks } from '../security/evaluate';
import type { CheckStatus, ControlRefs, RuleSeverity } from '../security/rule';
import type { SizingResult } from '../sizing/size-server';
import { haPattern } from '../topology/ha-patterns';
import { sqlClusters } from '../topology/ha-patterns/shared';
import { HOURS_PER_MONTH, Money, formatUsd, sum, toCents } from '../util/money';
import { type Brand, type BrandColors, DEFAULT_BRAND, type IntroSection, brandCssVariables } from './brand';
import { type ChartPalette, type ChartRow, renderBarChart, renderDonutChart } from './charts-svg';
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
import type { PrintDiagram } from './print-diagram';

/**
 * The proposal as plain, pre-formatted strings: the templates (HTML and DOCX) only place them. Text
 * the user typed (project, customer and server names, justifications, brand wording) stays raw
 * here; escaping is the template engine's job (and the SVG builders' own XML escaper).
 */

export type PaperSize = 'A4' | 'Letter';

/** Per-server tables, or identical servers (and cost lines) grouped, for large estates. */
export type ProposalDetail = 'per-server' | 'grouped';

/** Above this many servers the proposal groups identical servers unless told otherwise. */
export const LARGE_ESTATE_SERVERS = 40;

export interface ProposalOptions {
  /** Page size the HTML asks for with CSS @page; the PDF printer is told the same. Default A4. */
  paper?: PaperSize;
  /** Logo, colours and wording from the architect's template folder; the built-in look without. */
  brand?: Brand;
  /**
   * The diagram to print (preparePrintDiagram: collapsed and laid out again for large designs);
   * without it, the project's own topology and layout.
   */
  diagram?: PrintDiagram;
  /** Default: 'grouped' above LARGE_ESTATE_SERVERS servers, else 'per-server'. */
  detail?: ProposalDetail;
}

export interface SectionHeading {
  /** "1", "2"… as printed before the title ("A" for the appendix). */
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
  /** The server's name, or for a group "120 × RPA bot runner". */
  server: string;
  role: string;
  /** Servers in the row: 1, or the group's size. */
  count: number;
  /** For a group: its servers' names, the first few and how many more; empty for one server. */
  members: string;
  current: string;
  utilization: string;
  required: string;
  instanceType: string;
  instanceSpec: string;
  hourlyPrice: string;
  /** For one server its monthly price; for a group the group's total. */
  monthlyPrice: string;
  /** For a group: "$430.70 each"; empty for one server. */
  monthlyEach: string;
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
  /** The resource's name, or for a group of identical resources "120 × RPA bot runners". */
  resourceName: string;
  service: string;
  /** Resources the entry stands for (1 unless grouped). */
  count: number;
  /** For a group: the resources' names, the first few and how many more. */
  members: string;
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
  /** "Accepted by … until …: justification" for a suppressed check; empty otherwise. */
  suppression: string;
  /** "Confirmed by … on …" for an attested account setting; empty otherwise. */
  attestation: string;
}

export interface SuppressionView {
  ruleId: string;
  title: string;
  severityLabel: string;
  /** The resources the accepted finding concerns, by name (capped for long lists). */
  resources: string;
  justification: string;
  owner: string;
  reviewBy: string;
}

export interface AttestationView {
  ruleId: string;
  title: string;
  statement: string;
  signedBy: string;
  date: string;
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

export interface TierView {
  tier: string;
  label: string;
  monthly: string;
  share: string;
  /** "1 line unpriced" when the tier's figure is a lower bound; empty otherwise. */
  note: string;
}

export interface ServiceView {
  service: string;
  monthly: string;
  share: string;
}

export interface PurchaseOptionView {
  label: string;
  selected: boolean;
  available: boolean;
  /** Recurring monthly, upfront once, upfront spread over the term plus recurring, and × 12. */
  monthly: string;
  upfront: string;
  effectiveMonthly: string;
  effectiveYearly: string;
  /** "12.5%" saving on the effective monthly against On-Demand; "—" when not comparable. */
  saving: string;
  /** Number of the note below the table that says why the option is unavailable or partial ("1"). */
  noteRef: string;
}

export interface UsageRowView {
  figure: string;
  origin: string;
  overridden: boolean;
}

export interface ProposalViewModel {
  meta: {
    documentTitle: string;
    paper: PaperSize;
    generatedAt: string;
    generatedOn: string;
    region: string;
    generator: string;
    detail: ProposalDetail;
    /** What a grouped proposal leaves out and where to find it; empty for per-server detail. */
    detailNote: string;
  };
  brand: {
    companyName: string;
    logo: { src: string; alt: string; width: number | null; height: number | null } | null;
    colors: BrandColors;
    /** CSS custom properties (--brand-primary…) from validated colours. */
    css: string;
  };
  cover: {
    eyebrow: string;
    projectName: string;
    customer: string;
    preparedBy: string;
    company: string;
    date: string;
    region: string;
    subtitle: string;
  };
  /** Every section in print order, for the table of contents. */
  contents: SectionHeading[];
  summary: SectionHeading & {
    intro: string;
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
  sizing: SectionHeading & {
    intro: string;
    grouped: boolean;
    rows: SizingRow[];
    hasDerived: boolean;
    derivedNote: string;
    detailNote: string;
  };
  diagram: SectionHeading & { intro: string; svg: string; caption: string; note: string };
  /** The SQL Server HA patterns side by side; null when not computed or the design has no SQL Server. */
  haComparison: (SectionHeading & { intro: string; rows: HaComparisonView[]; note: string }) | null;
  costs: SectionHeading & {
    intro: string;
    totals: { monthly: string; yearly: string; upfront: string; effectiveMonthly: string };
    purchaseOption: string;
    isLowerBound: boolean;
    lowerBoundNote: string;
    byTier: TierView[];
    byTierChart: string;
    byService: ServiceView[];
    byServiceChart: string;
    purchaseOptions: {
      intro: string;
      rows: PurchaseOptionView[];
      /** Options the price data cannot price, one entry per reason: "Standard Reserved Instance, 1 year, Partial Upfront; …". */
      unavailable: { reason: string; labels: string }[];
      chart: string;
      notes: { ref: string; text: string }[];
    } | null;
    /** Where the line-by-line detail is (the appendix). */
    detailNote: string;
    byResource: CostResourceView[];
    groupedDetail: boolean;
    sources: PriceSourceView[];
    priceSource: string;
    derivedCount: string;
    derivationRules: DerivationRuleView[];
  };
  security: SectionHeading & {
    intro: string;
    counts: { label: string; value: string; status: CheckStatus }[];
    checks: CheckView[];
    suppressions: SuppressionView[];
    attestations: AttestationView[];
  };
  assumptions: SectionHeading & {
    intro: string;
    items: string[];
    usage: { intro: string; rows: UsageRowView[] };
    priceSource: string;
    hoursPerMonth: string;
    derivationRules: DerivationRuleView[];
  };
  nextSteps: SectionHeading & { intro: string; items: { title: string; detail: string }[]; closing: string };
  /** Appendix: every cost line by resource (grouped for large estates). */
  costDetail: SectionHeading & { intro: string };
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
/** Names listed before "and N more" in a group. */
const NAMES_SHOWN = 6;

/** Share of the total with one decimal; a small but real cost shows as "<0.1%", never "0%". */
function formatShare(percent: Money): string {
  if (percent.gt(0) && percent.lt(0.05)) return '<0.1%';
  return `${percent.toDecimalPlaces(1, Money.ROUND_HALF_UP).toFixed(1)}%`;
}

function shareOf(part: string, total: Money): string {
  return total.isZero() ? DASH : formatShare(new Money(part).div(total).times(100));
}

/** "A, B, C, D, E, F and 114 more": long lists of names stay one line in print. */
export function listNames(names: readonly string[], shown = NAMES_SHOWN): string {
  if (names.length <= shown + 1) return joinWithAnd(names);
  return `${names.slice(0, shown).join(', ')} and ${formatNumber(names.length - shown)} more`;
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

/** A signed-off attestation as the proposal shows it: what was confirmed, by whom, and when. */
function attestationOf(check: CheckResult): { statement: string; signedBy: string; date: string } | null {
  const a = check.attestation;
  if (!a) return null;
  return { statement: a.note.trim(), signedBy: a.signedBy, date: formatDate(a.date) };
}

function describePrices(priceBook: PriceBookDescription): string {
  if (priceBook.kind === 'live')
    return `AWS Price List API for ${priceBook.region}, fetched ${formatDate(priceBook.fetchedAt)}.`;
  return `AWS public price files for ${priceBook.region}, bundled with Architecture Planner (snapshot built ${formatDate(priceBook.pricesAsOf)}). The price sources in the cost detail give AWS’s own publication date of each file.`;
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

/** The estimate's lines by resource, in order of first appearance. */
function linesByResource(lines: readonly EstimateLine[]): Map<string, EstimateLine[]> {
  const out = new Map<string, EstimateLine[]>();
  for (const l of lines) {
    const list = out.get(l.resourceId);
    if (list) list.push(l);
    else out.set(l.resourceId, [l]);
  }
  return out;
}

/** Sum of cent-rounded decimal strings, exactly, in integer cents. */
function sumCents(values: readonly string[]): string {
  let total = 0;
  for (const v of values) total += centsOf(v);
  return formatCents(total);
}

function resourceMonthly(lines: readonly EstimateLine[]): string {
  const priced = lines.filter((l) => l.monthlyUsd !== null);
  if (priced.length === 0) return 'No price';
  const subtotal = formatUsd(sumCents(priced.map((l) => l.monthlyUsd as string)));
  return priced.length === lines.length ? subtotal : `${subtotal} + unpriced`;
}

/** Sum of decimal quantities as text ("87600"); a non-numeric quantity keeps the first one's text. */
function sumQuantities(quantities: readonly string[]): string {
  if (!quantities.every((q) => /^\d+(\.\d+)?$/.test(q))) return quantities[0] ?? '';
  return sum(quantities.map((q) => new Money(q))).toFixed();
}

function same(values: readonly string[]): string {
  const first = values[0] ?? '';
  return values.every((v) => v === first) ? first : '';
}

/**
 * The cost detail: one entry per resource, or (grouped) one per set of resources whose lines are
 * the same components at the same unit prices — 120 identical bot runners become one entry whose
 * quantities and monthly figures are the sums. Group totals are sums of the rounded lines, so they
 * still add up to the estimate's totals to the cent.
 */
function costResources(
  estimate: ProjectAnalysis['estimate'],
  refOf: (s: PriceSource) => string,
  grouped: boolean,
  nodesById: ReadonlyMap<string, TopologyNode>,
): CostResourceView[] {
  const byResource = linesByResource(estimate.lines);
  if (!grouped) {
    return [...byResource.values()].map((lines) => {
      const first = lines[0] as EstimateLine;
      return {
        resourceName: first.resourceName,
        service: first.service,
        count: 1,
        members: '',
        monthly: resourceMonthly(lines),
        complete: lines.every((l) => l.monthlyUsd !== null),
        lines: lines.map((l) => costLine(l, refOf)),
      };
    });
  }
  const groups = new Map<string, EstimateLine[][]>();
  for (const lines of byResource.values()) {
    const first = lines[0] as EstimateLine;
    const node = nodesById.get(first.resourceId);
    const role = node?.kind === 'ec2-instance' ? node.role : '';
    const key = [
      first.service,
      first.tier,
      role,
      ...lines.map((l) => `${l.component}\u0001${l.unit}\u0001${l.unitPriceUsd ?? 'none'}`),
    ].join('\u0000');
    const list = groups.get(key);
    if (list) list.push(lines);
    else groups.set(key, [lines]);
  }
  return [...groups.values()].map((members) => {
    const first = members[0] as EstimateLine[];
    const head = first[0] as EstimateLine;
    const names = members.map((m) => (m[0] as EstimateLine).resourceName);
    const node = nodesById.get(head.resourceId);
    const count = members.length;
    const resourceName =
      count === 1
        ? head.resourceName
        : count <= 3
          ? names.join(', ')
          : node?.kind === 'ec2-instance'
            ? `${formatNumber(count)} × ${ROLE_TEXT[node.role].many}`
            : `${formatNumber(count)} × ${head.service} resources`;
    const lines = first.map((line, i) => {
      const column = members.map((m) => m[i] as EstimateLine);
      if (count === 1) return costLine(line, refOf);
      const priced = column.every((l) => l.monthlyUsd !== null);
      const merged: EstimateLine = {
        ...line,
        quantity: sumQuantities(column.map((l) => l.quantity)),
        monthlyUsd: priced ? sumCents(column.map((l) => l.monthlyUsd as string)) : null,
        assumption: same(column.map((l) => l.assumption ?? '')) || null,
      };
      const view = costLine(merged, refOf);
      // A sum of tiered lines is not quantity × first-tier rate; say "tiered" only if each line is.
      const tiered = costLine(line, refOf).pricingNote;
      return { ...view, pricingNote: tiered };
    });
    const all = members.flat();
    return {
      resourceName,
      service: head.service,
      count,
      members: count > 3 ? listNames(names) : '',
      monthly: resourceMonthly(all),
      complete: all.every((l) => l.monthlyUsd !== null),
      lines,
    };
  });
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
    measured: `${formatNumber(measured)} of ${formatNumber(servers.length)}`,
  };
}

function utilizationText(s: SizingResult): string {
  const cpu = s.utilization.cpuPct === null ? 'CPU n/a' : `${formatPercent(s.utilization.cpuPct)} CPU`;
  const mem =
    s.utilization.memoryPct === null ? 'mem. n/a' : `${formatPercent(s.utilization.memoryPct)} mem.`;
  return `${s.utilization.percentile}: ${cpu}, ${mem}`;
}

/** One server's row, with what grouping needs: a note that does not name the server, and numbers. */
interface SizingEntry {
  row: SizingRow;
  /** The note as it reads for several servers at once (no partner names); the grouping key uses it. */
  groupNote: string;
  monthly: Money | null;
  sizing: SizingResult | null;
}

function sizingEntries(
  project: Project,
  analysis: ProjectAnalysis,
  byResource: ReadonlyMap<string, EstimateLine[]>,
  resourceTotals: ReadonlyMap<string, string>,
): SizingEntry[] {
  const instances = nodesOfKind(project.topology, 'ec2-instance');
  const byServer = new Map<string, Ec2Node>();
  for (const n of instances) if (n.serverId !== null) byServer.set(n.serverId, n);
  const instanceLine = (nodeId: string): EstimateLine | undefined =>
    byResource.get(nodeId)?.find((l) => l.service === 'Amazon EC2');
  const priceOf = (
    node: Ec2Node | undefined,
    s: SizingResult | undefined,
  ): { hourly: string; monthly: Money | null; derived: boolean } => {
    const line = node ? instanceLine(node.id) : undefined;
    if (line && line.unitPriceUsd !== null && line.monthlyUsd !== null) {
      return {
        hourly: formatUnitPrice(line.unitPriceUsd),
        monthly: new Money(line.monthlyUsd),
        derived: line.source?.kind === 'snapshot' && line.source.derived !== null,
      };
    }
    if (!line && s?.chosen) {
      return {
        hourly: formatUnitPrice(s.chosen.hourlyUsd),
        monthly: new Money(toCents(new Money(s.chosen.hourlyUsd).times(HOURS_PER_MONTH))),
        derived: s.chosen.derivedPrice,
      };
    }
    return { hourly: 'No price', monthly: null, derived: false };
  };
  // SQL Servers the pattern does not run on EC2: on RDS, or (one instance per pair) not deployed.
  const rdsByServer = new Map<string, NodeOfKind<'rds-sql-server'>>();
  for (const db of nodesOfKind(project.topology, 'rds-sql-server'))
    for (const id of db.serverIds) rdsByServer.set(id, db);
  const pairFirst = new Map<string, string>();
  for (const c of sqlClusters(project.inventory))
    for (const server of c.servers.slice(1)) pairFirst.set(server.id, c.servers[0]?.name ?? '');
  const entries: SizingEntry[] = analysis.sizing.map((s) => {
    const node = byServer.get(s.serverId);
    const db = node ? undefined : rdsByServer.get(s.serverId);
    if (!node && s.role === 'sql' && s.chosen && (db || pairFirst.has(s.serverId))) {
      const first = db ? db.serverIds[0] === s.serverId : false;
      const monthly = db && first ? resourceTotals.get(db.id) : undefined;
      const note = db
        ? first
          ? `Runs on Amazon RDS for SQL Server${db.multiAz ? ' (Multi-AZ: the standby is in the price)' : ''}; the monthly figure is the whole DB instance.`
          : 'Its databases move to the same RDS DB instance as its on-premises partner.'
        : `Not deployed with a single SQL Server per pair: its databases run on ${pairFirst.get(s.serverId) ?? 'its partner'}.`;
      const groupNote = db
        ? first
          ? `Run on Amazon RDS for SQL Server${db.multiAz ? ' (Multi-AZ: the standby is in the price)' : ''}; the monthly figure is the DB instances’.`
          : 'Their databases move to the RDS DB instance of their on-premises partner.'
        : 'Not deployed with a single SQL Server per pair: their databases run on their partner.';
      return {
        row: {
          server: s.server,
          role: ROLE_TEXT[s.role].label,
          count: 1,
          members: '',
          current: spec(s.current.vcpu, s.current.memoryGib),
          utilization: utilizationText(s),
          required: spec(s.required.vcpu, s.required.memoryGib),
          instanceType: db ? db.instanceClass : 'Not deployed',
          instanceSpec: '',
          hourlyPrice: DASH,
          monthlyPrice: monthly !== undefined ? formatUsd(monthly) : DASH,
          monthlyEach: '',
          derivedPrice: false,
          confidence: CONFIDENCE_LABEL[s.confidence],
          rationale: s.rationale,
          note,
          unsized: false,
        },
        groupNote,
        monthly: monthly !== undefined ? new Money(monthly) : null,
        sizing: s,
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
      row: {
        server: s.server,
        role: ROLE_TEXT[s.role].label,
        count: 1,
        members: '',
        current: spec(s.current.vcpu, s.current.memoryGib),
        utilization: utilizationText(s),
        required: spec(s.required.vcpu, s.required.memoryGib),
        instanceType: unsized ? 'None fits' : (deployedType ?? DASH),
        instanceSpec: deployedSpec,
        hourlyPrice: unsized ? DASH : price.hourly,
        monthlyPrice: unsized ? DASH : price.monthly ? formatUsd(price.monthly) : 'No price',
        monthlyEach: '',
        derivedPrice: !unsized && price.derived,
        confidence: CONFIDENCE_LABEL[s.confidence],
        rationale: s.rationale,
        note,
        unsized,
      },
      groupNote: note,
      monthly: unsized ? null : price.monthly,
      sizing: s,
    };
  });
  // Instances the design adds (a second replica for a lone SQL Server) have no inventory row; a
  // replica needs what its primary needs.
  const sizingById = new Map(analysis.sizing.map((s) => [s.serverId, s]));
  const primary = instances.find((n) => n.role === 'sql' && n.haRole === 'primary');
  for (const node of instances) {
    if (node.serverId !== null) continue;
    const price = priceOf(node, undefined);
    const isReplica = node.role === 'sql' && node.haRole === 'secondary' && primary !== undefined;
    const basis = isReplica && primary.serverId !== null ? sizingById.get(primary.serverId) : undefined;
    entries.push({
      row: {
        server: node.name,
        role: ROLE_TEXT[node.role].label,
        count: 1,
        members: '',
        current: 'New',
        utilization: DASH,
        required: basis ? spec(basis.required.vcpu, basis.required.memoryGib) : DASH,
        instanceType: node.instanceType,
        instanceSpec: '',
        hourlyPrice: price.hourly,
        monthlyPrice: price.monthly ? formatUsd(price.monthly) : 'No price',
        monthlyEach: '',
        derivedPrice: price.derived,
        confidence: basis ? CONFIDENCE_LABEL[basis.confidence] : DASH,
        rationale: isReplica
          ? `Added by the design: a secondary replica of ${primary.name} in ${node.zone}, so SQL Server survives the loss of an Availability Zone. Same type as the primary, which it must be able to replace.`
          : `Added by the design in ${node.zone}.`,
        note: '',
        unsized: false,
      },
      groupNote: isReplica ? 'Added by the design: secondary replicas in another Availability Zone.' : '',
      monthly: price.monthly,
      sizing: null,
    });
  }
  return entries;
}

function rangeText(values: readonly number[], format: (v: number) => string): string {
  if (values.length === 0) return DASH;
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min === max ? format(min) : `${format(min)}–${format(max)}`;
}

/** "p95: CPU 10–94% (avg. 52%), mem. 30–89% (avg. 60%)" for a group of servers. */
function groupUtilization(sized: readonly SizingResult[]): string {
  if (sized.length === 0) return DASH;
  const part = (label: string, values: number[]) => {
    if (values.length === 0) return `${label} n/a`;
    const avg = average(values) as number;
    const range = rangeText(values, (v) => formatPercent(v));
    return values.length > 1 && Math.min(...values) !== Math.max(...values)
      ? `${label} ${range} (avg. ${formatPercent(avg)})`
      : `${label} ${range}`;
  };
  const cpu = sized.map((s) => s.utilization.cpuPct).filter((v): v is number => v !== null);
  const mem = sized.map((s) => s.utilization.memoryPct).filter((v): v is number => v !== null);
  return `${sized[0]?.utilization.percentile ?? ''}: ${part('CPU', cpu)}, ${part('mem.', mem)}`;
}

/**
 * Groups identical servers: same role, current size, deployed instance, price and note. Each group
 * is one row ("120 × RPA bot runner") with ranges for what differs (utilisation, requirement).
 */
function groupSizing(entries: readonly SizingEntry[], project: Project): SizingRow[] {
  const groups = new Map<string, SizingEntry[]>();
  for (const e of entries) {
    const r = e.row;
    const key = [
      r.role,
      r.current,
      r.instanceType,
      r.instanceSpec,
      r.hourlyPrice,
      String(r.unsized),
      e.groupNote,
    ].join('\u0000');
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  }
  const { percentile, headroom } = project.options;
  return [...groups.values()].map((list) => {
    const first = list[0] as SizingEntry;
    if (list.length === 1) return first.row;
    const sized = list.map((e) => e.sizing).filter((s): s is SizingResult => s !== null);
    const priced = list.map((e) => e.monthly).filter((m): m is Money => m !== null);
    const total = priced.length > 0 ? sum(priced) : null;
    const eachValues = [...new Set(priced.map((m) => m.toFixed(2)))];
    const confidence = (['high', 'medium', 'low'] as const)
      .map((c) => ({ c, k: sized.filter((s) => s.confidence === c).length }))
      .filter((x) => x.k > 0);
    const required =
      sized.length === 0
        ? first.row.required
        : `${rangeText(
            sized.map((s) => s.required.vcpu),
            formatNumber,
          )} vCPU · ${rangeText(
            sized.map((s) => s.required.memoryGib),
            formatNumber,
          )} GiB`;
    const r = first.row;
    const type = r.instanceType;
    return {
      ...r,
      server: `${formatNumber(list.length)} × ${r.role}`,
      count: list.length,
      members: listNames(list.map((e) => e.row.server)),
      utilization: sized.length > 0 ? groupUtilization(sized) : r.utilization,
      required,
      monthlyPrice:
        total === null
          ? r.monthlyPrice
          : `${formatUsd(total)}${priced.length < list.length ? ' + unpriced' : ''}`,
      monthlyEach: eachValues.length === 1 ? `${formatUsd(eachValues[0] as string)} each` : '',
      confidence:
        confidence.length === 1
          ? (CONFIDENCE_LABEL[confidence[0]?.c ?? 'high'] as string)
          : confidence.map((x) => `${CONFIDENCE_LABEL[x.c]} ${x.k}`).join(', ') || r.confidence,
      rationale:
        sized.length === 0
          ? r.rationale
          : r.unsized
            ? `No instance type fits these servers’ requirement at ${percentile} × ${headroom}; sizing.json gives each server’s reasoning.`
            : `Each needs its measured ${percentile} use × ${headroom} headroom (with the licensing floors); for every one of them the cheapest current-generation instance that fits is ${type}. sizing.json gives each server’s figures and reasoning.`,
      note: first.groupNote,
    };
  });
}

function usageRows(project: Project, estimate: ProjectAnalysis['estimate']): UsageRowView[] {
  const { usage } = resolveUsage(project.options.usageProfile, project.options.usageOverrides);
  const used = new Set(estimate.assumptions);
  const rows: UsageRowView[] = [];
  for (const key of USAGE_KEYS) {
    const text = describeUsage(usage, key);
    if (!used.has(text)) continue;
    const origin = usageOrigin(usage, key);
    rows.push({
      figure: text.endsWith(origin) ? text.slice(0, -origin.length).trimEnd() : text,
      origin: usage.overridden.has(key)
        ? 'Project override'
        : `${usage.profile[0]?.toUpperCase() ?? ''}${usage.profile.slice(1)} profile`,
      overridden: usage.overridden.has(key),
    });
  }
  return rows;
}

function purchaseOptionsView(
  options: readonly PurchaseOptionSummary[] | undefined,
  selected: string,
  palette: ChartPalette,
): ProposalViewModel['costs']['purchaseOptions'] {
  if (!options || options.length === 0) return null;
  const notes: { ref: string; text: string }[] = [];
  const refFor = (text: string): string => {
    const found = notes.find((n) => n.text === text);
    if (found) return found.ref;
    const ref = String(notes.length + 1);
    notes.push({ ref, text });
    return ref;
  };
  // Options the price data cannot price are listed once per reason under the table, not as rows of "unavailable".
  const shown = options.filter((o) => o.available || o.purchaseOption === selected);
  const unavailableGroups: { reason: string; labels: string }[] = [];
  for (const o of options) {
    if (o.available || o.purchaseOption === selected) continue;
    const bare = (o.unavailableReason ?? 'no price for some instances').replace(/[.\s]+$/, '');
    const reason = bare.charAt(0).toUpperCase() + bare.slice(1);
    const group = unavailableGroups.find((g) => g.reason === reason);
    if (group) group.labels = `${group.labels}; ${o.label}`;
    else unavailableGroups.push({ reason, labels: o.label });
  }
  const rows: PurchaseOptionView[] = shown.map((o) => {
    let note = '';
    if (!o.available)
      note = `Unavailable: ${(o.unavailableReason ?? 'no price for some instances').replace(/[.\s]+$/, '')}.`;
    else if (o.linesOnDemandInstead > 0)
      note = `${plural(o.linesOnDemandInstead, 'instance or database', 'instances or databases')} priced On-Demand: the option has no rate for ${o.linesOnDemandInstead === 1 ? 'it' : 'them'} in the price data.`;
    else if (o.linesWithoutPrice > 0)
      note = `${plural(o.linesWithoutPrice, 'line')} without a price, as in the estimate; the figures are lower bounds.`;
    const money = (v: string | null) => (v === null ? 'unavailable' : formatUsd(v));
    return {
      label: o.label,
      selected: o.purchaseOption === selected,
      available: o.available,
      monthly: money(o.monthlyUsd),
      upfront: money(o.upfrontUsd),
      effectiveMonthly: money(o.effectiveMonthlyUsd),
      effectiveYearly: money(o.effectiveYearlyUsd),
      saving:
        o.savingVsOnDemandPercent === null
          ? DASH
          : o.purchaseOption === 'on-demand'
            ? 'baseline'
            : `${o.savingVsOnDemandPercent}%`,
      noteRef: note ? refFor(note) : '',
    };
  });
  const chartRows: ChartRow[] = options
    .filter((o) => o.available && o.effectiveMonthlyUsd !== null)
    .map((o) => ({
      label: o.label,
      value: Number(o.effectiveMonthlyUsd),
      valueText: formatUsd(o.effectiveMonthlyUsd as string),
      note:
        o.purchaseOption === 'on-demand'
          ? 'baseline'
          : o.savingVsOnDemandPercent !== null
            ? `saves ${o.savingVsOnDemandPercent}%`
            : '',
      highlight: o.purchaseOption === selected,
    }));
  const unavailable = options.filter((o) => !o.available).length;
  return {
    intro: `The same design under every way of paying for EC2 and RDS instances. “Effective monthly” spreads any upfront payment over the term; the saving compares it with On-Demand. Everything that is not an instance is priced On-Demand in every column.${unavailable > 0 ? ` ${plural(unavailable, 'option')} cannot be priced from the price data used and ${unavailable === 1 ? 'is' : 'are'} listed below the table; a live price refresh completes them.` : ''}`,
    rows,
    unavailable: unavailableGroups,
    chart:
      chartRows.length > 0
        ? renderBarChart(chartRows, {
            title: 'Effective monthly cost by purchase option',
            width: 640,
            palette,
          })
        : '',
    notes,
  };
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
      detail: `${listNames(unsure.map((s) => s.server))} ${unsure.length === 1 ? 'was' : 'were'} sized without full 95th-percentile CPU and memory figures; two weeks of monitoring data would firm up the sizing.`,
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

/** The printed diagram with costs: collapsed nodes show the sum of the instances they stand for. */
function diagramSvg(
  project: Project,
  diagram: PrintDiagram | undefined,
  resourceTotals: ReadonlyMap<string, string>,
): string {
  if (!diagram) return renderDiagramSvg(project.topology, project.layout, resourceTotals);
  const costs = new Map(resourceTotals);
  for (const [id, members] of Object.entries(diagram.members)) {
    const priced = members.map((m) => resourceTotals.get(m)).filter((v): v is string => v !== undefined);
    if (priced.length > 0) costs.set(id, sum(priced.map((v) => new Money(v))).toFixed(2));
  }
  return renderDiagramSvg(diagram.topology, diagram.layout, costs, {
    stacked: new Set(Object.keys(diagram.members)),
  });
}

/**
 * Builds the proposal view model. Money is formatted from the estimate's exact decimal strings
 * (formatUsd), so every total printed equals the estimate's to the cent; `generatedAt` is an ISO
 * timestamp supplied by the caller (core reads no clock). Linear in the size of the estate: a
 * 5,000-server design builds in well under a second.
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
  const brand = options.brand ?? DEFAULT_BRAND;
  const wording = brand.wording;
  const intro = (section: IntroSection, fallback: string): string => wording.intros?.[section] ?? fallback;
  const palette: ChartPalette = {
    primary: brand.colors.primary,
    accent: brand.colors.accent,
    highlight: brand.colors.highlight,
    ink: brand.colors.text,
    muted: '#5F6B7A',
  };
  const info = project.project;
  const servers = project.inventory.servers;
  const estimate = analysis.estimate;
  const instances = nodesOfKind(project.topology, 'ec2-instance');
  const nodesById = new Map(project.topology.nodes.map((nd) => [nd.id, nd]));
  const sqlCount = instances.filter((n) => n.role === 'sql').length;
  const detail: ProposalDetail =
    options.detail ?? (servers.length > LARGE_ESTATE_SERVERS ? 'grouped' : 'per-server');
  const grouped = detail === 'grouped';
  const date = formatDate(generatedAt);
  const region = project.options.region;
  const optionLabel = purchaseOptionLabel(estimate.purchaseOption);
  const totals = {
    monthly: formatUsd(estimate.totals.monthlyUsd),
    yearly: formatUsd(estimate.totals.yearlyUsd),
    upfront: formatUsd(estimate.totals.upfrontUsd),
    effectiveMonthly: formatUsd(estimate.totals.effectiveMonthlyUsd),
  };
  const isLowerBound = estimate.totals.linesWithoutPrice > 0;
  const lowerBoundNote = isLowerBound
    ? `${plural(estimate.totals.linesWithoutPrice, 'cost line')} had no price and ${estimate.totals.linesWithoutPrice === 1 ? 'is' : 'are'} not in the totals, so the totals are a lower bound.`
    : '';
  const rdsCount = nodesOfKind(project.topology, 'rds-sql-server').length;
  const hasSql = sqlCount + rdsCount > 0;
  const ha = haPatternOf(project, sqlCount + rdsCount);
  const security = securityHeadline(analysis.checks);
  const byResource = linesByResource(estimate.lines);
  const resourceTotals = monthlyByResource(estimate);

  // Sections, numbered in print order.
  let n = 0;
  const next = (title: string, anchor: string): SectionHeading => ({ number: String(++n), title, anchor });
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
  const costDetailHeading: SectionHeading = {
    number: 'A',
    title: grouped ? 'Cost detail by resource group' : 'Cost detail by resource',
    anchor: 'cost-detail',
  };
  const contents = [
    summaryHeading,
    estateHeading,
    sizingHeading,
    diagramHeading,
    ...(haHeading ? [haHeading] : []),
    costsHeading,
    securityHeading,
    assumptionsHeading,
    nextStepsHeading,
    costDetailHeading,
  ];

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
    `The estimated run cost is ${totals.monthly} a month (${totals.yearly} a year) at ${optionLabel} prices, ${HOURS_PER_MONTH} hours a month.${isLowerBound ? ` ${lowerBoundNote}` : ''} ${security.headline}`,
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
        : `${optionLabel}, ${HOURS_PER_MONTH} h a month`,
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
    estateNotes.push(`No utilisation figures for ${listNames(unmeasured)}: sized on allocated capacity.`);
  const imported = project.inventory.importedFrom;

  const entries = sizingEntries(project, analysis, byResource, resourceTotals);
  const rows = grouped ? groupSizing(entries, project) : entries.map((e) => e.row);
  const { views: sources, refOf } = collectSources(estimate.lines, priceBook);
  const usedRules = new Set<string>();
  for (const l of estimate.lines)
    if (l.source?.kind === 'snapshot' && l.source.derived) usedRules.add(l.source.derived.rule);
  const derivationRules = derivationRulesOf(priceBook, usedRules);

  const pricedTotal = new Money(estimate.totals.monthlyUsd);
  const byService: ServiceView[] = monthlyByService(estimate).map((s) => ({
    service: s.service,
    monthly: formatUsd(s.monthlyUsd),
    share: shareOf(s.monthlyUsd, pricedTotal),
  }));
  const tiers = monthlyByTier(estimate);
  const byTier: TierView[] = tiers.map((t) => ({
    tier: t.tier,
    label: t.label,
    monthly: formatUsd(t.monthlyUsd),
    share: shareOf(t.monthlyUsd, pricedTotal),
    note: t.linesWithoutPrice > 0 ? `${plural(t.linesWithoutPrice, 'line')} unpriced` : '',
  }));
  const byTierChart = renderDonutChart(
    tiers.map((t, i) => ({
      label: t.label,
      value: Number(t.monthlyUsd),
      valueText: byTier[i]?.monthly ?? '',
      note: byTier[i]?.share ?? '',
    })),
    {
      title: 'Monthly cost by tier',
      centre: [totals.monthly, 'a month'],
      width: 560,
      palette,
    },
  );
  const byServiceChart = renderBarChart(
    monthlyByService(estimate).map((s, i) => ({
      label: s.service,
      value: Number(s.monthlyUsd),
      valueText: byService[i]?.monthly ?? '',
      note: byService[i]?.share ?? '',
    })),
    { title: 'Monthly cost by service', width: 640, palette },
  );
  const resourcesView = costResources(estimate, refOf, grouped, nodesById);

  const counts = summarizeChecks(analysis.checks);
  const resourceNames = (ids: readonly string[]) =>
    listNames(
      ids.map((id) => nodesById.get(id)?.name ?? id),
      8,
    );
  const checks: CheckView[] = analysis.checks.map((c) => {
    const attested = attestationOf(c);
    return {
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
      attestation: attested
        ? `Confirmed by ${attested.signedBy} on ${attested.date}${attested.statement ? `: ${attested.statement}` : ''}`
        : '',
    };
  });
  const suppressions: SuppressionView[] = analysis.checks
    .filter((c) => c.suppression !== undefined)
    .map((c) => {
      const s = c.suppression as NonNullable<CheckResult['suppression']>;
      const covered = s.resourceIds.length > 0 ? s.resourceIds : c.resources;
      return {
        ruleId: c.ruleId,
        title: c.title,
        severityLabel: SEVERITY_LABEL[c.severity],
        resources: covered.length > 0 ? resourceNames(covered) : 'Every resource the rule flags',
        justification: s.justification,
        owner: s.owner,
        reviewBy: formatDate(s.reviewBy),
      };
    });
  const attestations: AttestationView[] = analysis.checks.flatMap((c) => {
    const a = attestationOf(c);
    return a ? [{ ruleId: c.ruleId, title: c.title, ...a }] : [];
  });

  const priceSource = describePrices(priceBook);
  const usage = usageRows(project, estimate);
  const usageTexts = new Set(
    USAGE_KEYS.map((k) =>
      describeUsage(resolveUsage(project.options.usageProfile, project.options.usageOverrides).usage, k),
    ),
  );
  const assumptionItems = [
    ...estimate.assumptions.filter((a) => !usageTexts.has(a)),
    `Prices in US dollars, ${optionLabel}, excluding taxes, support plans and data transfer not listed.`,
    `Sizing adds ${formatPercent((project.options.headroom - 1) * 100)} headroom over the ${project.options.percentile} utilisation the inventory reports.`,
  ];
  const overrides = usage.filter((u) => u.overridden).length;

  const detailNote = grouped
    ? `With ${plural(servers.length, 'server')}, the sizing table and the cost detail group identical servers and resources (“120 × RPA bot runner”). Each server’s own figures are in sizing.json, and every cost line in estimate.csv and estimate.json, delivered with this proposal.`
    : '';

  const steps = nextStepsOf(project, analysis, priceBook);
  const ownSteps = wording.nextSteps ?? [];
  const nextItems = wording.replaceNextSteps && ownSteps.length > 0 ? ownSteps : [...steps, ...ownSteps];

  return {
    meta: {
      documentTitle: `${info.name} — AWS architecture proposal`,
      paper,
      generatedAt,
      generatedOn: date,
      region,
      generator: 'Architecture Planner',
      detail,
      detailNote,
    },
    brand: {
      companyName: brand.companyName,
      logo: brand.logo
        ? {
            src: brand.logo.dataUrl,
            alt: brand.companyName ? `${brand.companyName} logo` : 'Logo',
            width: brand.logo.width,
            height: brand.logo.height,
          }
        : null,
      colors: brand.colors,
      css: brandCssVariables(brand.colors),
    },
    cover: {
      eyebrow: wording.coverEyebrow ?? 'AWS architecture proposal',
      projectName: info.name,
      customer: info.customer,
      preparedBy: info.preparedBy,
      company: brand.companyName,
      date,
      region,
      subtitle: wording.coverSubtitle ?? `Windows and SQL Server workloads on AWS, ${region}`,
    },
    contents,
    summary: {
      ...summaryHeading,
      intro: intro('summary', ''),
      paragraphs,
      keyFigures,
      haPattern: ha,
      security,
      notes: summaryNotes,
    },
    estate: {
      ...estateHeading,
      intro: intro(
        'estate',
        `The inventory lists ${plural(servers.length, 'server')} with ${formatNumber(servers.reduce((a, s) => a + s.vcpu, 0))} vCPU and ${formatNumber(servers.reduce((a, s) => a + s.memoryGib, 0))} GiB of memory in total. Utilisation is the average of the servers’ 95th-percentile figures.`,
      ),
      rows: byRole.map((g) => estateRow(ROLE_TEXT[g.role].group, g.list)),
      total,
      source: imported
        ? `Source: ${imported.fileName}, imported ${formatDate(imported.importedAt)}.`
        : 'Source: entered in Architecture Planner.',
      notes: estateNotes,
    },
    sizing: {
      ...sizingHeading,
      intro: intro(
        'sizing',
        `Each server gets the cheapest current-generation Windows instance with at least the vCPU and memory it needs: measured ${project.options.percentile} use × ${project.options.headroom} headroom, with floors for Windows Server and SQL Server licensing. Prices are per hour, License Included (Windows${sqlCount > 0 ? ' and SQL Server' : ''}).`,
      ),
      grouped,
      rows,
      hasDerived: rows.some((r) => r.derivedPrice),
      derivedNote:
        'Prices marked “derived” are computed from published AWS rates by the rule in the assumptions section, not read from a price list.',
      detailNote,
    },
    diagram: {
      ...diagramHeading,
      intro: intro(
        'architecture',
        `The proposed design in ${region}: a VPC across ${project.options.azCount} Availability Zones with public, application and data subnets in each. Monthly costs are shown on each resource.`,
      ),
      svg: diagramSvg(project, options.diagram, resourceTotals),
      caption:
        'Solid lines carry traffic, dashed lines database replication and dotted lines backups. Regional and account services (backups, keys, audit, operations) are in the boxes beside the VPC; WAF and the link to the data centre face it from the left.',
      note: options.diagram?.note ?? '',
    },
    haComparison: haHeading
      ? {
          ...haHeading,
          intro: intro(
            'sqlHa',
            `What happens when a server or an Availability Zone fails, and what it costs, for each way of running SQL Server. Monthly figures are for the whole design at ${optionLabel} prices. The proposed design uses: ${haPattern(project.options.sqlHa).title}.`,
          ),
          rows: haRows.map(haComparisonView),
          note: haRows.some((r) => r.linesWithoutPrice > 0)
            ? 'Some cost lines have no price; those totals are lower bounds.'
            : '',
        }
      : null,
    costs: {
      ...costsHeading,
      intro: intro(
        'costs',
        `Monthly run cost in ${region} at ${optionLabel} prices, by tier of the design and by AWS service, then the same design under every purchase option. Every figure is priced line by line (quantity × unit price, rounded to the cent) and the totals add the rounded lines.`,
      ),
      totals,
      purchaseOption: optionLabel,
      isLowerBound,
      lowerBoundNote,
      byTier,
      byTierChart,
      byService,
      byServiceChart,
      purchaseOptions: purchaseOptionsView(analysis.purchaseOptions, estimate.purchaseOption, palette),
      detailNote: `Appendix ${costDetailHeading.number} lists ${grouped ? 'the cost lines of each group of identical resources' : 'every cost line of every resource'} with its quantity, unit price and price source.`,
      byResource: resourcesView,
      groupedDetail: grouped,
      sources,
      priceSource,
      derivedCount:
        estimate.totals.linesWithDerivedPrice > 0
          ? `${plural(estimate.totals.linesWithDerivedPrice, 'line')} of the estimate use${estimate.totals.linesWithDerivedPrice === 1 ? 's' : ''} a derived price (marked “derived”).`
          : '',
      derivationRules,
    },
    security: {
      ...securityHeading,
      intro: intro(
        'security',
        `The design is checked against ${plural(analysis.checks.length, 'rule')} drawn from the AWS Foundational Security Best Practices, the CIS AWS Foundations Benchmark and the customer’s own requirements. ${security.headline}`,
      ),
      counts: (['pass', 'fail', 'manual', 'suppressed'] as const).map((s) => ({
        label: STATUS_LABEL[s],
        value: String(counts[s]),
        status: s,
      })),
      checks,
      suppressions,
      attestations,
    },
    assumptions: {
      ...assumptionsHeading,
      intro: intro('assumptions', ''),
      items: assumptionItems,
      usage: {
        intro: `What the design cannot know (traffic, requests, data volumes) comes from the ${project.options.usageProfile} usage profile${overrides > 0 ? `, with ${plural(overrides, 'figure')} set for this project` : ''}. Replacing them with the customer’s own figures refines the estimate.`,
        rows: usage,
      },
      priceSource,
      hoursPerMonth: String(HOURS_PER_MONTH),
      derivationRules,
    },
    nextSteps: {
      ...nextStepsHeading,
      intro: intro('nextSteps', ''),
      items: nextItems,
      closing: wording.closing ?? '',
    },
    costDetail: {
      ...costDetailHeading,
      intro: grouped
        ? `Identical resources (the same components at the same unit prices) are grouped: quantities and monthly figures are the group’s sums. Every resource’s own lines are in estimate.csv. Totals add the rounded lines of the estimate.`
        : 'Every cost line of every resource: quantity × unit price, rounded to the cent, with the number of its price source. The totals add the rounded lines.',
    },
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
