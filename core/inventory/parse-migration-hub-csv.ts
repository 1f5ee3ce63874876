import type { Issue } from '../model/issue';
import { NO_UTILIZATION, type ServerRole, type SqlEdition } from '../model/inventory';
import { csvTable } from './csv-table';
import { type ParsedInventory, type ServerDraft, at, emptyParse, finishInventory } from './finish-inventory';
import { roleFromWord } from './infer-role';
import { parseSqlEdition } from './native-format';
import { type NumberSpec, readNumberField, splitList } from './read-field';
import { type SheetTable, cellText, headerKey, isBlankRow, readHeader } from './table';

/**
 * The AWS Migration Hub / Application Discovery Service import template (the CSV AWS publishes as
 * import_template.csv; field list in the Application Discovery Service user guide, "Migration Hub
 * import"). How each field is used is documented in `MIGRATION_HUB_COLUMN_DOCS` and the README.
 */
export const MIGRATION_HUB_COLUMNS = [
  'ExternalId',
  'SMBiosId',
  'IPAddress',
  'MACAddress',
  'HostName',
  'VMware.MoRefId',
  'VMware.VCenterId',
  'CPU.NumberOfProcessors',
  'CPU.NumberOfCores',
  'CPU.NumberOfLogicalCores',
  'OS.Name',
  'OS.Version',
  'VMware.VMName',
  'RAM.TotalSizeInMB',
  'RAM.UsedSizeInMB.Avg',
  'RAM.UsedSizeInMB.Max',
  'CPU.UsagePct.Avg',
  'CPU.UsagePct.Max',
  'DiskReadsPerSecondInKB.Avg',
  'DiskWritesPerSecondInKB.Avg',
  'DiskReadsPerSecondInKB.Max',
  'DiskWritesPerSecondInKB.Max',
  'DiskReadsOpsPerSecond.Avg',
  'DiskWritesOpsPerSecond.Avg',
  'DiskReadsOpsPerSecond.Max',
  'DiskWritesOpsPerSecond.Max',
  'NetworkReadsPerSecondInKB.Avg',
  'NetworkWritesPerSecondInKB.Avg',
  'NetworkReadsPerSecondInKB.Max',
  'NetworkWritesPerSecondInKB.Max',
  'Applications',
  'ApplicationWave',
  'Tags',
  'ServerId',
] as const;

export const MIGRATION_HUB_COLUMN_DOCS: readonly { column: string; use: string }[] = [
  { column: 'HostName', use: 'name (the short host name; the domain is dropped)' },
  { column: 'VMware.VMName, ExternalId, IPAddress', use: 'name when HostName is empty, in this order' },
  {
    column: 'CPU.NumberOfLogicalCores',
    use: 'vCPU (what the guest sees); CPU.NumberOfCores when it is empty, with a notice',
  },
  { column: 'RAM.TotalSizeInMB', use: 'memory (MB read as MiB)' },
  { column: 'CPU.UsagePct.Avg / .Max', use: 'CPU utilisation average and peak' },
  { column: 'RAM.UsedSizeInMB.Avg / .Max', use: 'memory utilisation average and peak (used ÷ total)' },
  {
    column: 'DiskReadsOpsPerSecond.Max + DiskWritesOpsPerSecond.Max',
    use: 'disk IOPS for SQL Server volumes (peak, so conservative)',
  },
  { column: 'OS.Name, OS.Version', use: 'operating system' },
  {
    column: 'Applications',
    use: 'applications (comma-separated in quotes); infer the role and SQL Server edition',
  },
  {
    column: 'Tags',
    use: '"name:value" pairs; role:, sql_edition: and concurrent_automations: are read, the rest are notes',
  },
  {
    column: 'disk/network KB per second, ApplicationWave, SMBiosId, MAC, MoRef, ServerId',
    use: 'not used for sizing',
  },
];

const K = (c: string) => headerKey(c);
const ID_COLUMNS = ['HostName', 'VMware.VMName', 'ExternalId', 'IPAddress'];

function shortHost(host: string): string {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host;
  return host.split('.')[0] ?? host;
}

function parseTags(text: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of text.split(',')) {
    const m = /^\s*([^:=]+?)\s*[:=]\s*(.*?)\s*$/.exec(part);
    if (m) tags.set(K(m[1] as string), m[2] as string);
  }
  return tags;
}

const PCT: NumberSpec = { min: 0, max: 100, optional: true, percent: true, example: '45' };

