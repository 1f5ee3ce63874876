import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  type ISectionOptions,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { zlibSync } from 'fflate';
import type { ProposalViewModel, SectionHeading } from '../../core/proposal/build-proposal';

/**
 * The proposal as a Word document, for teams that edit before sending: the same sections, figures
 * and wording as the PDF (one view model, core/proposal/build-proposal.ts), as editable paragraphs
 * and tables in Word's own heading styles. The diagram is an SVG image (Word 2016+, LibreOffice) with
 * a PNG of it for readers without SVG, drawn by the shell's browser (a plain frame when there is
 * none). Charts become tables, which is what an editor wants anyway.
 */

/** Page sizes in twentieths of a point (portrait). */
const PAGE: Record<ProposalViewModel['meta']['paper'], { width: number; height: number }> = {
  A4: { width: 11906, height: 16838 },
  Letter: { width: 12240, height: 15840 },
};
const MARGIN = 1000; // ~17.6 mm
const FONT = 'Calibri';
const MUTED = '5F6B7A';

function hex(colour: string): string {
  return colour.replace(/^#/, '').toUpperCase();
}

function text(
  value: string,
  options: { bold?: boolean; color?: string; size?: number; italics?: boolean } = {},
): TextRun {
  return new TextRun({ text: value, ...options });
}

function para(value: string, options: { muted?: boolean; bold?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: { after: 120 },
    children: [text(value, { bold: options.bold, ...(options.muted ? { color: MUTED, size: 18 } : {}) })],
  });
}

function heading(h: SectionHeading): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_1,
    spacing: { before: 240, after: 160 },
    children: [text(`${h.number}  ${h.title}`)],
  });
}

function subheading(value: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_2,
    spacing: { before: 200, after: 100 },
    children: [text(value)],
  });
}

function bullet(value: string, numbered = false): Paragraph {
  return new Paragraph({
    ...(numbered ? { numbering: { reference: 'steps', level: 0 } } : { bullet: { level: 0 } }),
    spacing: { after: 60 },
    children: [text(value)],
  });
}

/** A cell: first line as given (bold when asked), further lines smaller and muted. */
type CellSpec = string | { lines: string[]; bold?: boolean };

function cell(
  spec: CellSpec,
  opts: { header: boolean; numeric: boolean; primary: string; shade: boolean },
): TableCell {
  const lines = typeof spec === 'string' ? [spec] : spec.lines.filter((l) => l !== '');
  const bold = opts.header || (typeof spec !== 'string' && spec.bold === true);
  return new TableCell({
    ...(opts.header
      ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: opts.primary } }
      : opts.shade
        ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F4F6F8' } }
        : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: (lines.length > 0 ? lines : ['']).map(
      (line, i) =>
        new Paragraph({
          alignment: opts.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [
            text(line, {
              bold: i === 0 && bold,
              size: i === 0 ? 18 : 16,
              ...(opts.header ? { color: 'FFFFFF' } : i > 0 ? { color: MUTED } : {}),
            }),
          ],
        }),
    ),
  });
}

/** A full-width table; the header row repeats on every page it spans. */
function table(
  headers: readonly string[],
  rows: readonly (readonly CellSpec[])[],
  primary: string,
  numeric: readonly number[] = [],
): Table {
  const isNum = (i: number) => numeric.includes(i);
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'D5DBDB' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        children: headers.map((h, i) => cell(h, { header: true, numeric: isNum(i), primary, shade: false })),
      }),
      ...rows.map(
        (r, ri) =>
          new TableRow({
            cantSplit: true,
            children: r.map((c, i) =>
              cell(c, { header: false, numeric: isNum(i), primary, shade: ri % 2 === 1 }),
            ),
          }),
      ),
    ],
  });
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * The stand-in Word 2013 and older show instead of the SVG diagram: a white frame of the diagram's
 * proportions (a greyscale PNG). Newer Word, LibreOffice and Google Docs show the SVG itself.
 */
