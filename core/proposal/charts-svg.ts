import { escapeXml, estimateTextWidth } from './diagram-svg';

/**
 * Small, self-contained SVG charts for the proposal (cost by tier, by service, purchase options),
 * drawn here rather than by a chart library: a few rectangles and arcs, deterministic bytes, every
 * label through escapeXml. Values are numbers only for geometry; the figures printed beside the bars
 * are the caller's exact, pre-formatted strings, so a chart never shows a different amount from the
 * tables.
 */

export interface ChartRow {
  label: string;
  /** Drawing value (e.g. dollars as a number). Negative values draw as zero. */
  value: number;
  /** The figure printed at the end of the bar or in the legend: "$1,234.56". */
  valueText: string;
  /** Extra text after the figure: "12.5%", "saves 31.2%". */
  note?: string;
  /** Draw in the highlight colour (the proposed option). */
  highlight?: boolean;
  /** No bar at all (an option that cannot be priced): the valueText explains. */
  missing?: boolean;
}

export interface ChartPalette {
  /** Bar and first-slice colour. */
  primary: string;
  accent: string;
  highlight: string;
  ink: string;
  muted: string;
}

export const DEFAULT_CHART_PALETTE: ChartPalette = {
  primary: '#0B5CAD',
  accent: '#00A4A6',
  highlight: '#FF9900',
  ink: '#16191F',
  muted: '#5F6B7A',
};

/** The font the charts ask for: the proposal's embedded font first, so charts match the text. */
export const CHART_FONT =
  "Inter, 'Segoe UI', 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', sans-serif";

