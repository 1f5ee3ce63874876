import type { Issue } from '../model/issue';
import {
  type Inventory,
  NO_UTILIZATION,
  type Server,
  type ServerRole,
  type SqlEdition,
} from '../model/inventory';
import { slugify, uniqueId } from '../model/ids';
import { readCsv } from './csv';

/**
 * The native inventory CSV (README, "Inventory CSV"): one row per server.
 * Required: name, vcpu, memory_gib, storage_gib. Optional: role, os, cpu_p95_pct, memory_p95_pct, sql_edition.
 */
export const NATIVE_COLUMNS = [
  'name',
  'role',
  'os',
  'vcpu',
  'memory_gib',
  'storage_gib',
  'cpu_p95_pct',
  'memory_p95_pct',
  'sql_edition',
] as const;
type NativeColumn = (typeof NATIVE_COLUMNS)[number];
const REQUIRED: readonly NativeColumn[] = ['name', 'vcpu', 'memory_gib', 'storage_gib'];

const ROLE_ALIASES: Readonly<Record<string, ServerRole>> = {
  bot: 'bot',
  'bot-runner': 'bot',
  runner: 'bot',
  'control-room': 'control-room',
  controlroom: 'control-room',
  cr: 'control-room',
  sql: 'sql',
  mssql: 'sql',
  database: 'sql',
  db: 'sql',
  web: 'web',
  app: 'app',
  application: 'app',
  other: 'other',
};

const EDITION_ALIASES: Readonly<Record<string, SqlEdition>> = {
  '': 'none',
  none: 'none',
  'n/a': 'none',
  na: 'none',
  express: 'express',
  web: 'web',
  standard: 'standard',
  std: 'standard',
  enterprise: 'enterprise',
  ent: 'enterprise',
};

export interface ParsedInventory {
  inventory: Inventory;
  issues: Issue[];
}

function normalizeHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Infers a role from the server name when the file has none; the architect can change it in the grid. */
export function inferRole(name: string, sqlEdition: SqlEdition): ServerRole {
  const n = name.toLowerCase();
  if (sqlEdition !== 'none' && sqlEdition !== 'express') return 'sql';
  if (/sql|db\d|database/.test(n)) return 'sql';
  if (/control.?room|\bcr\d|-cr-|ctrl/.test(n)) return 'control-room';
  if (/bot|runner/.test(n)) return 'bot';
  if (/web|iis/.test(n)) return 'web';
  if (/app/.test(n)) return 'app';
  return 'other';
}