export function diagramFallbackPng(width: number, height: number): Uint8Array {
  const w = Math.max(8, Math.round(width));
  const h = Math.max(8, Math.round(height));
  const raw = new Uint8Array((w + 1) * h);
  for (let y = 0; y < h; y++) {
    const row = y * (w + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < w; x++) {
      const edge = x < 2 || y < 2 || x >= w - 2 || y >= h - 2;
      raw[row + 1 + x] = edge ? 0xb0 : 0xff;
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, w);
  v.setUint32(4, h);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlibSync(raw)),
    pngChunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The SVG's size from its viewBox (or width/height); a 4:3 guess when it states none. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? '';
  const vb = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(root);
  if (vb) return { width: Number(vb[1]), height: Number(vb[2]) };
  const w = /\swidth="([\d.]+)"/.exec(root)?.[1];
  const h = /\sheight="([\d.]+)"/.exec(root)?.[1];
  return w && h ? { width: Number(w), height: Number(h) } : { width: 1200, height: 900 };
}

function dataUrlBytes(dataUrl: string): Uint8Array {
  const comma = dataUrl.indexOf(',');
  return Uint8Array.from(Buffer.from(dataUrl.slice(comma + 1), 'base64'));
}

function logoRun(model: ProposalViewModel): ImageRun | null {
  const logo = model.brand.logo;
  if (!logo) return null;
  const bytes = dataUrlBytes(logo.src);
  const ratio = logo.width && logo.height ? logo.height / logo.width : 0.4;
  const width = 180;
  const transformation = { width, height: Math.max(1, Math.round(width * ratio)) };
  if (logo.src.startsWith('data:image/svg+xml'))
    return new ImageRun({
      type: 'svg',
      data: bytes,
      fallback: {
        type: 'png',
        data: diagramFallbackPng(transformation.width, transformation.height),
      },
      transformation,
    });
  return new ImageRun({
    type: logo.src.startsWith('data:image/png') ? 'png' : 'jpg',
    data: bytes,
    transformation,
  });
}

function coverSection(m: ProposalViewModel): Paragraph[] {
  const primary = hex(m.brand.colors.primary);
  const logo = logoRun(m);
  const facts: [string, string][] = [
    ['Prepared for', m.cover.customer],
    ['Prepared by', [m.cover.preparedBy, m.cover.company].filter((v) => v !== '').join(', ')],
    ['Date', m.cover.date],
    ['AWS Region', m.cover.region],
  ];
  return [
    ...(logo ? [new Paragraph({ spacing: { after: 600 }, children: [logo] })] : []),
    new Paragraph({
      spacing: { before: 1200, after: 120 },
      children: [text(m.cover.eyebrow.toUpperCase(), { color: primary, bold: true, size: 20 })],
    }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      spacing: { after: 200 },
      children: [text(m.cover.projectName)],
    }),
    new Paragraph({
      spacing: { after: 600 },
      children: [text(m.cover.subtitle, { size: 26, color: MUTED })],
    }),
    ...facts
      .filter(([, v]) => v !== '')
      .map(
        ([k, v]) =>
          new Paragraph({
            spacing: { after: 80 },
            children: [text(`${k}: `, { color: MUTED }), text(v, { bold: true })],
          }),
      ),
    new Paragraph({ spacing: { before: 600, after: 80 }, children: [text('Contents', { bold: true })] }),
    ...m.contents.map(
      (c) => new Paragraph({ spacing: { after: 40 }, children: [text(`${c.number}  ${c.title}`)] }),
    ),
    new Paragraph({
      spacing: { before: 600 },
      children: [
        text(
          `Generated by ${m.meta.generator} on ${m.meta.generatedOn}. Prices are estimates from AWS public price lists; see ${m.assumptions.title}.`,
          { size: 16, color: MUTED },
        ),
      ],
    }),
  ];
}