/** One decimal at most, never "-0": byte-stable output. */
function n(value: number): string {
  const r = Math.round(value * 10) / 10;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

function fit(text: string, maxWidth: number, size: number, bold = false): string {
  if (estimateTextWidth(text, size, bold) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && estimateTextWidth(`${chars.join('')}…`, size, bold) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

function svgOpen(width: number, height: number, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" font-family="${escapeXml(CHART_FONT)}">` +
    `<title>${escapeXml(title)}</title>`
  );
}

/** Colour from "#RRGGBB" mixed towards white by `amount` (0–1): the lighter shades of a slice series. */
export function tint(hex: string, amount: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const v = parseInt(m[1] as string, 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const r = mix((v >> 16) & 255);
  const g = mix((v >> 8) & 255);
  const b = mix(v & 255);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1).toUpperCase()}`;
}

/** Distinct, brand-derived colours for up to a dozen slices or bars. */
export function seriesColors(palette: ChartPalette, count: number): string[] {
  const base = [palette.primary, palette.accent, palette.highlight, palette.muted];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const round = Math.floor(i / base.length);
    out.push(tint(base[i % base.length] as string, Math.min(0.75, round * 0.35)));
  }
  return out;
}

export interface BarChartOptions {
  title: string;
  width?: number;
  palette?: ChartPalette;
  /** Colour every bar the same (default) or one colour per row (series colours). */
  colorEach?: boolean;
}

/**
 * Horizontal bars, one row per item, largest value = full width. The label sits left of the bar,
 * the figure (and note) right of it; a bar too small to see still gets a hairline so a real cost
 * never looks like nothing.
 */
export function renderBarChart(rows: readonly ChartRow[], options: BarChartOptions): string {
  const palette = options.palette ?? DEFAULT_CHART_PALETTE;
  const width = options.width ?? 640;
  const rowHeight = 20;
  const labelSize = 10;
  const valueSize = 10;
  const pad = 4;
  const labelWidth = Math.min(
    width * 0.46,
    Math.max(60, ...rows.map((r) => estimateTextWidth(r.label, labelSize))) + 8,
  );
  const valueWidth =
    Math.max(
      40,
      ...rows.map((r) => estimateTextWidth(`${r.valueText}${r.note ? `  ${r.note}` : ''}`, valueSize)),
    ) + 10;
  const barX = labelWidth;
  const barMax = Math.max(20, width - labelWidth - valueWidth);
  const max = Math.max(0, ...rows.filter((r) => !r.missing).map((r) => r.value));
  const colors = options.colorEach ? seriesColors(palette, rows.length) : [];
  const height = rows.length * rowHeight + pad * 2;
  const parts = [svgOpen(width, height, options.title)];
  rows.forEach((row, i) => {
    const y = pad + i * rowHeight;
    const mid = y + rowHeight / 2;
    parts.push(
      `<text x="${n(labelWidth - 8)}" y="${n(mid + 3.5)}" font-size="${labelSize}" text-anchor="end" fill="${palette.ink}"${row.highlight ? ' font-weight="700"' : ''}>${escapeXml(fit(row.label, labelWidth - 10, labelSize, row.highlight))}</text>`,
    );
    let end = barX;
    if (!row.missing) {
      const w = max > 0 ? Math.max(row.value > 0 ? 1.5 : 0, (Math.max(0, row.value) / max) * barMax) : 0;
      const fill = row.highlight ? palette.highlight : (colors[i] ?? palette.primary);
      if (w > 0)
        parts.push(
          `<rect x="${n(barX)}" y="${n(y + 4)}" width="${n(w)}" height="${n(rowHeight - 8)}" rx="1.5" fill="${fill}"/>`,
        );
      end = barX + w;
    }
    const text = `<tspan font-weight="${row.highlight ? '700' : '600'}">${escapeXml(row.valueText)}</tspan>${row.note ? `<tspan fill="${palette.muted}" dx="6">${escapeXml(row.note)}</tspan>` : ''}`;
    parts.push(
      `<text x="${n(end + 6)}" y="${n(mid + 3.5)}" font-size="${valueSize}" fill="${row.missing ? palette.muted : palette.ink}">${text}</text>`,
    );
  });
  parts.push(
    `<path d="M${n(barX)} ${n(pad)}V${n(height - pad)}" stroke="${palette.muted}" stroke-width="0.6"/>`,
  );
  parts.push('</svg>');
  return parts.join('');
}

export interface DonutChartOptions {
  title: string;
  /** Two short lines in the hole: the total and what it is. */
  centre: [string, string];
  width?: number;
  palette?: ChartPalette;
}

function arcPath(cx: number, cy: number, r: number, inner: number, from: number, to: number): string {
  // Angles in turns from 12 o'clock, clockwise.
  const pt = (radius: number, turn: number) => {
    const a = turn * 2 * Math.PI - Math.PI / 2;
    return [cx + radius * Math.cos(a), cy + radius * Math.sin(a)] as const;
  };
  const large = to - from > 0.5 ? 1 : 0;
  const [x1, y1] = pt(r, from);
  const [x2, y2] = pt(r, to);
  const [x3, y3] = pt(inner, to);
  const [x4, y4] = pt(inner, from);
  return `M${n(x1)} ${n(y1)}A${n(r)} ${n(r)} 0 ${large} 1 ${n(x2)} ${n(y2)}L${n(x3)} ${n(y3)}A${n(inner)} ${n(inner)} 0 ${large} 0 ${n(x4)} ${n(y4)}Z`;
}

/**
 * A donut of shares with a legend beside it (label, figure, share). Slices under 0.2% are still
 * drawn as a sliver; a single slice is a full ring.
 */
export function renderDonutChart(rows: readonly ChartRow[], options: DonutChartOptions): string {
  const palette = options.palette ?? DEFAULT_CHART_PALETTE;
  const width = options.width ?? 640;
  const r = 78;
  const inner = 50;
  const cx = r + 6;
  const cy = r + 6;
  const legendX = cx + r + 28;
  const legendRow = 22;
  const height = Math.max(2 * r + 12, rows.length * legendRow + 12);
  const colors = seriesColors(palette, rows.length);
  const total = rows.reduce((a, row) => a + Math.max(0, row.value), 0);
  const parts = [svgOpen(width, height, options.title)];
  if (total <= 0) {
    parts.push(
      `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n((r + inner) / 2)}" fill="none" stroke="#D5DBDB" stroke-width="${n(r - inner)}"/>`,
    );
  } else {
    const visible = rows.filter((row) => row.value > 0);
    if (visible.length === 1) {
      const i = rows.indexOf(visible[0] as ChartRow);
      parts.push(
        `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n((r + inner) / 2)}" fill="none" stroke="${colors[i]}" stroke-width="${n(r - inner)}"/>`,
      );
    } else {
      let at = 0;
      rows.forEach((row, i) => {
        if (row.value <= 0) return;
        const share = Math.max(0.002, row.value / total);
        const to = Math.min(1, at + share);
        parts.push(
          `<path d="${arcPath(cx, cy, r, inner, at, to)}" fill="${colors[i]}" stroke="#FFFFFF" stroke-width="1"/>`,
        );
        at = to;
      });
    }
  }
  parts.push(
    `<text x="${n(cx)}" y="${n(cy - 2)}" font-size="12" font-weight="700" text-anchor="middle" fill="${palette.ink}">${escapeXml(fit(options.centre[0], 2 * inner - 8, 12, true))}</text>`,
    `<text x="${n(cx)}" y="${n(cy + 13)}" font-size="9" text-anchor="middle" fill="${palette.muted}">${escapeXml(fit(options.centre[1], 2 * inner - 8, 9))}</text>`,
  );
  const legendTop = (height - rows.length * legendRow) / 2;
  const valueRight = width - 4;
  rows.forEach((row, i) => {
    const y = legendTop + i * legendRow + legendRow / 2;
    const noteWidth = row.note ? estimateTextWidth(row.note, 10) + 12 : 0;
    const valueX = valueRight - noteWidth;
    const labelRoom = valueX - estimateTextWidth(row.valueText, 10, true) - 12 - (legendX + 18);
    parts.push(
      `<rect x="${n(legendX)}" y="${n(y - 6)}" width="12" height="12" rx="2" fill="${colors[i]}"/>`,
      `<text x="${n(legendX + 18)}" y="${n(y + 3.5)}" font-size="10" fill="${palette.ink}">${escapeXml(fit(row.label, labelRoom, 10))}</text>`,
      `<text x="${n(valueX)}" y="${n(y + 3.5)}" font-size="10" font-weight="600" text-anchor="end" fill="${palette.ink}">${escapeXml(row.valueText)}</text>`,
    );
    if (row.note)
      parts.push(
        `<text x="${n(valueRight)}" y="${n(y + 3.5)}" font-size="10" text-anchor="end" fill="${palette.muted}">${escapeXml(row.note)}</text>`,
      );
  });
  parts.push('</svg>');
  return parts.join('');
}
