import { NATIVE_COLUMN_DOCS } from './native-format';
import type { CellValue } from './table';
import { buildXlsx } from './xlsx-write';

/**
 * The native inventory template, offered by `archplan template` and the app's "Download template":
 * the header, three example rows to overwrite (a bot runner, a control room, a SQL Server), and in
 * the XLSX a "Columns" sheet with the documented mapping.
 */
export const TEMPLATE_EXAMPLE_ROWS: readonly (readonly CellValue[])[] = [
  // name, role, os, vcpu, memory_gib, storage_gib, cpu avg/p95/max, memory avg/p95/max, iops, edition, applications, concurrent
  [
    'BOT-RUNNER-01',
    'bot',
    'Windows Server 2019 Datacenter',
    8,
    16,
    150,
    31,
    58,
    86,
    55,
    72,
    80,
    null,
    'none',
    'Automation Anywhere Bot Agent',
    1,
  ],
  [
    'CONTROL-ROOM-01',
    'control-room',
    'Windows Server 2019 Datacenter',
    8,
    32,
    300,
    18,
    42,
    65,
    48,
    61,
    70,
    null,
    'none',
    'Automation Anywhere Control Room',
    null,
  ],
  [
    'SQL-01',
    'sql',
    'Windows Server 2019 Datacenter',
    8,
    64,
    1000,
    12,
    30,
    55,
    78,
    80,
    84,
    4500,
    'standard',
    'Microsoft SQL Server 2019 Standard',
    null,
  ],
];

function csvCell(v: CellValue): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 CSV text (with a BOM, so Excel opens it as UTF-8). */
export function buildInventoryTemplateCsv(): string {
  const header = NATIVE_COLUMN_DOCS.map((d) => d.column);
  const lines = [header, ...TEMPLATE_EXAMPLE_ROWS].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function buildInventoryTemplateXlsx(): Uint8Array {
  const header = NATIVE_COLUMN_DOCS.map((d) => d.column);
  return buildXlsx([
    {
      name: 'Inventory',
      rows: [header, ...TEMPLATE_EXAMPLE_ROWS],
      widths: header
        .map((h) => Math.max(12, h.length + 2))
        .map((w, i) => (i === 0 ? 20 : i === 2 ? 30 : i === 14 ? 36 : w)),
      freezeHeader: true,
    },
    {
      name: 'Columns',
      rows: [
        ['column', 'required', 'meaning', 'example'],
        ...NATIVE_COLUMN_DOCS.map((d) => [
          d.column,
          d.required ? 'yes' : 'no',
          d.meaning.replace(/`/g, ''),
          d.example,
        ]),
        [],
        [
          'Replace the example rows with the customer’s servers, one row per server. Units: memory and storage in GiB, utilisation in percent (0–100).',
        ],
      ],
      widths: [24, 10, 90, 36],
      freezeHeader: true,
    },
  ]);
}