function bodyBeforeDiagram(m: ProposalViewModel, primary: string): (Paragraph | Table)[] {
  const s = m.summary;
  const e = m.estate;
  const z = m.sizing;
  const estateRow = (r: ProposalViewModel['estate']['total'], bold = false): CellSpec[] =>
    [r.role, r.servers, r.vcpu, r.memoryGib, r.storageGib, r.cpuP95, r.memoryP95, r.measured].map((v, i) =>
      i === 0 && bold ? { lines: [v], bold: true } : v,
    );
  return [
    heading(s),
    ...(s.intro ? [para(s.intro)] : []),
    table(
      s.keyFigures.map((k) => k.label),
      [s.keyFigures.map((k) => ({ lines: [k.value, k.note], bold: true }))],
      primary,
    ),
    new Paragraph({ spacing: { after: 120 } }),
    ...s.paragraphs.map((p) => para(p)),
    ...s.notes.map((n) => para(n, { muted: true })),
    ...(m.meta.detailNote ? [para(m.meta.detailNote, { muted: true })] : []),

    heading(e),
    para(e.intro),
    table(
      ['Role', 'Servers', 'vCPU', 'Memory GiB', 'Storage GiB', 'CPU p95', 'Memory p95', 'Measured'],
      [...e.rows.map((r) => estateRow(r)), estateRow(e.total, true)],
      primary,
      [1, 2, 3, 4, 5, 6],
    ),
    para(e.source, { muted: true }),
    ...e.notes.map((n) => para(n, { muted: true })),

    heading(z),
    para(z.intro),
    ...(z.grouped ? [para(z.detailNote, { muted: true })] : []),
    table(
      [z.grouped ? 'Servers' : 'Server', 'Current', 'Required', 'Instance', 'Per hour', 'Per month'],
      z.rows.map((r) => [
        { lines: [r.server, r.role, r.members, r.rationale, r.note], bold: true },
        { lines: [r.current, r.utilization] },
        { lines: [r.required, `Confidence: ${r.confidence}`] },
        { lines: [r.instanceType, r.instanceSpec], bold: true },
        { lines: [r.hourlyPrice, r.derivedPrice ? 'derived' : ''] },
        { lines: [r.monthlyPrice, r.monthlyEach] },
      ]),
      primary,
      [4, 5],
    ),
    ...(z.hasDerived ? [para(z.derivedNote, { muted: true })] : []),
  ];
}

function diagramSection(
  m: ProposalViewModel,
  page: { width: number; height: number },
  diagramPng: Uint8Array | null,
): (Paragraph | Table)[] {
  const d = m.diagram;
  const size = svgSize(d.svg);
  // Landscape content box in pixels (96 per inch; 1440 twips per inch), less room for the heading and caption.
  const maxW = ((page.height - 2 * MARGIN) / 1440) * 96;
  const maxH = ((page.width - 2 * MARGIN) / 1440) * 96 - 150;
  const scale = Math.min(maxW / size.width, maxH / size.height);
  const transformation = { width: Math.round(size.width * scale), height: Math.round(size.height * scale) };
  return [
    heading(d),
    para(d.intro),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new ImageRun({
          type: 'svg',
          data: new TextEncoder().encode(d.svg),
          fallback: {
            type: 'png',
            data: diagramPng ?? diagramFallbackPng(transformation.width, transformation.height),
          },
          transformation,
          altText: { name: 'Architecture diagram', description: d.caption, title: d.title },
        }),
      ],
    }),
    para(`${d.caption}${d.note ? ` ${d.note}` : ''}`, { muted: true }),
  ];
}