export function parseNativeCsv(text: string, fileName: string, importedAt: string): ParsedInventory {
  const issues: Issue[] = [];
  const at = (row: number, column?: string) => ({ file: fileName, row, ...(column ? { column } : {}) });
  const read = readCsv(text);
  if (!read.ok) {
    issues.push({
      code: read.error.code,
      severity: 'error',
      message: read.error.message,
      hint: 'Save the inventory as a CSV text file (UTF-8) from your spreadsheet and import it again.',
      path: at(read.error.line),
    });
    return { inventory: { servers: [], importedFrom: null }, issues };
  }
  const [header, ...records] = read.table.rows;
  if (!header || header.cells.every((c) => c.trim() === '')) {
    issues.push({
      code: 'inventory.empty',
      severity: 'error',
      message: `${fileName} has no header row.`,
      hint: `The first row must name the columns: ${NATIVE_COLUMNS.join(', ')}.`,
      path: at(1),
    });
    return { inventory: { servers: [], importedFrom: null }, issues };
  }
  const columns = new Map<NativeColumn, number>();
  header.cells.forEach((raw, index) => {
    const name = normalizeHeader(raw);
    if ((NATIVE_COLUMNS as readonly string[]).includes(name)) {
      if (columns.has(name as NativeColumn)) {
        issues.push({
          code: 'inventory.duplicate-column',
          severity: 'error',
          message: `Column "${name}" appears twice.`,
          hint: 'Delete one of the two columns.',
          path: at(header.line, raw),
        });
      } else columns.set(name as NativeColumn, index);
    } else if (name !== '') {
      issues.push({
        code: 'inventory.unknown-column',
        severity: 'notice',
        message: `Column "${raw.trim()}" is not used and was ignored.`,
        hint: `Recognised columns: ${NATIVE_COLUMNS.join(', ')}.`,
        path: at(header.line, raw.trim()),
      });
    }
  });
  for (const col of REQUIRED) {
    if (!columns.has(col)) {
      issues.push({
        code: 'inventory.missing-column',
        severity: 'error',
        message: `Required column "${col}" is missing.`,
        hint: `Add a "${col}" column; the header must include ${REQUIRED.join(', ')}.`,
        path: at(header.line, col),
      });
    }
  }
  if (issues.some((i) => i.severity === 'error'))
    return { inventory: { servers: [], importedFrom: null }, issues };

  const servers: Server[] = [];
  const ids = new Set<string>();
  const names = new Map<string, number>();
  for (const record of records) {
    if (record.cells.every((c) => c.trim() === '')) {
      if (record.cells.length > 1)
        issues.push({
          code: 'inventory.empty-row',
          severity: 'notice',
          message: `Row ${record.line} is empty and was skipped.`,
          hint: 'Delete empty rows to silence this notice.',
          path: at(record.line),
        });
      continue;
    }
    const rowIssues: Issue[] = [];
    const cell = (col: NativeColumn): string => {
      const index = columns.get(col);
      return index === undefined ? '' : (record.cells[index] ?? '').trim();
    };
    const number = (
      col: NativeColumn,
      opts: {
        integer?: boolean;
        min: number;
        max: number;
        optional?: boolean;
        percent?: boolean;
        example: string;
      },
    ): number | null => {
      let raw = cell(col);
      if (raw === '') {
        if (opts.optional) return null;
        rowIssues.push({
          code: 'inventory.missing-value',
          severity: 'error',
          message: `"${col}" is empty.`,
          hint: `Enter a number, e.g. ${opts.example}.`,
          path: at(record.line, col),
        });
        return null;
      }
      if (opts.percent) raw = raw.replace(/\s*%$/, '');
      if (read.table.delimiter === ';') raw = raw.replace(',', '.');
      const value = /^[+]?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
      if (Number.isNaN(value)) {
        rowIssues.push({
          code: 'inventory.not-a-number',
          severity: 'error',
          message: `"${col}" is "${cell(col).slice(0, 40)}", which is not a number.`,
          hint: `Enter a number, e.g. ${opts.example}.`,
          path: at(record.line, col),
        });
        return null;
      }
      if ((opts.integer && !Number.isInteger(value)) || value < opts.min || value > opts.max) {
        rowIssues.push({
          code: 'inventory.out-of-range',
          severity: 'error',
          message: `"${col}" is ${raw}; expected ${opts.integer ? 'a whole number' : 'a number'} from ${opts.min} to ${opts.max}.`,
          hint: `Enter a value such as ${opts.example}.`,
          path: at(record.line, col),
        });
        return null;
      }
      return value;
    };
    const name = cell('name');
    if (name === '')
      rowIssues.push({
        code: 'inventory.missing-value',
        severity: 'error',
        message: `"name" is empty.`,
        hint: 'Give every server a name (its host name).',
        path: at(record.line, 'name'),
      });
    const vcpu = number('vcpu', { integer: true, min: 1, max: 1024, example: '8' });
    const memoryGib = number('memory_gib', { min: 0.5, max: 32768, example: '32' });
    const storageGib = number('storage_gib', { min: 0, max: 1_000_000, example: '500' });
    const cpuP95Pct = number('cpu_p95_pct', {
      min: 0,
      max: 100,
      optional: true,
      percent: true,
      example: '45',
    });
    const memoryP95Pct = number('memory_p95_pct', {
      min: 0,
      max: 100,
      optional: true,
      percent: true,
      example: '60',
    });
    const editionRaw = cell('sql_edition').toLowerCase();
    const edition = EDITION_ALIASES[editionRaw];
    if (edition === undefined)
      rowIssues.push({
        code: 'inventory.bad-edition',
        severity: 'error',
        message: `"sql_edition" is "${cell('sql_edition').slice(0, 40)}".`,
        hint: 'Use one of: none, express, web, standard, enterprise (or leave it empty).',
        path: at(record.line, 'sql_edition'),
      });
    const roleRaw = cell('role')
      .toLowerCase()
      .replace(/[\s_]+/g, '-');
    let role: ServerRole | undefined;
    if (roleRaw === '') {
      role = inferRole(name, edition ?? 'none');
      issues.push({
        code: 'inventory.role-inferred',
        severity: 'notice',
        message: `no role given for ${name || 'this server'}; inferred "${role}" from its name.`,
        hint: 'Set the role in the inventory grid or the "role" column if this is wrong.',
        path: at(record.line, 'role'),
      });
    } else {
      role = ROLE_ALIASES[roleRaw];
      if (!role)
        rowIssues.push({
          code: 'inventory.bad-role',
          severity: 'error',
          message: `"role" is "${cell('role').slice(0, 40)}".`,
          hint: 'Use one of: bot, control-room, sql, web, app, other.',
          path: at(record.line, 'role'),
        });
    }
    issues.push(...rowIssues);
    if (
      rowIssues.length > 0 ||
      vcpu === null ||
      memoryGib === null ||
      storageGib === null ||
      !role ||
      edition === undefined
    )
      continue;
    const os = cell('os').slice(0, 200) || 'Windows Server';
    if (!/windows/i.test(os)) {
      issues.push({
        code: 'inventory.not-windows',
        severity: 'warning',
        message: `${name} runs "${os.slice(0, 60)}"; the plan prices and builds every server as Windows Server.`,
        hint: 'Remove the row if the server is not moving, or keep it to size it as a Windows server.',
        path: at(record.line, 'os'),
      });
    }
    const seen = names.get(name.toLowerCase());
    if (seen !== undefined) {
      issues.push({
        code: 'inventory.duplicate-name',
        severity: 'warning',
        message: `"${name}" is also on row ${seen}; both were imported.`,
        hint: 'Rename one of them if they are different servers, or delete the duplicate.',
        path: at(record.line, 'name'),
      });
    } else names.set(name.toLowerCase(), record.line);
    servers.push({
      id: uniqueId(slugify(name), ids),
      name: name.slice(0, 255),
      role,
      os,
      vcpu,
      memoryGib,
      storageGib,
      roleInferred: roleRaw === '',
      cpu: { ...NO_UTILIZATION, p95: cpuP95Pct },
      memory: { ...NO_UTILIZATION, p95: memoryP95Pct },
      diskIopsP95: null,
      sqlEdition: edition,
      applications: [],
      concurrentAutomations: null,
      pinnedInstanceType: null,
      source: { file: fileName.slice(0, 500), row: record.line },
    });
  }
  if (servers.length === 0 && !issues.some((i) => i.severity === 'error')) {
    issues.push({
      code: 'inventory.no-servers',
      severity: 'error',
      message: `${fileName} has a header but no servers.`,
      hint: 'Add one row per server below the header.',
      path: at(2),
    });
  }
  return {
    inventory: {
      servers,
      importedFrom: { fileName: fileName.slice(0, 500), format: 'native-csv', importedAt },
    },
    issues,
  };
}
