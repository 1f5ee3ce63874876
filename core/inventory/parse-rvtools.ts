import type { Issue } from '../model/issue';
import { NO_UTILIZATION, type Utilization } from '../model/inventory';
import { csvTable } from './csv-table';
import { type ParsedInventory, type ServerDraft, at, emptyParse, finishInventory } from './finish-inventory';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits';
import { readNumber, roundGib, toGib } from './numbers';
import { readNumberField } from './read-field';
import { type SheetTable, type TableRow, cellText, headerKey, isBlankRow, readHeader } from './table';
import { openXlsx } from './xlsx-read';
import { xlsxIssue } from './xlsx-issue';

/**
 * RVTools exports of a VMware estate: the XLSX with its vInfo, vCPU, vMemory and vDisk sheets, or the
 * same tabs as CSV files ("Export all to csv": RVTools_tabvInfo.csv …, loose or zipped). VMs are
 * joined across tabs by VM UUID when both tabs have it, otherwise by VM name.
 *
 * RVTools records use at the moment of export, not over time, so its figures are stored as what they
 * are: CPU "Overall" ÷ "Max" (MHz) and memory "Active" ÷ "Size" as averages. Sizing uses an average
 * only when no percentile is given, says so, and lowers its confidence.
 */

export type RvtoolsTab = 'vInfo' | 'vCPU' | 'vMemory' | 'vDisk';
export const RVTOOLS_TABS: readonly RvtoolsTab[] = ['vInfo', 'vCPU', 'vMemory', 'vDisk'];

export const RVTOOLS_COLUMN_DOCS: readonly { tab: RvtoolsTab; column: string; use: string }[] = [
  { tab: 'vInfo', column: 'VM', use: 'name; the key that joins the tabs (with VM UUID when present)' },
  {
    tab: 'vInfo',
    column: 'Powerstate',
    use: 'powered-off and suspended VMs are imported with a notice, sized as allocated',
  },
  {
    tab: 'vInfo',
    column: 'Template, SRM Placeholder',
    use: 'templates and SRM placeholders are listed as excluded, with the reason',
  },
  { tab: 'vInfo', column: 'CPUs', use: 'vCPU' },
  { tab: 'vInfo', column: 'Memory', use: 'memory in MiB' },
  {
    tab: 'vInfo',
    column: 'Total disk capacity MiB, Provisioned MiB',
    use: 'storage when there is no vDisk tab (Provisioned includes the swap file)',
  },
  {
    tab: 'vInfo',
    column: 'OS according to the VMware Tools / the configuration file',
    use: 'operating system (Tools first)',
  },
  { tab: 'vInfo', column: 'Annotation', use: 'notes: used to infer the role and SQL Server edition' },
  { tab: 'vCPU', column: 'Overall ÷ Max', use: 'CPU use at export (MHz ÷ MHz), stored as the average' },
  { tab: 'vMemory', column: 'Active ÷ Size MiB', use: 'memory use at export, stored as the average' },
  {
    tab: 'vMemory',
    column: 'Consumed',
    use: 'not used: Windows touches every page at boot, so it reads close to 100 %',
  },
  { tab: 'vDisk', column: 'Capacity MiB', use: 'storage: the sum of the VM’s disks' },
];

const K = headerKey;

/** The columns each tab is read for (the rest of RVTools' columns are skipped when reading an XLSX). */
const JOIN = ['VM', 'VM UUID', 'Powerstate', 'Template', 'SRM Placeholder'];
const READ_COLUMNS: Readonly<Record<RvtoolsTab, readonly string[]>> = {
  vInfo: [
    ...JOIN,
    'CPUs',
    'Memory',
    'Total disk capacity MiB',
    'Provisioned MiB',
    'Provisioned MB',
    'OS according to the configuration file',
    'OS according to the VMware Tools',
    'Annotation',
    'Folder',
  ],
  vCPU: [...JOIN, 'CPUs', 'Sockets', 'Cores p/s', 'Max', 'Overall'],
  vMemory: [...JOIN, 'Size MiB', 'Size MB', 'Consumed', 'Active'],
  vDisk: [...JOIN, 'Disk', 'Capacity MiB', 'Capacity MB'],
};

interface Indexed {
  table: SheetTable;
  headerIndex: number;
  col(name: string, ...alternatives: string[]): number | undefined;
}