function bodyAfterDiagram(m: ProposalViewModel, primary: string): (Paragraph | Table)[] {
  const h = m.haComparison;
  const c = m.costs;
  const sec = m.security;
  const a = m.assumptions;
  const out: (Paragraph | Table)[] = [];
  if (h) {
    out.push(
      heading(h),
      para(h.intro),
      table(
        ['Pattern', 'Highly available', 'Monthly', 'Difference', 'Database tier', 'RPO / RTO'],
        h.rows.map((r) => [
          { lines: [`${r.title}${r.selected ? ' (proposed)' : ''}`, r.summary], bold: true },
          r.highlyAvailable,
          r.monthly,
          r.delta,
          r.database,
          { lines: [`RPO ${r.rpo}`, `RTO ${r.rto}`] },
        ]),
        primary,
        [2, 3, 4],
      ),
      ...(h.note ? [para(h.note, { muted: true })] : []),
    );
  }
  out.push(
    heading(c),
    para(c.intro),
    table(
      ['Monthly', 'Yearly', 'Upfront', 'Effective monthly'],
      [[c.totals.monthly, c.totals.yearly, c.totals.upfront, c.totals.effectiveMonthly]],
      primary,
      [0, 1, 2, 3],
    ),
    para(`${c.purchaseOption}. Effective monthly spreads any upfront payment over its term.`, {
      muted: true,
    }),
    ...(c.isLowerBound ? [para(c.lowerBoundNote, { bold: true })] : []),
    subheading('By tier'),
    table(
      ['Tier', 'Per month', 'Share'],
      [
        ...c.byTier.map((t) => [{ lines: [t.label, t.note] }, t.monthly, t.share]),
        [{ lines: ['Total'], bold: true }, c.totals.monthly, ''],
      ],
      primary,
      [1, 2],
    ),
    subheading('By service'),
    table(
      ['Service', 'Per month', 'Share'],
      [
        ...c.byService.map((s) => [s.service, s.monthly, s.share]),
        [{ lines: ['Total'], bold: true }, c.totals.monthly, ''],
      ],
      primary,
      [1, 2],
    ),
  );
  if (c.purchaseOptions) {
    out.push(
      subheading('Purchase options'),
      para(c.purchaseOptions.intro),
      table(
        ['Purchase option', 'Per month', 'Upfront', 'Effective monthly', 'Effective yearly', 'Saving'],
        c.purchaseOptions.rows.map((r) => [
          {
            lines: [`${r.label}${r.selected ? ' (proposed)' : ''}${r.noteRef ? ` [${r.noteRef}]` : ''}`],
            bold: r.selected,
          },
          r.monthly,
          r.upfront,
          r.effectiveMonthly,
          r.effectiveYearly,
          r.saving,
        ]),
        primary,
        [1, 2, 3, 4, 5],
      ),
      ...c.purchaseOptions.notes.map((n) => para(`[${n.ref}] ${n.text}`, { muted: true })),
      ...c.purchaseOptions.unavailable.map((u) =>
        para(`Not priced here: ${u.labels}. ${u.reason}.`, { muted: true }),
      ),
    );
  }
  out.push(para(c.detailNote, { muted: true }), para(`Prices: ${c.priceSource}`, { muted: true }));

  out.push(
    heading(sec),
    para(sec.intro),
    para(sec.counts.map((k) => `${k.value} ${k.label}`).join(' · '), { bold: true }),
    table(
      ['Check', 'Status', 'Severity', 'Controls'],
      sec.checks.map((k) => [
        {
          lines: [
            `${k.ruleId} ${k.title}`,
            k.detail,
            k.fix ? `Fix: ${k.fix}` : '',
            k.suppression,
            k.attestation,
          ],
          bold: true,
        },
        k.statusLabel,
        k.severityLabel,
        k.controls,
      ]),
      primary,
    ),
  );
  if (sec.suppressions.length > 0)
    out.push(
      subheading('Accepted risks'),
      para(
        'Findings the design keeps on purpose. Each has a justification, an owner and a date by which it is reviewed again.',
      ),
      table(
        ['Check', 'Justification', 'Owner', 'Review by'],
        sec.suppressions.map((s) => [
          { lines: [`${s.ruleId} ${s.title}`, `${s.severityLabel} · ${s.resources}`], bold: true },
          s.justification,
          s.owner,
          s.reviewBy,
        ]),
        primary,
      ),
    );
  if (sec.attestations.length > 0)
    out.push(
      subheading('Confirmed account settings'),
      para('Settings outside the design that the customer has confirmed in writing.'),
      table(
        ['Check', 'Statement', 'Signed by', 'Date'],
        sec.attestations.map((t) => [
          { lines: [`${t.ruleId} ${t.title}`], bold: true },
          t.statement,
          t.signedBy,
          t.date,
        ]),
        primary,
      ),
    );

  out.push(heading(a), ...(a.intro ? [para(a.intro)] : []), ...a.items.map((i) => bullet(i)));
  if (a.usage.rows.length > 0)
    out.push(
      subheading('Usage'),
      para(a.usage.intro),
      table(
        ['Figure assumed', 'From'],
        a.usage.rows.map((r) => [r.figure, r.origin]),
        primary,
      ),
    );
  out.push(
    subheading('Prices'),
    para(`${a.priceSource} A month is ${a.hoursPerMonth} hours.`),
    ...a.derivationRules.map((r) => para(`Derived prices (${r.id}). ${r.text}`, { muted: true })),
  );

  const ns = m.nextSteps;
  out.push(
    heading(ns),
    ...(ns.intro ? [para(ns.intro)] : []),
    ...ns.items.map(
      (i) =>
        new Paragraph({
          numbering: { reference: 'steps', level: 0 },
          spacing: { after: 80 },
          children: [text(`${i.title}. `, { bold: true }), text(i.detail)],
        }),
    ),
    ...(ns.closing ? [para(ns.closing)] : []),
  );

  const cd = m.costDetail;
  out.push(
    heading(cd),
    para(cd.intro),
    table(
      ['Resource and cost component', 'Quantity', 'Unit price', 'Per month', 'Source'],
      c.byResource.flatMap((r) => [
        [
          { lines: [`${r.resourceName} — ${r.service}`, r.members], bold: true },
          '',
          '',
          { lines: [r.monthly], bold: true },
          '',
        ],
        ...r.lines.map((l) => [
          {
            lines: [
              l.component,
              l.derived ? `derived: ${l.derivation}` : '',
              l.assumption ? `Assumes ${l.assumption}` : '',
              l.pricingNote,
              l.priced ? '' : l.missingPrice,
            ],
          },
          l.quantity,
          l.unitPrice,
          l.monthly,
          l.sourceRef ? `[${l.sourceRef}]` : '',
        ]),
      ]),
      primary,
      [1, 2, 3, 4],
    ),
    para(`Total per month${c.isLowerBound ? ' (lower bound)' : ''}: ${c.totals.monthly}`, { bold: true }),
    ...(c.derivedCount ? [para(c.derivedCount, { muted: true })] : []),
    subheading('Price sources'),
    table(
      ['#', 'Source', 'File', 'Published by AWS'],
      c.sources.map((s) => [`[${s.ref}]`, s.description, s.file, s.publishedAt]),
      primary,
    ),
  );
  return out;
}

