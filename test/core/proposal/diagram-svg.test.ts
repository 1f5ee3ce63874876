import { describe, expect, it } from 'vitest';
import type { Layout } from '../../../core/model/layout';
import type { Topology, TopologyNode } from '../../../core/model/topology';
import { isGroupKind } from '../../../core/model/topology';
import { monthlyByResource } from '../../../core/pricing/estimate';
import { escapeXml, renderDiagramSvg } from '../../../core/proposal/diagram-svg';
import { formatUsd } from '../../../core/util/money';
import { planExample } from './example-project';
import { findXmlError } from './xml-well-formed';

function absoluteRects(
  topology: Topology,
  layout: Layout,
): Map<string, { x: number; y: number; width: number; height: number }> {
  const pos = new Map(layout.positions.map((p) => [p.id, p]));
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const out = new Map<string, { x: number; y: number; width: number; height: number }>();
  const abs = (n: TopologyNode): { x: number; y: number } => {
    const p = pos.get(n.id);
    if (!p) throw new Error(`no position for ${n.id}`);
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    const o = parent ? abs(parent) : { x: 0, y: 0 };
    return { x: o.x + p.x, y: o.y + p.y };
  };
  for (const n of topology.nodes) {
    const p = pos.get(n.id);
    if (p) out.set(n.id, { ...abs(n), width: p.width, height: p.height });
  }
  return out;
}

function viewBoxOf(svg: string): { x: number; y: number; width: number; height: number } {
  const m = /viewBox="(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!m) throw new Error('no viewBox');
  return { x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) };
}

describe('findXmlError (the test helper itself)', () => {
  it('accepts well-formed XML and flags the mistakes an escaper bug would cause', () => {
    expect(findXmlError('<svg a="1"><text>a &amp; b</text><g/></svg>')).toBeNull();
    expect(findXmlError('<svg><text>a & b</text></svg>')).toMatch(/stray &/);
    expect(findXmlError('<svg><text>x</svg>')).toMatch(/closes/);
    expect(findXmlError('<svg a="<b>"></svg>')).toMatch(/raw </);
    expect(findXmlError('<svg a="1" a="2"></svg>')).toMatch(/duplicate/);
    expect(findXmlError('<svg></svg><svg></svg>')).toMatch(/second root/);
    expect(findXmlError('<svg><title>\u0001</title></svg>')).toMatch(/control/);
  });
});

