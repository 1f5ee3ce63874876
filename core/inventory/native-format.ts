import type { Issue } from '../model/issue';
import type { SqlEdition, Utilization } from '../model/inventory';
import { type ParsedInventory, type ServerDraft, at, emptyParse, finishInventory } from './finish-inventory';
import { roleFromWord } from './infer-role';
import { type NumberSpec, readNumberField, splitList } from './read-field';
import { type SheetTable, cellText, headerKey, isBlankRow, readHeader } from './table';

/**
 * The native inventory format (README, "Inventory formats"): one row per server, the first row names
 * the columns (any order, case-insensitive). The same columns in a CSV or in the first sheet of an
 * XLSX. `NATIVE_COLUMN_DOCS` is the documented mapping; the template and the README are built from it.
 */
export interface NativeColumnDoc {
  column: string;
  required: boolean;
  meaning: string;
  example: string;
}

export const NATIVE_COLUMN_DOCS: readonly NativeColumnDoc[] = [
  { column: 'name', required: true, meaning: 'host name', example: 'SQLPRD01' },
  {
    column: 'role',
    required: false,
    meaning:
      'bot, control-room, sql, web, app or other; inferred from the name, applications and SQL edition when empty (and said so)',
    example: 'sql',
  },
  {
    column: 'os',
    required: false,
    meaning: 'as the customer wrote it; every server is planned as Windows Server',
    example: 'Windows Server 2019 Datacenter',
  },
  { column: 'vcpu', required: true, meaning: 'allocated vCPUs (whole number)', example: '16' },
  {
    column: 'memory_gib',
    required: true,
    meaning: 'allocated memory in GiB ("16384 MiB" or "16 GB" also accepted)',
    example: '128',
  },
  {
    column: 'storage_gib',
    required: true,
    meaning: 'allocated disk in GiB (a unit in the cell is converted)',
    example: '1500',
  },
  {
    column: 'cpu_avg_pct',
    required: false,
    meaning: 'average CPU utilisation, 0–100 (`45` or `45%`)',
    example: '22',
  },
  {
    column: 'cpu_p95_pct',
    required: false,
    meaning: '95th-percentile CPU utilisation, 0–100',
    example: '46',
  },
  { column: 'cpu_max_pct', required: false, meaning: 'peak CPU utilisation, 0–100', example: '71' },
  { column: 'memory_avg_pct', required: false, meaning: 'average memory utilisation, 0–100', example: '80' },
  {
    column: 'memory_p95_pct',
    required: false,
    meaning: '95th-percentile memory utilisation, 0–100',
    example: '91',
  },
  { column: 'memory_max_pct', required: false, meaning: 'peak memory utilisation, 0–100', example: '95' },
  {
    column: 'disk_iops_p95',
    required: false,
    meaning: '95th-percentile disk IOPS (reads + writes); sizes SQL Server volumes',
    example: '4500',
  },
  {
    column: 'sql_edition',
    required: false,
    meaning: 'none, express, web, standard or enterprise',
    example: 'enterprise',
  },
  {
    column: 'applications',
    required: false,
    meaning: 'installed applications, separated by ";" (used to infer the role)',
    example: 'Microsoft SQL Server 2019 Enterprise',
  },
  {
    column: 'concurrent_automations',
    required: false,
    meaning:
      'RPA: automations that must run at once on this runner (or, on a control room, across the estate)',
    example: '3',
  },
];

/** Also read, not in the template: the other percentiles the sizing can use. */
const EXTRA_PERCENTILE_COLUMNS = [
  'cpu_p50_pct',
  'cpu_p90_pct',
  'cpu_p99_pct',
  'memory_p50_pct',
  'memory_p90_pct',
  'memory_p99_pct',
] as const;

export const NATIVE_COLUMNS = NATIVE_COLUMN_DOCS.map((d) => d.column);
const REQUIRED = NATIVE_COLUMN_DOCS.filter((d) => d.required).map((d) => d.column);