function footer(m: ProposalViewModel): Footer {
  return new Footer({
    children: [
      new Paragraph({
        children: [
          text(`${m.meta.documentTitle}    `, { size: 15, color: MUTED }),
          new TextRun({
            children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
            size: 15,
            color: MUTED,
          }),
        ],
      }),
    ],
  });
}

export interface ProposalDocxOptions {
  /** The diagram drawn as PNG (rasteriseSvgToPng) for readers without SVG; a plain frame when absent. */
  diagramPng?: Uint8Array | null;
}

/** The proposal document model (docx's Document) for a view model. */
export function buildProposalDocument(m: ProposalViewModel, options: ProposalDocxOptions = {}): Document {
  const page = PAGE[m.meta.paper];
  const primary = hex(m.brand.colors.primary);
  const ink = hex(m.brand.colors.text);
  const margin = { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN };
  const portrait = { page: { size: { ...page, orientation: PageOrientation.PORTRAIT }, margin } };
  const landscape = { page: { size: { ...page, orientation: PageOrientation.LANDSCAPE }, margin } };
  const foot = { default: footer(m) };
  const sections: ISectionOptions[] = [
    { properties: portrait, children: coverSection(m) },
    { properties: portrait, footers: foot, children: bodyBeforeDiagram(m, primary) },
    { properties: landscape, footers: foot, children: diagramSection(m, page, options.diagramPng ?? null) },
    { properties: portrait, footers: foot, children: bodyAfterDiagram(m, primary) },
  ];
  return new Document({
    creator: [m.cover.preparedBy, m.brand.companyName].filter((v) => v !== '').join(', ') || m.meta.generator,
    title: m.meta.documentTitle,
    description: `AWS architecture proposal for ${m.cover.customer || m.cover.projectName}`,
    styles: {
      default: {
        document: { run: { font: FONT, size: 20, color: ink } },
        title: { run: { font: FONT, size: 56, bold: true, color: ink } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: primary } },
        heading2: { run: { font: FONT, size: 24, bold: true, color: ink } },
      },
    },
    numbering: {
      config: [
        {
          reference: 'steps',
          levels: [{ level: 0, format: 'decimal', text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    sections,
  });
}

/** proposal.docx as bytes. */
export async function renderProposalDocx(
  m: ProposalViewModel,
  options: ProposalDocxOptions = {},
): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(buildProposalDocument(m, options)));
}
