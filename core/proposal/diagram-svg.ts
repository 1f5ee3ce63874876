import type { Layout } from '../model/layout';
import type { NodeKind, Topology, TopologyEdge, TopologyNode } from '../model/topology';
import { isGroupKind } from '../model/topology';
import { formatUsd } from '../util/money';
import { type Point, type Rect, type RouteRequest, routeEdges } from './route-edges';

/**
 * The architecture diagram as one self-contained SVG (no fonts, images or stylesheets from outside),
 * in the manner of AWS architecture diagrams: Region > VPC > Availability Zone > subnet groups with
 * coloured borders, resources as boxes with a simple service glyph, and labelled connections. Every
 * piece of text passes through escapeXml, which is why the HTML template may insert the result
 * unescaped. Deterministic: the same topology and layout give the same bytes.
 */

// AWS Architecture Icons colours (2023 set): group borders and service categories.
type EdgeKind = TopologyEdge['kind'];

const COLOR = {
  ink: '#16191F',
  muted: '#545B64',
  border: '#AAB7B8',
  region: '#00A4A6',
  vpc: '#8C4FFF',
  az: '#00A4A6',
  publicSubnet: '#7AA116',
  publicFill: '#F2F6E8',
  privateSubnet: '#00A4A6',
  privateFill: '#E6F6F7',
  compute: '#ED7100',
  database: '#C925D1',
  networking: '#8C4FFF',
  storage: '#7AA116',
  security: '#DD344C',
  management: '#E7157B',
  cost: '#1D6F42',
} as const;

const EDGE_STYLE: Record<EdgeKind, { color: string; dash: string | null; width: number; label: string }> = {
  traffic: { color: '#545B64', dash: null, width: 1.4, label: 'Traffic' },
  replication: { color: '#C925D1', dash: '7 4', width: 1.8, label: 'Replication' },
  backup: { color: '#3F8624', dash: '1.5 4', width: 2.2, label: 'Backup' },
  hybrid: { color: '#E7157B', dash: '10 3 2 3', width: 2, label: 'On-premises link' },
};

const FONT = "'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
const DEFAULT_LEAF = { width: 200, height: 64 };
const DEFAULT_GROUP = { width: 240, height: 80 };
const REGION_PAD = 20;
const REGION_TITLE = 40;