function indexTable(table: SheetTable): Indexed | null {
  const header = readHeader(table);
  if (!header) return null;
  // Looked up once per name: the join runs per row, and header keys are regex work.
  const cache = new Map<string, number | undefined>();
  return {
    table,
    headerIndex: header.index,
    col: (name, ...alternatives) => {
      const key = alternatives.length === 0 ? name : [name, ...alternatives].join('\u0000');
      if (cache.has(key)) return cache.get(key);
      let found: number | undefined;
      for (const n of [name, ...alternatives]) {
        found = header.columns.get(K(n));
        if (found !== undefined) break;
      }
      cache.set(key, found);
      return found;
    },
  };
}

function rowsOf(t: Indexed): TableRow[] {
  return t.table.rows.slice(t.headerIndex + 1).filter((r) => !isBlankRow(r));
}

/** Which RVTools tab a table is, from its header. */
export function classifyRvtoolsTable(table: SheetTable): RvtoolsTab | null {
  const header = readHeader(table);
  if (!header || !header.columns.has(K('VM'))) return null;
  const has = (n: string) => header.columns.has(K(n));
  if (has('Overall') && has('Max') && (has('Sockets') || has('Cores p/s'))) return 'vCPU';
  if ((has('Size MiB') || has('Size MB')) && (has('Consumed') || has('Active'))) return 'vMemory';
  if (has('Disk') && (has('Capacity MiB') || has('Capacity MB'))) return 'vDisk';
  // vInfo last: a vInfo missing a column is still vInfo, and is reported as such.
  if (has('Powerstate') || has('CPUs') || has('Memory')) return 'vInfo';
  return null;
}

function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  return /^(true|yes|1)$/i.test(cellText(v as string));
}