export function parseMigrationHubTable(
  table: SheetTable,
  fileName: string,
  importedAt: string,
): ParsedInventory {
  const issues: Issue[] = [];
  const label = table.label;
  const header = readHeader(table);
  if (!header)
    return emptyParse([
      {
        code: 'inventory.empty',
        severity: 'error',
        message: `${label} has no header row.`,
        hint: 'Use the Migration Hub import template; its first row names the fields.',
        path: at(label, 1),
      },
    ]);
  const headerLine = table.rows[header.index]?.line ?? 1;
  const col = (name: string) => header.columns.get(K(name));
  const knownKeys = new Set(MIGRATION_HUB_COLUMNS.map(K));
  header.names.forEach((raw) => {
    if (raw !== '' && !knownKeys.has(K(raw)))
      issues.push({
        code: 'inventory.unknown-column',
        severity: 'notice',
        message: `Column "${raw}" is not a Migration Hub import field and was ignored.`,
        hint: 'Migration Hub ignores custom fields too; see the README for the fields used.',
        path: at(label, headerLine, raw),
      });
  });
  if (!ID_COLUMNS.some((c) => col(c) !== undefined))
    issues.push({
      code: 'inventory.missing-column',
      severity: 'error',
      message:
        'None of the fields that name a server (HostName, VMware.VMName, ExternalId, IPAddress) is present.',
      hint: 'Add a HostName column with each server’s host name.',
      path: at(label, headerLine, 'HostName'),
    });
  if (col('CPU.NumberOfLogicalCores') === undefined && col('CPU.NumberOfCores') === undefined)
    issues.push({
      code: 'inventory.missing-column',
      severity: 'error',
      message: 'Required column "CPU.NumberOfLogicalCores" is missing (and there is no CPU.NumberOfCores).',
      hint: 'Add CPU.NumberOfLogicalCores: the number of vCPUs the server has.',
      path: at(label, headerLine, 'CPU.NumberOfLogicalCores'),
    });
  if (col('RAM.TotalSizeInMB') === undefined)
    issues.push({
      code: 'inventory.missing-column',
      severity: 'error',
      message: 'Required column "RAM.TotalSizeInMB" is missing.',
      hint: 'Add RAM.TotalSizeInMB: the server’s memory in MB.',
      path: at(label, headerLine, 'RAM.TotalSizeInMB'),
    });
  if (issues.some((i) => i.severity === 'error')) return emptyParse(issues);
  issues.push({
    code: 'inventory.no-storage-size',
    severity: 'warning',
    message:
      'The Migration Hub import template has no disk size: servers get the minimum data volume (20 GiB).',
    hint: 'If disk sizes matter, add them with the native template (storage_gib) or an RVTools export.',
    path: at(label, headerLine),
  });
  const hasIops =
    col('DiskReadsOpsPerSecond.Max') !== undefined || col('DiskWritesOpsPerSecond.Max') !== undefined;
  if (hasIops)
    issues.push({
      code: 'inventory.iops-from-peak',
      severity: 'notice',
      message:
        'Disk IOPS are taken from the peak (Max) read and write operations per second; the template has no percentile.',
      hint: 'SQL Server volumes are sized for that peak, which is conservative.',
      path: at(label, headerLine, 'DiskReadsOpsPerSecond.Max'),
    });

  const drafts: ServerDraft[] = [];
  for (const record of table.rows.slice(header.index + 1)) {
    if (isBlankRow(record)) continue;
    const rowIssues: Issue[] = [];
    const ctx = { label, line: record.line, decimalComma: table.delimiter === ';', issues: rowIssues };
    const raw = (c: string) => {
      const i = col(c);
      return i === undefined ? undefined : record.cells[i];
    };
    const text = (c: string) => cellText(raw(c));
    const num = (c: string, spec: NumberSpec) =>
      col(c) === undefined ? null : readNumberField(ctx, c, raw(c), spec);
    const host = text('HostName');
    const name = host ? shortHost(host) : text('VMware.VMName') || text('ExternalId') || text('IPAddress');
    if (name === '')
      rowIssues.push({
        code: 'inventory.missing-value',
        severity: 'error',
        message: 'The row names no server: HostName, VMware.VMName, ExternalId and IPAddress are all empty.',
        hint: 'Fill in HostName (or ExternalId) for every server.',
        path: at(label, record.line, 'HostName'),
      });
    let vcpu: number | null;
    const logical = text('CPU.NumberOfLogicalCores');
    if (logical !== '' || col('CPU.NumberOfCores') === undefined) {
      vcpu = num('CPU.NumberOfLogicalCores', { integer: true, min: 1, max: 1024, example: '8' });
    } else {
      vcpu = num('CPU.NumberOfCores', { integer: true, min: 1, max: 1024, example: '8' });
      if (vcpu !== null)
        issues.push({
          code: 'inventory.cores-not-logical',
          severity: 'notice',
          message: `${name}: CPU.NumberOfLogicalCores is empty, so its ${vcpu} physical cores are taken as vCPUs.`,
          hint: 'With hyper-threading the server has twice as many logical cores; fill in CPU.NumberOfLogicalCores.',
          path: at(label, record.line, 'CPU.NumberOfLogicalCores'),
        });
    }
    const memoryGib = num('RAM.TotalSizeInMB', { min: 0.5, max: 32768, sizeUnit: 'MiB', example: '16384' });
    const usedPct = (c: string): number | null => {
      const used = num(c, { min: 0, max: 32768, sizeUnit: 'MiB', optional: true, example: '8192' });
      if (used === null || memoryGib === null) return null;
      const pct = Math.round((used / memoryGib) * 1000) / 10;
      if (pct > 100) {
        rowIssues.push({
          code: 'inventory.out-of-range',
          severity: 'error',
          message: `"${c}" (${text(c)} MB) is more than RAM.TotalSizeInMB (${text('RAM.TotalSizeInMB')} MB).`,
          hint: 'Check both figures: used memory cannot exceed the total.',
          path: at(label, record.line, c),
        });
        return null;
      }
      return pct;
    };
    const memory = {
      ...NO_UTILIZATION,
      avg: usedPct('RAM.UsedSizeInMB.Avg'),
      max: usedPct('RAM.UsedSizeInMB.Max'),
    };
    const cpu = { ...NO_UTILIZATION, avg: num('CPU.UsagePct.Avg', PCT), max: num('CPU.UsagePct.Max', PCT) };
    const iopsSpec: NumberSpec = { min: 0, max: 10_000_000, optional: true, example: '1200' };
    const reads = num('DiskReadsOpsPerSecond.Max', iopsSpec);
    const writes = num('DiskWritesOpsPerSecond.Max', iopsSpec);
    const diskIopsP95 = reads === null && writes === null ? null : Math.round((reads ?? 0) + (writes ?? 0));
    const tags = parseTags(text('Tags'));
    let role: ServerRole | null = null;
    const roleTag = tags.get('role');
    if (roleTag !== undefined) {
      role = roleFromWord(roleTag) ?? null;
      if (role === null)
        rowIssues.push({
          code: 'inventory.bad-role',
          severity: 'error',
          message: `The tag "role:${roleTag.slice(0, 40)}" names no role.`,
          hint: 'Use role:bot, role:control-room, role:sql, role:web, role:app or role:other.',
          path: at(label, record.line, 'Tags'),
        });
    }
    let sqlEdition: SqlEdition | null = null;
    const editionTag = tags.get('sqledition');
    if (editionTag !== undefined) {
      sqlEdition = parseSqlEdition(editionTag) ?? null;
      if (sqlEdition === null)
        rowIssues.push({
          code: 'inventory.bad-edition',
          severity: 'error',
          message: `The tag "sql_edition:${editionTag.slice(0, 40)}" names no SQL Server edition.`,
          hint: 'Use sql_edition:express, web, standard or enterprise.',
          path: at(label, record.line, 'Tags'),
        });
    }
    let concurrentAutomations: number | null = null;
    const caTag = tags.get('concurrentautomations');
    if (caTag !== undefined)
      concurrentAutomations = readNumberField(ctx, 'Tags', caTag, {
        min: 0,
        max: 10_000,
        integer: true,
        example: 'concurrent_automations:3',
      });
    issues.push(...rowIssues);
    if (rowIssues.length > 0 || vcpu === null || memoryGib === null) continue;
    drafts.push({
      label,
      line: record.line,
      name,
      role,
      os: [text('OS.Name'), text('OS.Version')].filter(Boolean).join(' '),
      vcpu,
      memoryGib,
      storageGib: 0,
      cpu,
      memory,
      diskIopsP95,
      sqlEdition,
      applications: splitList(text('Applications')),
      notes: text('Tags'),
      concurrentAutomations,
      columns: { role: 'Tags', sqlEdition: 'Applications', os: 'OS.Name', name: 'HostName' },
    });
  }
  return finishInventory(drafts, { fileName, format: 'migration-hub-csv', importedAt, issues });
}

export function parseMigrationHubCsv(text: string, fileName: string, importedAt: string): ParsedInventory {
  const table = csvTable(text, fileName);
  if (!table.ok) return emptyParse([table.issue]);
  return parseMigrationHubTable(table.table, fileName, importedAt);
}