/** Other spellings seen in customer sheets → the native column and the unit the values are in. */
const ALIASES: Readonly<Record<string, { column: string; unit?: string }>> = {
  hostname: { column: 'name' },
  host: { column: 'name' },
  server: { column: 'name' },
  servername: { column: 'name' },
  operatingsystem: { column: 'os' },
  vcpus: { column: 'vcpu' },
  cpus: { column: 'vcpu' },
  memorygb: { column: 'memory_gib' },
  ramgb: { column: 'memory_gib' },
  ramgib: { column: 'memory_gib' },
  memorymb: { column: 'memory_gib', unit: 'MiB' },
  memorymib: { column: 'memory_gib', unit: 'MiB' },
  storagegb: { column: 'storage_gib' },
  diskgb: { column: 'storage_gib' },
  diskgib: { column: 'storage_gib' },
  sqledition: { column: 'sql_edition' },
  edition: { column: 'sql_edition' },
};

const EDITION_ALIASES: Readonly<Record<string, SqlEdition>> = {
  '': 'none',
  none: 'none',
  'n/a': 'none',
  na: 'none',
  '-': 'none',
  express: 'express',
  web: 'web',
  standard: 'standard',
  std: 'standard',
  enterprise: 'enterprise',
  ent: 'enterprise',
};

export function parseSqlEdition(text: string): SqlEdition | undefined {
  const t = text.trim().toLowerCase();
  return (
    EDITION_ALIASES[t] ?? EDITION_ALIASES[t.replace(/^sql\s*(server\s*)?/, '').replace(/\s*edition$/, '')]
  );
}

const PCT: NumberSpec = { min: 0, max: 100, optional: true, percent: true, example: '45' };