/** Joins the tabs and reads one server per VM in vInfo. */
export function parseRvtoolsTables(
  tabs: Partial<Record<RvtoolsTab, SheetTable>>,
  fileName: string,
  importedAt: string,
  format: 'rvtools-xlsx' | 'rvtools-csv',
  preIssues: Issue[] = [],
): ParsedInventory {
  const issues: Issue[] = [...preIssues];
  const infoTable = tabs.vInfo;
  if (!infoTable)
    return emptyParse([
      ...issues,
      {
        code: 'inventory.rvtools-no-vinfo',
        severity: 'error',
        message: `${fileName} has no vInfo tab: it holds the VMs, their vCPUs and memory.`,
        hint: 'Export all tabs from RVTools ("Export all to Excel", or "Export all to csv" and zip the folder).',
        path: at(fileName),
      },
    ]);
  const info = indexTable(infoTable);
  const label = infoTable.label;
  if (!info)
    return emptyParse([
      ...issues,
      {
        code: 'inventory.empty',
        severity: 'error',
        message: `${label} is empty.`,
        hint: 'Export the inventory again from RVTools.',
        path: at(label, 1),
      },
    ]);
  const headerLine = infoTable.rows[info.headerIndex]?.line ?? 1;
  const required: [string, number | undefined][] = [
    ['VM', info.col('VM')],
    ['CPUs', info.col('CPUs')],
    ['Memory', info.col('Memory')],
  ];
  for (const [name, c] of required)
    if (c === undefined)
      issues.push({
        code: 'inventory.missing-column',
        severity: 'error',
        message: `vInfo has no "${name}" column.`,
        hint: 'Export vInfo with all its columns (RVTools, File → Export all).',
        path: at(label, headerLine, name),
      });
  if (issues.some((i) => i.severity === 'error')) return emptyParse(issues);

  // Per-VM figures from the other tabs, keyed by VM name — or by VM UUID when names repeat (VMs of
  // several vCenters) and both tabs carry it.
  const uuidCol = namesRepeat(info) ? info.col('VM UUID') : undefined;
  const keyFor = (t: Indexed, row: TableRow, useUuid: boolean): string => {
    const uuid = useUuid ? cellText(row.cells[t.col('VM UUID') ?? -1]) : '';
    return uuid !== ''
      ? `uuid:${uuid.toLowerCase()}`
      : `vm:${cellText(row.cells[t.col('VM') ?? -1]).toLowerCase()}`;
  };
  const others: { tab: RvtoolsTab; t: Indexed; useUuid: boolean }[] = [];
  for (const tab of ['vCPU', 'vMemory', 'vDisk'] as const) {
    const table = tabs[tab];
    const t = table ? indexTable(table) : null;
    if (t) others.push({ tab, t, useUuid: uuidCol !== undefined && t.col('VM UUID') !== undefined });
    else
      issues.push({
        code: 'inventory.rvtools-missing-tab',
        severity: 'notice',
        message:
          tab === 'vDisk'
            ? 'No vDisk tab: storage is taken from vInfo (total disk capacity, or provisioned space).'
            : `No ${tab} tab: ${tab === 'vCPU' ? 'CPU' : 'memory'} use at export is unknown, so it is sized as allocated.`,
        hint: 'Export all tabs from RVTools to use them.',
        path: at(fileName),
      });
  }
  const byKey = new Map<RvtoolsTab, Map<string, TableRow[]>>();
  for (const o of others) {
    const m = new Map<string, TableRow[]>();
    for (const row of rowsOf(o.t)) {
      const k = keyFor(o.t, row, o.useUuid);
      const list = m.get(k);
      if (list) list.push(row);
      else m.set(k, [row]);
    }
    byKey.set(o.tab, m);
  }
  const matched = new Map<RvtoolsTab, Set<string>>(others.map((o) => [o.tab, new Set<string>()]));
  /** The rows of each other tab for one vInfo row (and they count as matched). */
  const lookupAll = (infoRow: TableRow): Partial<Record<RvtoolsTab, { t: Indexed; rows: TableRow[] }>> => {
    const found: Partial<Record<RvtoolsTab, { t: Indexed; rows: TableRow[] }>> = {};
    for (const o of others) {
      const k = keyFor(info, infoRow, o.useUuid);
      const rows = byKey.get(o.tab)?.get(k);
      if (!rows) continue;
      matched.get(o.tab)?.add(k);
      found[o.tab] = { t: o.t, rows };
    }
    return found;
  };
  // Column indexes, looked up once (-1 when the column is absent: the cell reads as empty).
  const ix = (name: string, ...alt: string[]) => info.col(name, ...alt) ?? -1;
  const C = {
    vm: ix('VM'),
    template: ix('Template'),
    srm: ix('SRM Placeholder'),
    power: ix('Powerstate'),
    cpus: ix('CPUs'),
    memory: ix('Memory'),
    osTools: ix('OS according to the VMware Tools'),
    osConfig: ix('OS according to the configuration file'),
    annotation: ix('Annotation'),
    folder: ix('Folder'),
  };
  const storageColumn =
    info.col('Total disk capacity MiB') !== undefined
      ? 'Total disk capacity MiB'
      : info.col('Provisioned MiB') !== undefined
        ? 'Provisioned MiB'
        : 'Provisioned MB';
  const storageIndex = ix(storageColumn);
  const otherIx = (tab: RvtoolsTab, name: string, ...alt: string[]) =>
    others.find((o) => o.tab === tab)?.t.col(name, ...alt) ?? -1;
  const D = {
    capacity: otherIx('vDisk', 'Capacity MiB', 'Capacity MB'),
    overall: otherIx('vCPU', 'Overall'),
    max: otherIx('vCPU', 'Max'),
    size: otherIx('vMemory', 'Size MiB', 'Size MB'),
    active: otherIx('vMemory', 'Active'),
  };
  const drafts: ServerDraft[] = [];
  const excluded: string[] = [];
  let poweredOff = 0;
  let storageFromProvisioned = 0;
  const decimalComma = infoTable.delimiter === ';';
  for (const row of rowsOf(info)) {
    // Every tab's rows for this VM count as matched, even when the VM is excluded or powered off.
    const found = lookupAll(row);
    const rowIssues: Issue[] = [];
    const ctx = { label, line: row.line, decimalComma, issues: rowIssues };
    const cells = row.cells;
    const name = cellText(cells[C.vm]);
    if (name === '') {
      issues.push({
        code: 'inventory.missing-value',
        severity: 'error',
        message: '"VM" is empty.',
        hint: 'Every vInfo row needs the VM name.',
        path: at(label, row.line, 'VM'),
      });
      continue;
    }
    const isTemplate = truthy(cells[C.template]);
    if (isTemplate || truthy(cells[C.srm])) {
      const why = isTemplate ? 'a template' : 'an SRM placeholder';
      excluded.push(`${name} (${why})`);
      issues.push({
        code: 'inventory.rvtools-excluded',
        severity: 'notice',
        message: `${name} is ${why}, not a running server; it was excluded.`,
        hint: 'Add it with the native template if it must be planned.',
        path: at(label, row.line, isTemplate ? 'Template' : 'SRM Placeholder'),
      });
      continue;
    }
    const power = cellText(cells[C.power]);
    const off = power !== '' && !/^poweredon$/i.test(power);
    if (off) {
      poweredOff++;
      issues.push({
        code: 'inventory.rvtools-powered-off',
        severity: 'notice',
        message: `${name} was ${power} at export; it is imported and sized as allocated (no use figures).`,
        hint: 'Delete it from the plan if it is not moving, or keep it.',
        path: at(label, row.line, 'Powerstate'),
      });
    }
    const vcpu = readNumberField(ctx, 'CPUs', cells[C.cpus], {
      integer: true,
      min: 1,
      max: 1024,
      example: '4',
    });
    const memoryGib = readNumberField(ctx, 'Memory', cells[C.memory], {
      min: 0.5,
      max: 32768,
      sizeUnit: 'MiB',
      example: '16384',
    });
    // Storage: vDisk's disks, else vInfo's total disk capacity, else provisioned space.
    let storageGib: number | null;
    const disks = found.vDisk;
    if (disks) {
      let sum = 0;
      for (const d of disks.rows) {
        const v = readNumberField(
          { ...ctx, label: disks.t.table.label, line: d.line },
          'Capacity MiB',
          d.cells[D.capacity],
          { min: 0, max: 1_000_000_000, sizeUnit: 'MiB', optional: true, example: '102400' },
        );
        sum += v ?? 0;
      }
      storageGib = roundGib(sum);
    } else {
      storageGib = readNumberField(ctx, storageColumn, cells[storageIndex], {
        min: 0,
        max: 1_000_000,
        sizeUnit: 'MiB',
        optional: true,
        example: '102400',
      });
      if (storageColumn !== 'Total disk capacity MiB' && storageGib !== null) storageFromProvisioned++;
    }
    const cpu: Utilization = { ...NO_UTILIZATION };
    const memory: Utilization = { ...NO_UTILIZATION };
    const c0 = found.vCPU?.rows[0];
    if (!off && c0) {
      const overall = readNumber(c0.cells[D.overall], decimalComma);
      const max = readNumber(c0.cells[D.max], decimalComma);
      if (overall.ok && max.ok && max.value > 0 && overall.value >= 0)
        cpu.avg = Math.min(100, Math.round((overall.value / max.value) * 1000) / 10);
    }
    const m0 = found.vMemory?.rows[0];
    if (!off && m0) {
      const size = readNumber(m0.cells[D.size], decimalComma);
      const sizeMib = size.ok ? (toGib(size, 'MiB') ?? 0) * 1024 : memoryGib !== null ? memoryGib * 1024 : 0;
      // Consumed is not used: Windows touches every page at boot, so it reads close to 100 %.
      const active = readNumber(m0.cells[D.active], decimalComma);
      if (active.ok && sizeMib > 0 && active.value >= 0)
        memory.avg = Math.min(100, Math.round((active.value / sizeMib) * 1000) / 10);
    }
    issues.push(...rowIssues);
    if (rowIssues.length > 0 || vcpu === null || memoryGib === null) continue;
    const annotation = cellText(cells[C.annotation]);
    const folder = cellText(cells[C.folder]);
    drafts.push({
      label,
      line: row.line,
      name,
      role: null,
      os: cellText(cells[C.osTools]) || cellText(cells[C.osConfig]),
      vcpu,
      memoryGib,
      storageGib: storageGib ?? 0,
      cpu,
      memory,
      diskIopsP95: null,
      sqlEdition: null,
      applications: [],
      notes: annotation && folder ? `${annotation} · ${folder}` : annotation || folder,
      concurrentAutomations: null,
      columns: {
        role: 'Annotation',
        sqlEdition: 'Annotation',
        os: 'OS according to the configuration file',
        name: 'VM',
      },
    });
  }
  if (drafts.length > 0 && others.some((o) => o.tab !== 'vDisk'))
    issues.push({
      code: 'inventory.rvtools-point-in-time',
      severity: 'notice',
      message:
        'RVTools records CPU and memory use at the moment of export, not over time: they are kept as averages, and sizing says so and lowers its confidence.',
      hint: 'For percentiles, add cpu_p95_pct / memory_p95_pct from monitoring with the native template.',
      path: at(fileName),
    });
  if (storageFromProvisioned > 0)
    issues.push({
      code: 'inventory.rvtools-provisioned-storage',
      severity: 'notice',
      message: `${storageFromProvisioned} VM${storageFromProvisioned === 1 ? '' : 's'} took storage from vInfo "Provisioned MiB", which includes the swap file.`,
      hint: 'Export the vDisk tab for disk sizes.',
      path: at(label, headerLine, 'Provisioned MiB'),
    });
  for (const o of others) {
    const seen = matched.get(o.tab);
    const unmatched = rowsOf(o.t).filter((r) => !seen?.has(keyFor(o.t, r, o.useUuid)));
    if (unmatched.length > 0)
      issues.push({
        code: 'inventory.rvtools-unmatched',
        severity: 'notice',
        message: `${unmatched.length} row${unmatched.length === 1 ? '' : 's'} of ${o.tab} match no VM in vInfo (first: "${cellText(unmatched[0]?.cells[o.t.col('VM') ?? -1])}") and ${unmatched.length === 1 ? 'was' : 'were'} not used.`,
        hint: 'Export all tabs at the same time so they list the same VMs.',
        path: at(o.t.table.label, unmatched[0]?.line),
      });
  }
  if (excluded.length > 0 || poweredOff > 0)
    issues.push({
      code: 'inventory.rvtools-summary',
      severity: 'notice',
      message: `${drafts.length} VMs imported${poweredOff ? ` (${poweredOff} powered off)` : ''}; ${excluded.length} excluded${excluded.length ? `: ${excluded.slice(0, 5).join(', ')}${excluded.length > 5 ? ' …' : ''}` : ''}.`,
      hint: 'Each exclusion is listed above with its row.',
      path: at(fileName),
    });
  return finishInventory(drafts, { fileName, format, importedAt, issues });
}