describe('renderDiagramSvg', () => {
  it('draws every node of the example design, by name, as well-formed XML', async () => {
    const { project, analysis } = await planExample();
    const svg = renderDiagramSvg(project.topology, project.layout, monthlyByResource(analysis.estimate));
    expect(findXmlError(svg)).toBeNull();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const node of project.topology.nodes) {
      expect(svg).toContain(`data-node-id="${escapeXml(node.id)}"`);
      expect(svg).toContain(`<title>${escapeXml(node.name)}</title>`);
    }
    // Resource boxes show their type and monthly cost.
    expect(svg).toContain('>r5a.8xlarge · primary<');
    const costs = monthlyByResource(analysis.estimate);
    expect(svg).toContain(`${formatUsd(costs.get('ec2-sqlprd01') as string)} / month`);
  });

  it('is self-contained: no external fonts, images, stylesheets or scripts', async () => {
    const { project } = await planExample();
    const svg = renderDiagramSvg(project.topology, project.layout);
    expect(svg).not.toMatch(/<(image|script|style|foreignObject|use)\b/i);
    expect(svg).not.toMatch(/href=|@import|url\((?!#archplan-)/i);
  });

  it('is deterministic', async () => {
    const { project, analysis } = await planExample();
    const costs = monthlyByResource(analysis.estimate);
    expect(renderDiagramSvg(project.topology, project.layout, costs)).toBe(
      renderDiagramSvg(structuredClone(project.topology), structuredClone(project.layout), new Map(costs)),
    );
  });

  it('fits every box in the viewBox, with positions accumulated through the parents', async () => {
    const { project } = await planExample();
    const svg = renderDiagramSvg(project.topology, project.layout);
    const vb = viewBoxOf(svg);
    const rects = absoluteRects(project.topology, project.layout);
    for (const node of project.topology.nodes) {
      const r = rects.get(node.id);
      expect(r, node.id).toBeDefined();
      if (!r) continue;
      // The box is drawn at its absolute position (relative positions summed).
      const drawn = new RegExp(
        `data-node-id="${node.id}"><title>[^<]*</title><rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}"`,
      );
      expect(svg, node.id).toMatch(drawn);
      expect(r.x).toBeGreaterThanOrEqual(vb.x);
      expect(r.y).toBeGreaterThanOrEqual(vb.y);
      expect(r.x + r.width).toBeLessThanOrEqual(vb.x + vb.width);
      expect(r.y + r.height).toBeLessThanOrEqual(vb.y + vb.height);
    }
    // Regional services sit outside the VPC.
    const vpc = rects.get('vpc');
    const s3 = rects.get('s3-backup');
    expect(vpc && s3 && s3.x >= vpc.x + vpc.width).toBe(true);
  });

  it('styles groups as AWS diagrams do: public subnets green, private teal, AZs dashed', async () => {
    const { project } = await planExample();
    const svg = renderDiagramSvg(project.topology, project.layout);
    expect(svg).toMatch(
      /data-node-id="subnet-public-a"><title>[^<]*<\/title><rect [^>]*fill="#F2F6E8" stroke="#7AA116"/,
    );
    expect(svg).toMatch(
      /data-node-id="subnet-data-a"><title>[^<]*<\/title><rect [^>]*fill="#E6F6F7" stroke="#00A4A6"/,
    );
    expect(svg).toMatch(/data-node-id="az-a"><title>[^<]*<\/title><rect [^>]*stroke-dasharray/);
    expect(svg).toContain('>Availability Zone ap-south-1a<');
  });

  it('draws every connection, traffic solid, replication dashed, backup dotted, labelled', async () => {
    const { project } = await planExample();
    const svg = renderDiagramSvg(project.topology, project.layout);
    for (const edge of project.topology.edges) {
      const m = new RegExp(`<path data-edge-id="${edge.id}" d="M[^"]+"[^>]*>`).exec(svg);
      expect(m, edge.id).not.toBeNull();
      const tag = m?.[0] ?? '';
      if (edge.kind === 'traffic') expect(tag).not.toContain('stroke-dasharray');
      else expect(tag).toContain('stroke-dasharray');
      expect(tag).toContain(`marker-end="url(#archplan-arrow-${edge.kind})"`);
    }
    for (const label of new Set(project.topology.edges.map((e) => e.label)))
      expect(svg).toContain(`>${escapeXml(label)}</text>`);
  });

  it('escapes hostile names and drops characters XML cannot hold', async () => {
    const { project } = await planExample();
    const hostile = `<script>alert("x")</script> & 'Q' \u0001]]>`;
    const topology: Topology = {
      ...project.topology,
      region: 'ap-south-1"><script>',
      nodes: project.topology.nodes.map((n) =>
        n.id === 'ec2-sqlprd01' || n.id === 'subnet-app-a' ? { ...n, name: `${hostile} ${n.name}` } : n,
      ),
      edges: project.topology.edges.map((e) => ({
        ...e,
        label: e.kind === 'backup' ? `</text><script>x</script>` : e.label,
      })),
    };
    const svg = renderDiagramSvg(topology, project.layout, new Map([['ec2-sqlprd01', '<b>free</b>']]));
    expect(findXmlError(svg)).toBeNull();
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('\u0001');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;Q&apos;');
    expect(svg).toContain('&lt;b&gt;free&lt;/b&gt;');
  });

  it('still draws resources the stored layout does not know yet', async () => {
    const { project } = await planExample();
    const layout: Layout = {
      positions: project.layout.positions.filter((p) => p.id !== 'kms-main' && p.id !== 'ec2-iqbot-prd-03'),
    };
    const svg = renderDiagramSvg(project.topology, layout);
    expect(findXmlError(svg)).toBeNull();
    expect(svg).toContain('data-node-id="kms-main"');
    expect(svg).toContain('data-node-id="ec2-iqbot-prd-03"');
    const vb = viewBoxOf(svg);
    const m = /data-node-id="kms-main"><title>[^<]*<\/title><rect x="([\d.]+)" y="([\d.]+)"/.exec(svg);
    expect(m).not.toBeNull();
    expect(Number(m?.[2])).toBeLessThan(vb.y + vb.height);
  });

  it('renders an empty design as a valid, small SVG', () => {
    const svg = renderDiagramSvg(
      { region: 'ap-south-1', nodes: [], edges: [], securityGroups: [], networkAcls: [] },
      { positions: [] },
    );
    expect(findXmlError(svg)).toBeNull();
    expect(svg).toContain('Region ap-south-1');
  });

  it('draws a large estate (120 bots) quickly', async () => {
    const base = (await import('./example-project')).exampleInventory();
    const bot = base.servers.find((s) => s.role === 'bot');
    if (!bot) throw new Error('fixture has no bot');
    const servers = [
      ...base.servers.filter((s) => s.role !== 'bot'),
      ...Array.from({ length: 120 }, (_, i) => ({
        ...bot,
        id: `bot-${i}`,
        name: `BOT-${String(i).padStart(3, '0')}`,
      })),
    ];
    const { project } = await planExample({}, {}, { ...base, servers });
    const started = performance.now();
    const svg = renderDiagramSvg(project.topology, project.layout);
    expect(performance.now() - started).toBeLessThan(8000);
    expect(findXmlError(svg)).toBeNull();
    expect(
      project.topology.nodes
        .filter((n) => !isGroupKind(n.kind))
        .every((n) => svg.includes(`data-node-id="${n.id}"`)),
    ).toBe(true);
  });
});