/** Reads a native-format table (CSV or the inventory sheet of an XLSX). */
export function parseNativeTable(
  table: SheetTable,
  fileName: string,
  importedAt: string,
  format: 'native-csv' | 'native-xlsx',
  preIssues: Issue[] = [],
): ParsedInventory {
  const issues: Issue[] = [...preIssues];
  const label = table.label;
  const header = readHeader(table);
  if (!header) {
    issues.push({
      code: 'inventory.empty',
      severity: 'error',
      message: `${label} has no header row.`,
      hint: `The first row must name the columns: ${NATIVE_COLUMNS.join(', ')}.`,
      path: at(label, 1),
    });
    return emptyParse(issues);
  }
  const headerRow = table.rows[header.index];
  const headerLine = headerRow?.line ?? 1;
  const known = new Set([...NATIVE_COLUMNS, ...EXTRA_PERCENTILE_COLUMNS]);
  const keyOf = new Map([...known].map((c) => [headerKey(c), c]));
  const columns = new Map<string, { index: number; unit?: string; header: string }>();
  header.names.forEach((raw, index) => {
    if (raw === '') return;
    const key = headerKey(raw);
    const alias = ALIASES[key];
    const column = keyOf.get(key) ?? alias?.column;
    if (!column) {
      issues.push({
        code: 'inventory.unknown-column',
        severity: 'notice',
        message: `Column "${raw}" is not used and was ignored.`,
        hint: `Recognised columns: ${NATIVE_COLUMNS.join(', ')}.`,
        path: at(label, headerLine, raw),
      });
      return;
    }
    if (columns.has(column)) {
      issues.push({
        code: 'inventory.duplicate-column',
        severity: 'error',
        message: `Column "${column}" appears twice (as "${columns.get(column)?.header}" and "${raw}").`,
        hint: 'Delete one of the two columns.',
        path: at(label, headerLine, raw),
      });
      return;
    }
    columns.set(column, { index, header: raw, ...(alias?.unit ? { unit: alias.unit } : {}) });
  });
  for (const col of REQUIRED) {
    if (!columns.has(col))
      issues.push({
        code: 'inventory.missing-column',
        severity: 'error',
        message: `Required column "${col}" is missing.`,
        hint: `Add a "${col}" column; the header must include ${REQUIRED.join(', ')}.`,
        path: at(label, headerLine, col),
      });
  }
  if (issues.some((i) => i.severity === 'error')) return emptyParse(issues);

  const drafts: ServerDraft[] = [];
  const decimalComma = table.delimiter === ';';
  for (const record of table.rows.slice(header.index + 1)) {
    if (isBlankRow(record)) {
      if (record.cells.length > 1)
        issues.push({
          code: 'inventory.empty-row',
          severity: 'notice',
          message: `Row ${record.line} is empty and was skipped.`,
          hint: 'Delete empty rows to silence this notice.',
          path: at(label, record.line),
        });
      continue;
    }
    const rowIssues: Issue[] = [];
    const ctx = { label, line: record.line, decimalComma, issues: rowIssues };
    const raw = (col: string) => {
      const c = columns.get(col);
      return c === undefined ? undefined : record.cells[c.index];
    };
    const text = (col: string) => cellText(raw(col));
    const num = (col: string, spec: NumberSpec) => {
      const unit = columns.get(col)?.unit;
      return columns.has(col)
        ? readNumberField(ctx, col, raw(col), unit ? { ...spec, sizeUnit: unit } : spec)
        : null;
    };
    const name = text('name');
    if (name === '')
      rowIssues.push({
        code: 'inventory.missing-value',
        severity: 'error',
        message: `"name" is empty.`,
        hint: 'Give every server a name (its host name).',
        path: at(label, record.line, 'name'),
      });
    const vcpu = num('vcpu', { integer: true, min: 1, max: 1024, example: '8' });
    const memoryGib = num('memory_gib', { min: 0.5, max: 32768, sizeUnit: 'GiB', example: '32' });
    const storageGib = num('storage_gib', { min: 0, max: 1_000_000, sizeUnit: 'GiB', example: '500' });
    const util = (prefix: 'cpu' | 'memory'): Utilization => ({
      avg: num(`${prefix}_avg_pct`, PCT),
      p50: num(`${prefix}_p50_pct`, PCT),
      p90: num(`${prefix}_p90_pct`, PCT),
      p95: num(`${prefix}_p95_pct`, PCT),
      p99: num(`${prefix}_p99_pct`, PCT),
      max: num(`${prefix}_max_pct`, PCT),
    });
    const cpu = util('cpu');
    const memory = util('memory');
    const diskIopsP95 = num('disk_iops_p95', { min: 0, max: 10_000_000, optional: true, example: '3000' });
    const concurrentAutomations = num('concurrent_automations', {
      min: 0,
      max: 10_000,
      integer: true,
      optional: true,
      example: '2',
    });
    const editionText = text('sql_edition');
    const edition = parseSqlEdition(editionText);
    if (edition === undefined)
      rowIssues.push({
        code: 'inventory.bad-edition',
        severity: 'error',
        message: `"sql_edition" is "${editionText.slice(0, 40)}".`,
        hint: 'Use one of: none, express, web, standard, enterprise (or leave it empty).',
        path: at(label, record.line, 'sql_edition'),
      });
    const roleText = text('role');
    const role = roleText === '' ? null : roleFromWord(roleText);
    if (role === undefined)
      rowIssues.push({
        code: 'inventory.bad-role',
        severity: 'error',
        message: `"role" is "${roleText.slice(0, 40)}".`,
        hint: 'Use one of: bot, control-room, sql, web, app, other.',
        path: at(label, record.line, 'role'),
      });
    issues.push(...rowIssues);
    if (
      rowIssues.length > 0 ||
      vcpu === null ||
      memoryGib === null ||
      storageGib === null ||
      role === undefined ||
      edition === undefined
    )
      continue;
    drafts.push({
      label,
      line: record.line,
      name,
      role,
      os: text('os').slice(0, 200) || 'Windows Server',
      vcpu,
      memoryGib,
      storageGib,
      cpu,
      memory,
      diskIopsP95,
      // An empty edition cell means "not stated": inferred from the applications when they name one.
      sqlEdition: editionText === '' && columns.has('applications') ? null : edition,
      applications: splitList(text('applications')),
      notes: '',
      concurrentAutomations,
      columns: { role: 'role', sqlEdition: 'sql_edition', os: 'os', name: 'name' },
    });
  }
  return finishInventory(drafts, { fileName, format, importedAt, issues });
}