/** True when a VM name appears twice in vInfo, so the tabs must be joined by VM UUID. */
function namesRepeat(info: Indexed): boolean {
  const vm = info.col('VM');
  if (vm === undefined) return false;
  const seen = new Set<string>();
  for (const row of rowsOf(info)) {
    const name = cellText(row.cells[vm]).toLowerCase();
    if (seen.has(name)) return true;
    seen.add(name);
  }
  return false;
}

export function parseRvtoolsXlsx(
  bytes: Uint8Array,
  fileName: string,
  importedAt: string,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): ParsedInventory {
  const opened = openXlsx(bytes, fileName, limits);
  if (!opened.ok) return emptyParse([xlsxIssue(opened.error, fileName)]);
  const wb = opened.workbook;
  const tabs: Partial<Record<RvtoolsTab, SheetTable>> = {};
  // vInfo first: only when its VM names repeat do the other tabs need their (late) VM UUID column,
  // and without it their rows are read only as far as the last column sizing uses.
  let needUuid = true;
  for (const tab of RVTOOLS_TABS) {
    const sheet = wb.sheetNames.find((n) => n.toLowerCase() === tab.toLowerCase());
    if (!sheet) continue;
    const columns =
      tab === 'vInfo' || needUuid ? READ_COLUMNS[tab] : READ_COLUMNS[tab].filter((c) => c !== 'VM UUID');
    const wanted = new Set(columns.map(K));
    const read = wb.readSheet(sheet, { keepColumn: (h) => wanted.has(K(h)) });
    if (!read.ok) return emptyParse([xlsxIssue(read.error, fileName)]);
    tabs[tab] = read.table;
    if (tab === 'vInfo') {
      const info = indexTable(read.table);
      needUuid = info !== null && namesRepeat(info);
    }
  }
  return parseRvtoolsTables(tabs, fileName, importedAt, 'rvtools-xlsx');
}

/** RVTools tab CSVs (RVTools_tabvInfo.csv …): each file is recognised by its header. */
export function parseRvtoolsCsv(
  files: readonly { name: string; text: string }[],
  label: string,
  importedAt: string,
): ParsedInventory {
  const tabs: Partial<Record<RvtoolsTab, SheetTable>> = {};
  const issues: Issue[] = [];
  for (const f of files) {
    const table = csvTable(f.text, f.name);
    if (!table.ok) return emptyParse([table.issue]);
    const tab = classifyRvtoolsTable(table.table);
    if (tab && !tabs[tab]) tabs[tab] = table.table;
    else
      issues.push({
        code: 'inventory.rvtools-unused-file',
        severity: 'notice',
        message: `${f.name} is ${tab ? `a second ${tab} tab` : 'not a tab the import reads (vInfo, vCPU, vMemory, vDisk)'}; it was not read.`,
        hint: 'Only vInfo, vCPU, vMemory and vDisk are used for sizing.',
        path: at(f.name),
      });
  }
  return parseRvtoolsTables(tabs, label, importedAt, 'rvtools-csv', issues);
}