/** Characters XML 1.0 forbids even when escaped (control characters, lone surrogates, U+FFFE/F). */
const INVALID_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML content and attribute values; drops characters XML cannot hold at all. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Numbers printed with at most one decimal, never "-0": the output is byte-stable. */
function n(value: number): string {
  const r = Math.round(value * 10) / 10;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

/**
 * Rough text width in pixels for a sans-serif font: enough to truncate names that would overflow a
 * box. Capitals and digits are wider than lower case; punctuation narrower.
 */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (/[il.,:;|!'’ʼ·]/.test(ch)) em += 0.28;
    else if (/[fjrt()[\]\-/ ]/.test(ch)) em += 0.36;
    else if (/[mwMW]/.test(ch)) em += 0.86;
    else if (/[A-Z]/.test(ch)) em += 0.68;
    else if (/[0-9]/.test(ch)) em += 0.56;
    else em += 0.54;
  }
  return em * fontSize * (bold ? 1.07 : 1);
}

function fitText(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (estimateTextWidth(text, fontSize, bold) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && estimateTextWidth(`${chars.join('')}…`, fontSize, bold) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

interface Placed {
  node: TopologyNode;
  rect: Rect;
  depth: number;
}

/** Absolute rectangles: layout positions are relative to the parent, so offsets accumulate. */
function placeNodes(topology: Topology, layout: Layout): Map<string, Placed> {
  const byId = new Map(topology.nodes.map((nd) => [nd.id, nd]));
  const pos = new Map(layout.positions.map((p) => [p.id, p]));
  const placed = new Map<string, Placed>();
  const missing: TopologyNode[] = [];
  const resolve = (node: TopologyNode, guard: number): Placed | null => {
    const done = placed.get(node.id);
    if (done) return done;
    const p = pos.get(node.id);
    if (!p || guard > 64) {
      if (!missing.includes(node)) missing.push(node);
      return null;
    }
    const parent = node.parentId !== null ? byId.get(node.parentId) : undefined;
    const parentPlaced = parent ? resolve(parent, guard + 1) : null;
    if (parent && !parentPlaced) {
      if (!missing.includes(node)) missing.push(node);
      return null;
    }
    const fallback = isGroupKind(node.kind) ? DEFAULT_GROUP : DEFAULT_LEAF;
    const rect = {
      x: (parentPlaced?.rect.x ?? 0) + p.x,
      y: (parentPlaced?.rect.y ?? 0) + p.y,
      width: p.width > 0 ? p.width : fallback.width,
      height: p.height > 0 ? p.height : fallback.height,
    };
    const result = { node, rect, depth: (parentPlaced?.depth ?? -1) + 1 };
    placed.set(node.id, result);
    return result;
  };
  for (const node of topology.nodes) resolve(node, 0);
  // Nodes the stored layout does not know (added since the last layout) go in a row underneath, so
  // the printed diagram never silently leaves a resource out.
  if (missing.length > 0) {
    let maxY = 0;
    for (const p of placed.values()) maxY = Math.max(maxY, p.rect.y + p.rect.height);
    let x = 24;
    const y = maxY + 48;
    for (const node of missing) {
      if (placed.has(node.id)) continue;
      const size = isGroupKind(node.kind) ? DEFAULT_GROUP : DEFAULT_LEAF;
      placed.set(node.id, { node, rect: { x, y, ...size }, depth: 0 });
      x += size.width + 24;
    }
  }
  return placed;
}

// ---------------------------------------------------------------------------------------------
// Glyphs: simple geometric stand-ins for the AWS service icons (white on the category colour).

function serviceColor(node: TopologyNode): string {
  switch (node.kind) {
    case 'ec2-instance':
      return node.role === 'sql' ? COLOR.database : COLOR.compute;
    case 'load-balancer':
    case 'nat-gateway':
    case 'internet-gateway':
      return COLOR.networking;
    case 's3-bucket':
      return COLOR.storage;
    case 'kms-key':
    case 'waf-web-acl':
    case 'directory-service':
    case 'secrets-manager-secret':
    case 'guardduty':
      return COLOR.security;
    case 'vpn-connection':
    case 'direct-connect':
    case 'route53-zone':
    case 'vpc-endpoint':
      return COLOR.networking;
    case 'fsx-windows':
      return COLOR.storage;
    case 'rds-sql-server':
      return COLOR.database;
    case 'cloudtrail':
    case 'config-recorder':
    case 'patch-manager':
    case 'cloudwatch':
      return COLOR.management;
    default:
      return COLOR.muted;
  }
}

const W = 'stroke="#FFFFFF" stroke-width="1.8" fill="none" stroke-linecap="round" stroke-linejoin="round"';

/** Icon body for a 36 × 36 tile. */
function glyphBody(node: TopologyNode): string {
  switch (node.kind) {
    case 'ec2-instance':
      if (node.role === 'sql') {
        return `<ellipse cx="18" cy="11" rx="9" ry="3.5" ${W}/><path d="M9 11v14a9 3.5 0 0 0 18 0V11" ${W}/><path d="M9 18a9 3.5 0 0 0 18 0" ${W}/>`;
      }
      return `<rect x="11" y="11" width="14" height="14" rx="1.5" ${W}/><path d="M15 7v4M21 7v4M15 25v4M21 25v4M7 15h4M7 21h4M25 15h4M25 21h4" ${W}/>`;
    case 'load-balancer':
      return `<circle cx="11" cy="18" r="3.5" fill="#FFFFFF"/><path d="M14 18h12M14 16.5l11-6.5M14 19.5l11 6.5" ${W}/><circle cx="27" cy="10" r="2.2" fill="#FFFFFF"/><circle cx="27" cy="18" r="2.2" fill="#FFFFFF"/><circle cx="27" cy="26" r="2.2" fill="#FFFFFF"/>`;
    case 'nat-gateway':
      return `<circle cx="18" cy="18" r="11" ${W}/><path d="M11 15h13l-3-3M25 21H12l3 3" ${W}/>`;
    case 'internet-gateway':
      return `<path d="M10 28V17a8 8 0 0 1 16 0v11z" ${W}/><path d="M18 10v18M10 20h16" ${W}/>`;
    case 's3-bucket':
      return `<ellipse cx="18" cy="11" rx="9.5" ry="3" ${W}/><path d="M8.5 11l2.6 14.5a6.9 2.6 0 0 0 13.8 0L27.5 11" ${W}/>`;
    case 'kms-key':
      return `<circle cx="12.5" cy="18" r="5" ${W}/><path d="M17.5 18H29M25.5 18v4M29 18v3" ${W}/>`;
    case 'rds-sql-server':
      return `<ellipse cx="18" cy="11" rx="9" ry="3.5" ${W}/><path d="M9 11v14a9 3.5 0 0 0 18 0V11" ${W}/><path d="M9 18a9 3.5 0 0 0 18 0" ${W}/>`;
    case 'waf-web-acl':
      return `<path d="M18 7l9 3.5v6.5c0 5.5-3.8 9.5-9 12-5.2-2.5-9-6.5-9-12v-6.5z" ${W}/><path d="M13.5 18l3 3 6-6" ${W}/>`;
    case 'vpn-connection':
      return `<rect x="11" y="17" width="14" height="11" rx="1.5" ${W}/><path d="M14 17v-3.5a4 4 0 0 1 8 0V17M18 21v3" ${W}/>`;
    case 'direct-connect':
      return `<rect x="6.5" y="12" width="8" height="12" rx="1" ${W}/><rect x="21.5" y="12" width="8" height="12" rx="1" ${W}/><path d="M14.5 18h7" ${W}/>`;
    case 'route53-zone':
      return `<circle cx="18" cy="18" r="10" ${W}/><path d="M8 18h20M18 8c-4.5 4.5-4.5 15.5 0 20M18 8c4.5 4.5 4.5 15.5 0 20" ${W}/>`;
    case 'directory-service':
      return `<circle cx="18" cy="12.5" r="4" ${W}/><path d="M10.5 27.5v-2a7.5 7.5 0 0 1 15 0v2" ${W}/>`;
    case 'fsx-windows':
      return `<path d="M8 11h7.5l2 3H28v13H8z" ${W}/><path d="M12 19h12M12 23h8" ${W}/>`;
    case 'cloudtrail':
      return `<path d="M11 8h9.5l4.5 4.5V28H11z" ${W}/><path d="M14.5 16h7M14.5 20h7M14.5 24h4.5" ${W}/>`;
    case 'guardduty':
      return `<path d="M7.5 18s4-7 10.5-7 10.5 7 10.5 7-4 7-10.5 7-10.5-7-10.5-7z" ${W}/><circle cx="18" cy="18" r="3.2" ${W}/>`;
    case 'config-recorder':
      return `<circle cx="18" cy="18" r="4.5" ${W}/><path d="M18 7.5v4M18 24.5v4M7.5 18h4M24.5 18h4M10.6 10.6l2.8 2.8M22.6 22.6l2.8 2.8M25.4 10.6l-2.8 2.8M10.6 25.4l2.8-2.8" ${W}/>`;
    case 'patch-manager':
      return `<rect x="8" y="13.5" width="20" height="9" rx="4.5" transform="rotate(-45 18 18)" ${W}/><path d="M16 16h.01M20 16h.01M16 20h.01M20 20h.01" ${W}/>`;
    case 'secrets-manager-secret':
      return `<rect x="10.5" y="16" width="15" height="12" rx="1.5" ${W}/><path d="M13.5 16v-3a4.5 4.5 0 0 1 9 0v3" ${W}/><circle cx="18" cy="22" r="1.5" fill="#FFFFFF"/>`;
    case 'cloudwatch':
      return `<path d="M8 27h20M8 9v18" ${W}/><path d="M11 23l5-6 4 3 6-8" ${W}/>`;
    case 'vpc-endpoint':
      return `<rect x="7.5" y="11" width="12" height="14" rx="1.5" ${W}/><path d="M19.5 18H29M25 14l4 4-4 4" ${W}/>`;
    default:
      return '';
  }
}

function groupGlyph(kind: NodeKind | 'region', color: string): string {
  const tile = `<rect width="24" height="24" fill="${color}"/>`;
  switch (kind) {
    case 'vpc':
      return `${tile}<path d="M7 16.5h10.5a3.2 3.2 0 0 0 .3-6.4 4.6 4.6 0 0 0-8.9-.4A3.5 3.5 0 0 0 7 16.5z" ${W}/>`;
    case 'subnet':
      return `${tile}<rect x="7" y="11" width="10" height="8" rx="1" fill="#FFFFFF"/><path d="M9 11V9a3 3 0 0 1 6 0v2" ${W}/>`;
    case 'region':
      return `${tile}<path d="M8 19V5M8 6h9l-2 3 2 3H8" ${W}/>`;
    default:
      return '';
  }
}

// ---------------------------------------------------------------------------------------------

function groupStyle(node: TopologyNode): {
  stroke: string;
  fill: string;
  dash: string | null;
  title: string;
  subtitle: string;
  glyph: boolean;
} {
  switch (node.kind) {
    case 'vpc':
      return {
        stroke: COLOR.vpc,
        fill: '#FFFFFF',
        dash: null,
        title: node.name,
        subtitle: node.name.includes(node.cidr) ? '' : node.cidr,
        glyph: true,
      };
    case 'availability-zone':
      return {
        stroke: COLOR.az,
        fill: 'none',
        dash: '8 5',
        title: node.name === node.zone ? `Availability Zone ${node.zone}` : node.name,
        subtitle: '',
        glyph: false,
      };
    case 'subnet': {
      const isPublic = node.tier === 'public';
      return {
        stroke: isPublic ? COLOR.publicSubnet : COLOR.privateSubnet,
        fill: isPublic ? COLOR.publicFill : COLOR.privateFill,
        dash: null,
        title: node.name,
        subtitle: node.cidr,
        glyph: true,
      };
    }
    default:
      return { stroke: COLOR.border, fill: 'none', dash: null, title: node.name, subtitle: '', glyph: false };
  }
}

const GROUP_TITLE_SIZE = 13;
const GROUP_SUBTITLE_SIZE = 10.5;

/** Title and subtitle of a group box: side by side when they fit, else the subtitle on a second line. */
function groupTitle(p: Placed): {
  title: string;
  subtitle: string;
  textX: number;
  sameLine: boolean;
  titleWidth: number;
  subtitleWidth: number;
} {
  const s = groupStyle(p.node);
  const textX = s.glyph ? 32 : 10;
  const room = p.rect.width - textX - 8;
  const title = fitText(s.title, room, GROUP_TITLE_SIZE, true);
  const titleWidth = estimateTextWidth(title, GROUP_TITLE_SIZE, true);
  const fullSubtitleWidth = s.subtitle ? estimateTextWidth(s.subtitle, GROUP_SUBTITLE_SIZE) : 0;
  const sameLine = !s.subtitle || titleWidth + 10 + fullSubtitleWidth <= room;
  const subtitle = s.subtitle ? (sameLine ? s.subtitle : fitText(s.subtitle, room, GROUP_SUBTITLE_SIZE)) : '';
  return {
    title,
    subtitle,
    textX,
    sameLine,
    titleWidth,
    subtitleWidth: subtitle ? estimateTextWidth(subtitle, GROUP_SUBTITLE_SIZE) : 0,
  };
}

function titleBox(p: Placed): Rect {
  const t = groupTitle(p);
  const width = t.sameLine
    ? t.textX + t.titleWidth + (t.subtitle ? 10 + t.subtitleWidth : 0) + 8
    : t.textX + Math.max(t.titleWidth, t.subtitleWidth) + 8;
  return { x: p.rect.x, y: p.rect.y, width: Math.min(p.rect.width, width), height: t.sameLine ? 28 : 38 };
}

function renderGroup(p: Placed): string {
  const { rect } = p;
  const s = groupStyle(p.node);
  const t = groupTitle(p);
  const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
  const parts = [
    `<g data-node-id="${escapeXml(p.node.id)}">`,
    `<title>${escapeXml(p.node.name)}</title>`,
    `<rect x="${n(rect.x)}" y="${n(rect.y)}" width="${n(rect.width)}" height="${n(rect.height)}" fill="${s.fill}" stroke="${s.stroke}" stroke-width="1.5"${dash}/>`,
  ];
  if (s.glyph)
    parts.push(
      `<g transform="translate(${n(rect.x)} ${n(rect.y)})">${groupGlyph(p.node.kind, s.stroke)}</g>`,
    );
  parts.push(
    `<text x="${n(rect.x + t.textX)}" y="${n(rect.y + 17)}" font-size="${GROUP_TITLE_SIZE}" font-weight="700" fill="${COLOR.ink}">${escapeXml(t.title)}</text>`,
  );
  if (t.subtitle) {
    const x = t.sameLine ? rect.x + t.textX + t.titleWidth + 10 : rect.x + t.textX;
    const y = t.sameLine ? rect.y + 17 : rect.y + 31;
    parts.push(
      `<text x="${n(x)}" y="${n(y)}" font-size="${GROUP_SUBTITLE_SIZE}" fill="${COLOR.muted}">${escapeXml(t.subtitle)}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

function detailOf(node: TopologyNode): string {
  switch (node.kind) {
    case 'ec2-instance':
      return node.haRole && node.haRole !== 'standalone'
        ? `${node.instanceType} · ${node.haRole}`
        : node.instanceType;
    case 'load-balancer': {
      const listeners = node.listeners
        .filter((l) => l.action === 'forward')
        .map((l) => `${l.protocol} ${l.port}`);
      return [node.scheme, ...listeners].join(' · ');
    }
    case 'nat-gateway':
      return node.zone;
    case 'internet-gateway':
      return 'VPC internet access';
    case 's3-bucket':
      return [
        node.encryption === 'sse-kms' ? 'SSE-KMS' : node.encryption === 'sse-s3' ? 'SSE-S3' : 'not encrypted',
        node.versioning ? 'versioned' : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'kms-key':
      return node.rotation ? 'Key rotation on' : 'Key rotation off';
    case 'waf-web-acl':
      return `${node.managedRuleGroups.length} managed rule groups${node.rateLimit ? ' · rate limit' : ''}`;
    case 'vpn-connection':
      return `Two tunnels · ${node.onPremisesCidrs.join(', ')}`;
    case 'direct-connect':
      return `${node.connectionType === 'hosted' ? 'Hosted' : 'Dedicated'} ${node.bandwidth} · ${node.onPremisesCidrs.join(', ')}`;
    case 'route53-zone':
      return node.domainName;
    case 'directory-service':
      return `${node.edition} · ${node.domainName}`;
    case 'fsx-windows':
      return `${node.deploymentType === 'MULTI_AZ_1' ? 'Multi-AZ' : 'Single-AZ'} · ${node.storageGib} GiB · ${node.throughputMiBps} MB/s`;
    case 'rds-sql-server':
      return `${node.instanceClass}${node.multiAz ? ' · Multi-AZ' : ''}`;
    case 'cloudtrail':
      return node.logFileValidation ? 'Validated, KMS-encrypted' : 'KMS-encrypted';
    case 'guardduty':
      return node.malwareProtection ? 'Threats and malware' : 'Threat detection';
    case 'config-recorder':
      return `${node.managedRules.length} managed rules`;
    case 'patch-manager':
      return `Windows · approve after ${node.approveAfterDays} days`;
    case 'secrets-manager-secret':
      return node.rotationDays ? `Rotates every ${node.rotationDays} days` : 'Generated at deployment';
    case 'cloudwatch':
      return `${node.logGroups.length} log groups · alarms`;
    case 'vpc-endpoint':
      return node.endpointType === 'Gateway' ? 'Gateway endpoint' : 'Interface endpoint';
    default:
      return '';
  }
}

/** Cost text: decimal strings (as monthlyByResource gives) become "$405.15 / month"; other text is shown as given. */
function costText(value: string | undefined): string {
  if (value === undefined) return '';
  return /^-?\d+(\.\d+)?$/.test(value) ? `${formatUsd(value)} / month` : value;
}

/** A resource name in its box: a size down or two if that makes it fit, else wrapped onto two lines. */
function nameLines(name: string, maxWidth: number): { lines: string[]; size: number } {
  for (const size of [12.5, 12, 11.5])
    if (estimateTextWidth(name, size, true) <= maxWidth) return { lines: [name], size };
  const size = 11.5;
  const words = name.split(/\s+/).filter(Boolean);
  let first = '';
  let used = 0;
  for (const word of words) {
    const next = first ? `${first} ${word}` : word;
    if (estimateTextWidth(next, size, true) > maxWidth) break;
    first = next;
    used++;
  }
  if (used === 0 || used === words.length) return { lines: [fitText(name, maxWidth, size, true)], size };
  return { lines: [first, fitText(words.slice(used).join(' '), maxWidth, size, true)], size };
}

/** Two offset outlines behind a box that stands for several identical instances (a "× N" node). */
function stackBehind(rect: Rect): string {
  return [8, 4]
    .map(
      (d) =>
        `<rect x="${n(rect.x + d)}" y="${n(rect.y - d)}" width="${n(rect.width)}" height="${n(rect.height)}" rx="6" fill="#FFFFFF" stroke="${COLOR.border}" stroke-width="1"/>`,
    )
    .join('');
}

function renderLeaf(p: Placed, cost: string, stacked = false): string {
  const { rect, node } = p;
  const tile = 36;
  const tileX = rect.x + 12;
  const tileY = rect.y + (rect.height - tile) / 2;
  const textX = tileX + tile + 10;
  const maxText = rect.x + rect.width - textX - 6;
  const name = nameLines(node.name, maxText);
  const detail = fitText(detailOf(node), maxText, 11);
  const lines: { text: string; size: number; weight: string; fill: string }[] = name.lines.map((text) => ({
    text,
    size: name.size,
    weight: '700',
    fill: COLOR.ink,
  }));
  // Three lines fit a box: a wrapped name and a cost leave no room for the detail.
  if (detail && lines.length + (cost ? 1 : 0) < 3)
    lines.push({ text: detail, size: 11, weight: '400', fill: COLOR.muted });
  if (cost) lines.push({ text: fitText(cost, maxText, 11, true), size: 11, weight: '700', fill: COLOR.cost });
  const lineGap = 14.5;
  const blockHeight = (lines.length - 1) * lineGap;
  let y = rect.y + rect.height / 2 - blockHeight / 2 + 4;
  const parts = [
    `<g data-node-id="${escapeXml(node.id)}">`,
    `<title>${escapeXml(node.name)}</title>`,
    stacked ? stackBehind(rect) : '',
    `<rect x="${n(rect.x)}" y="${n(rect.y)}" width="${n(rect.width)}" height="${n(rect.height)}" rx="6" fill="#FFFFFF" stroke="${COLOR.border}" stroke-width="1"/>`,
    `<g transform="translate(${n(tileX)} ${n(tileY)})"><rect width="${tile}" height="${tile}" rx="4" fill="${serviceColor(node)}"/>${glyphBody(node)}</g>`,
  ];
  for (const line of lines) {
    parts.push(
      `<text x="${n(textX)}" y="${n(y)}" font-size="${line.size}" font-weight="${line.weight}" fill="${line.fill}">${escapeXml(line.text)}</text>`,
    );
    y += lineGap;
  }
  parts.push('</g>');
  return parts.join('');
}

/** SVG path through the points with small rounded corners. */
function pathData(points: readonly Point[]): string {
  const first = points[0];
  if (!first) return '';
  let d = `M${n(first.x)} ${n(first.y)}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i] as Point;
    const prev = points[i - 1] as Point;
    const next = points[i + 1];
    if (!next) {
      d += `L${n(p.x)} ${n(p.y)}`;
      continue;
    }
    const inLen = Math.abs(p.x - prev.x) + Math.abs(p.y - prev.y);
    const outLen = Math.abs(next.x - p.x) + Math.abs(next.y - p.y);
    const r = Math.min(6, inLen / 2, outLen / 2);
    const ix = p.x - Math.sign(p.x - prev.x) * r;
    const iy = p.y - Math.sign(p.y - prev.y) * r;
    const ox = p.x + Math.sign(next.x - p.x) * r;
    const oy = p.y + Math.sign(next.y - p.y) * r;
    d += `L${n(ix)} ${n(iy)}Q${n(p.x)} ${n(p.y)} ${n(ox)} ${n(oy)}`;
  }
  return d;
}

interface LabelBox extends Rect {
  text: string;
  kind: EdgeKind;
  target: string;
}

const LABEL_SIZE = 10;

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function onPath(pt: Point, points: readonly Point[]): boolean {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    if (
      a.x === b.x &&
      Math.abs(pt.x - a.x) < 1 &&
      pt.y >= Math.min(a.y, b.y) - 1 &&
      pt.y <= Math.max(a.y, b.y) + 1
    )
      return true;
    if (
      a.y === b.y &&
      Math.abs(pt.y - a.y) < 1 &&
      pt.x >= Math.min(a.x, b.x) - 1 &&
      pt.x <= Math.max(a.x, b.x) + 1
    )
      return true;
  }
  return false;
}

/**
 * Finds a spot on the edge's path for its label that covers no box, title or other label. One label
 * per kind, text and target box: ten bots calling the control room on HTTPS 443 need it said once.
 */
function placeLabel(
  edge: TopologyEdge,
  points: readonly Point[],
  blockers: readonly Rect[],
  labels: LabelBox[],
): LabelBox | null {
  if (!edge.label) return null;
  if (
    labels.some(
      (l) =>
        l.text === edge.label &&
        l.kind === edge.kind &&
        (l.target === edge.target || onPath({ x: l.x + l.width / 2, y: l.y + l.height / 2 }, points)),
    )
  )
    return null;
  const width = estimateTextWidth(edge.label, LABEL_SIZE) + 10;
  const height = 15;
  const segments: { a: Point; b: Point; len: number; index: number }[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    segments.push({ a, b, len: Math.abs(b.x - a.x) + Math.abs(b.y - a.y), index: i });
  }
  const candidates: Point[] = [];
  // Nearest the target first: that is where a bundle of connections into one box shares its line.
  const ordered = [...segments].reverse();
  for (const s of ordered) {
    const need = s.a.y === s.b.y ? width + 8 : height + 8;
    if (s.len < need) continue;
    for (const f of [0.5, 0.3, 0.7, 0.15, 0.85])
      candidates.push({ x: s.a.x + (s.b.x - s.a.x) * f, y: s.a.y + (s.b.y - s.a.y) * f });
  }
  const boxAt = (c: Point): LabelBox => ({
    x: c.x - width / 2,
    y: c.y - height / 2,
    width,
    height,
    text: edge.label,
    kind: edge.kind,
    target: edge.target,
  });
  for (const c of candidates) {
    const box = boxAt(c);
    if (!blockers.some((b) => overlaps(box, b)) && !labels.some((l) => overlaps(box, l))) return box;
  }
  // Nowhere clear: the least crowded candidate still beats a connection nobody can name.
  let best: LabelBox | null = null;
  let bestHits = Infinity;
  for (const c of candidates) {
    const box = boxAt(c);
    const hits =
      blockers.filter((b) => overlaps(box, b)).length * 2 + labels.filter((l) => overlaps(box, l)).length;
    if (hits < bestHits) {
      bestHits = hits;
      best = box;
    }
  }
  return best;
}

function renderLabel(l: LabelBox): string {
  const style = EDGE_STYLE[l.kind];
  return (
    `<g><rect x="${n(l.x)}" y="${n(l.y)}" width="${n(l.width)}" height="${n(l.height)}" rx="3" fill="#FFFFFF" stroke="${style.color}" stroke-width="0.6"/>` +
    `<text x="${n(l.x + l.width / 2)}" y="${n(l.y + l.height / 2 + 3.5)}" font-size="${LABEL_SIZE}" text-anchor="middle" fill="${COLOR.ink}">${escapeXml(l.text)}</text></g>`
  );
}

function markers(): string {
  return (Object.keys(EDGE_STYLE) as EdgeKind[])
    .map(
      (k) =>
        `<marker id="archplan-arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L10 5L0 10z" fill="${EDGE_STYLE[k].color}"/></marker>`,
    )
    .join('');
}

function legend(x: number, y: number): { svg: string; width: number } {
  const parts: string[] = [];
  let cx = x;
  for (const kind of Object.keys(EDGE_STYLE) as EdgeKind[]) {
    const s = EDGE_STYLE[kind];
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    parts.push(
      `<path d="M${n(cx)} ${n(y)}h36" stroke="${s.color}" stroke-width="${s.width}"${dash} stroke-linecap="round" fill="none" marker-end="url(#archplan-arrow-${kind})"/>`,
    );
    parts.push(
      `<text x="${n(cx + 44)}" y="${n(y + 4)}" font-size="11" fill="${COLOR.ink}">${s.label}</text>`,
    );
    cx += 44 + estimateTextWidth(s.label, 11) + 28;
  }
  const swatches: [string, string, string][] = [
    ['Public subnet', COLOR.publicSubnet, COLOR.publicFill],
    ['Private subnet', COLOR.privateSubnet, COLOR.privateFill],
  ];
  for (const [label, stroke, fill] of swatches) {
    parts.push(
      `<rect x="${n(cx)}" y="${n(y - 7)}" width="22" height="14" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>`,
    );
    parts.push(`<text x="${n(cx + 30)}" y="${n(y + 4)}" font-size="11" fill="${COLOR.ink}">${label}</text>`);
    cx += 30 + estimateTextWidth(label, 11) + 28;
  }
  return { svg: parts.join(''), width: cx - x };
}

const EDGE_ORDER: Record<EdgeKind, number> = { hybrid: 0, replication: 1, backup: 2, traffic: 3 };

/**
 * Renders the diagram. `costs` maps node id → monthly USD as a decimal string (monthlyByResource);
 * nodes without an entry show no cost. Positions in `layout` are relative to the parent group.
 * `stacked` nodes stand for several identical instances (see print-diagram.ts) and get a stack drawn
 * behind them.
 */
export function renderDiagramSvg(
  topology: Topology,
  layout: Layout,
  costs?: ReadonlyMap<string, string>,
  options: { stacked?: ReadonlySet<string> } = {},
): string {
  const placed = placeNodes(topology, layout);
  const all = topology.nodes.map((nd) => placed.get(nd.id)).filter((p): p is Placed => p !== undefined);
  const groups = all.filter((p) => isGroupKind(p.node.kind)).sort((a, b) => a.depth - b.depth);
  const leaves = all.filter((p) => !isGroupKind(p.node.kind));

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of all) {
    minX = Math.min(minX, p.rect.x);
    minY = Math.min(minY, p.rect.y);
    maxX = Math.max(maxX, p.rect.x + p.rect.width);
    maxY = Math.max(maxY, p.rect.y + p.rect.height);
  }
  if (all.length === 0) {
    minX = 0;
    minY = 0;
    maxX = 480;
    maxY = 120;
  }
  const region: Rect = {
    x: minX - REGION_PAD,
    y: minY - REGION_PAD - REGION_TITLE,
    width: maxX - minX + 2 * REGION_PAD,
    height: maxY - minY + 2 * REGION_PAD + REGION_TITLE,
  };

  // Route connections around the boxes and the group titles.
  const titles = groups.map(titleBox);
  const regionTitle: Rect = { x: region.x, y: region.y, width: 200, height: 28 };
  const obstacles: Rect[] = [...leaves.map((p) => p.rect), ...titles, regionTitle];
  const edges = topology.edges
    .map((e, index) => ({ e, index, s: placed.get(e.source), t: placed.get(e.target) }))
    .filter(
      (x): x is { e: TopologyEdge; index: number; s: Placed; t: Placed } =>
        x.s !== undefined && x.t !== undefined && x.e.source !== x.e.target,
    )
    .sort((a, b) => EDGE_ORDER[a.e.kind] - EDGE_ORDER[b.e.kind] || a.index - b.index);
  const requests: RouteRequest[] = edges.map(({ e, s, t }) => ({
    id: e.id,
    source: s.rect,
    target: t.rect,
    signature: `${e.kind}\u0000${e.label}\u0000${e.target}`,
  }));
  const routes = routeEdges(obstacles, requests);

  const labelBlockers: Rect[] = [...leaves.map((p) => p.rect), ...titles, regionTitle];
  const labels: LabelBox[] = [];
  const edgeSvg: string[] = [];
  for (const { e } of edges) {
    const points = routes.get(e.id);
    if (!points || points.length < 2) continue;
    const s = EDGE_STYLE[e.kind];
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    const cap = e.kind === 'backup' ? ' stroke-linecap="round"' : '';
    edgeSvg.push(
      `<path data-edge-id="${escapeXml(e.id)}" d="${pathData(points)}" fill="none" stroke="${s.color}" stroke-width="${s.width}"${dash}${cap} marker-end="url(#archplan-arrow-${e.kind})"/>`,
    );
    const label = placeLabel(e, points, labelBlockers, labels);
    if (label) labels.push(label);
  }

  const legendY = region.y + region.height + 26;
  const leg = legend(region.x, legendY);
  const viewX = Math.min(region.x, ...labels.map((l) => l.x)) - 8;
  const viewY = Math.min(region.y, ...labels.map((l) => l.y)) - 8;
  const right =
    Math.max(region.x + region.width, region.x + leg.width, ...labels.map((l) => l.x + l.width)) + 8;
  const bottom = Math.max(legendY + 14, ...labels.map((l) => l.y + l.height)) + 8;
  const width = right - viewX;
  const height = bottom - viewY;

  const regionDash = ' stroke-dasharray="8 5"';
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(viewX)} ${n(viewY)} ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" aria-labelledby="archplan-diagram-title" font-family="${FONT}">`,
    `<title id="archplan-diagram-title">AWS architecture diagram, Region ${escapeXml(topology.region)}</title>`,
    `<defs>${markers()}</defs>`,
    `<rect x="${n(viewX)}" y="${n(viewY)}" width="${n(width)}" height="${n(height)}" fill="#FFFFFF"/>`,
    `<g><rect x="${n(region.x)}" y="${n(region.y)}" width="${n(region.width)}" height="${n(region.height)}" fill="none" stroke="${COLOR.region}" stroke-width="1.5"${regionDash}/>`,
    `<g transform="translate(${n(region.x)} ${n(region.y)})">${groupGlyph('region', COLOR.region)}</g>`,
    `<text x="${n(region.x + 32)}" y="${n(region.y + 17)}" font-size="${GROUP_TITLE_SIZE}" font-weight="700" fill="${COLOR.ink}">Region ${escapeXml(topology.region)}</text></g>`,
    ...groups.map(renderGroup),
    ...edgeSvg,
    ...leaves.map((p) =>
      renderLeaf(p, costText(costs?.get(p.node.id)), options.stacked?.has(p.node.id) ?? false),
    ),
    ...labels.map(renderLabel),
    `<g>${leg.svg}</g>`,
    '</svg>',
  ];
  return out.join('\n');
}
