import type { Issue } from '../model/issue';
import type { Inventory, Server, ServerRole, SqlEdition, Utilization } from '../model/inventory';
import { slugify, uniqueId } from '../model/ids';
import { inferRole, inferSqlEdition } from './infer-role';

/** What every format parser returns. */
export interface ParsedInventory {
  inventory: Inventory;
  issues: Issue[];
}

/** One server as a format parser read it, before ids, inference and cross-row checks. */
export interface ServerDraft {
  /** Where issues about it point: file (and sheet) label and row. */
  label: string;
  line: number;
  name: string;
  /** The role the file gives; null to infer it. */
  role: ServerRole | null;
  os: string;
  vcpu: number;
  memoryGib: number;
  storageGib: number;
  cpu: Utilization;
  memory: Utilization;
  diskIopsP95: number | null;
  /** The edition the file gives; null to infer it from applications and notes. */
  sqlEdition: SqlEdition | null;
  applications: string[];
  /** Annotation, notes, tags: free text used for inference only. */
  notes: string;
  concurrentAutomations: number | null;
  /** Column names in this format, so inference notices point at the right column. */
  columns: { role: string; sqlEdition: string; os: string; name: string };
}

export function emptyParse(issues: Issue[]): ParsedInventory {
  return { inventory: { servers: [], importedFrom: null }, issues };
}

export function at(label: string, row?: number, column?: string): Issue['path'] {
  return { file: label, ...(row !== undefined ? { row } : {}), ...(column ? { column } : {}) };
}

/**
 * Turns drafts into servers: SQL edition and role inference (each said as a notice), a warning for
 * servers that are not Windows, duplicate-name warnings, stable readable ids. Rows are never dropped
 * here; the parsers only drop rows with errors, and say so.
 */
export function finishInventory(
  drafts: readonly ServerDraft[],
  ctx: { fileName: string; format: string; importedAt: string; issues: Issue[] },
): ParsedInventory {
  const { issues } = ctx;
  const servers: Server[] = [];
  const ids = new Set<string>();
  const names = new Map<string, number>();
  for (const d of drafts) {
    let edition: SqlEdition = d.sqlEdition ?? 'none';
    if (d.sqlEdition === null) {
      const found = inferSqlEdition([...d.applications, d.notes]);
      if (found && found.edition !== null) {
        edition = found.edition;
        issues.push({
          code: 'inventory.sql-edition-inferred',
          severity: 'notice',
          message: `${d.name}: SQL Server ${found.edition} edition taken from "${found.source.slice(0, 80)}".`,
          hint: 'Change the SQL edition in the inventory grid if the licence is different.',
          path: at(d.label, d.line, d.columns.sqlEdition),
        });
      } else if (found) {
        issues.push({
          code: 'inventory.sql-edition-unlicensable',
          severity: 'warning',
          message: `${d.name} runs "${found.source.slice(0, 80)}", which is not licensed for production; it is planned without a SQL Server licence.`,
          hint: 'Set the SQL edition (standard or enterprise) in the grid if production will run here.',
          path: at(d.label, d.line, d.columns.sqlEdition),
        });
      }
    }
    let role = d.role;
    if (role === null) {
      const inferred = inferRole({
        name: d.name,
        os: d.os,
        applications: d.applications,
        notes: d.notes,
        sqlEdition: edition,
      });
      role = inferred.role;
      issues.push({
        code: 'inventory.role-inferred',
        severity: 'notice',
        message: `no role given for ${d.name}; inferred "${role}" from ${inferred.basis}.`,
        hint: 'Set the role in the inventory grid (or the role column) if this is wrong.',
        path: at(d.label, d.line, d.columns.role),
      });
    }
    if (d.os !== '' && !/windows/i.test(d.os)) {
      issues.push({
        code: 'inventory.not-windows',
        severity: 'warning',
        message: `${d.name} runs "${d.os.slice(0, 60)}"; the plan prices and builds every server as Windows Server.`,
        hint: 'Remove the row if the server is not moving, or keep it to size it as a Windows server.',
        path: at(d.label, d.line, d.columns.os),
      });
    }
    const seen = names.get(d.name.toLowerCase());
    if (seen !== undefined) {
      issues.push({
        code: 'inventory.duplicate-name',
        severity: 'warning',
        message: `"${d.name}" is also on row ${seen}; both were imported.`,
        hint: 'Rename one of them if they are different servers, or delete the duplicate.',
        path: at(d.label, d.line, d.columns.name),
      });
    } else names.set(d.name.toLowerCase(), d.line);
    servers.push({
      id: uniqueId(slugify(d.name), ids),
      name: d.name.slice(0, 255),
      role,
      roleInferred: d.role === null,
      os: (d.os || 'Windows Server').slice(0, 200),
      vcpu: d.vcpu,
      memoryGib: d.memoryGib,
      storageGib: d.storageGib,
      cpu: d.cpu,
      memory: d.memory,
      diskIopsP95: d.diskIopsP95,
      sqlEdition: edition,
      applications: d.applications.slice(0, 100).map((a) => a.slice(0, 200)),
      concurrentAutomations: d.concurrentAutomations,
      pinnedInstanceType: null,
      source: { file: d.label.slice(0, 500), row: d.line },
    });
  }
  if (servers.length === 0 && !issues.some((i) => i.severity === 'error')) {
    issues.push({
      code: 'inventory.no-servers',
      severity: 'error',
      message: `${ctx.fileName} has a header but no servers.`,
      hint: 'Add one row per server below the header.',
      path: at(ctx.fileName, 2),
    });
  }
  return {
    inventory: {
      servers,
      importedFrom: servers.length
        ? { fileName: ctx.fileName.slice(0, 500), format: ctx.format, importedAt: ctx.importedAt }
        : null,
    },
    issues: capRepeatedIssues(issues),
  };
}

/**
 * A 10,000-row file with one problem on every row would bury the rest: after `perCode` issues with the
 * same code and severity, the remaining ones become one summary issue that counts them and names the
 * first and last row. Nothing is dropped silently.
 */
export function capRepeatedIssues(issues: readonly Issue[], perCode = 100): Issue[] {
  const counts = new Map<string, number>();
  const overflow = new Map<string, { first: Issue; count: number; lastRow: number | undefined }>();
  const out: Issue[] = [];
  for (const issue of issues) {
    const key = `${issue.severity}\u0000${issue.code}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n <= perCode) out.push(issue);
    else {
      const o = overflow.get(key);
      if (o) {
        o.count++;
        o.lastRow = issue.path?.row ?? o.lastRow;
      } else overflow.set(key, { first: issue, count: 1, lastRow: issue.path?.row });
    }
  }
  for (const { first, count, lastRow } of overflow.values()) {
    const rows =
      first.path?.row !== undefined ? ` (rows ${first.path.row} to ${lastRow ?? first.path.row})` : '';
    out.push({
      code: first.code,
      severity: first.severity,
      message: `${count} more rows have the same problem${rows}; the first: ${first.message}`,
      hint: first.hint,
      ...(first.path ? { path: { ...first.path } } : {}),
    });
  }
  return out;
}
