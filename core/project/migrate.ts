import type { Issue, Result } from '../model/issue';
import { PROJECT_FORMAT, PROJECT_VERSION } from './schema';

/** Turns a document of version N into version N + 1. Pure; must not trust its input. */
export type MigrationStep = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * Steps keyed by the version they upgrade from. Each must accept any JSON (the schema check runs after
 * the last step), so a malformed old file still fails with a message naming the field.
 */
export const MIGRATIONS: Readonly<Record<number, MigrationStep>> = {
  /** v1 → v2: a server's single p95 utilisation figures become full utilisation records. */
  1: (doc) => {
    const inventory = isRecord(doc.inventory) ? doc.inventory : doc.inventory;
    const servers = isRecord(inventory) && Array.isArray(inventory.servers) ? inventory.servers : null;
    const upgraded = servers?.map((s: unknown) => {
      if (!isRecord(s)) return s;
      const { cpuP95Pct, memoryP95Pct, ...rest } = s;
      const at95 = (v: unknown) => ({
        avg: null,
        p50: null,
        p90: null,
        p95: v ?? null,
        p99: null,
        max: null,
      });
      return { ...rest, cpu: at95(cpuP95Pct), memory: at95(memoryP95Pct) };
    });
    return {
      ...doc,
      version: 2,
      ...(servers && isRecord(inventory) ? { inventory: { ...inventory, servers: upgraded } } : {}),
    };
  },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the `format`/`version` header and upgrades the document to `target` one step at a time.
 * A file from a newer release is refused rather than half-read.
 */
export function migrateDocument(
  doc: unknown,
  steps: Readonly<Record<number, MigrationStep>> = MIGRATIONS,
  target: number = PROJECT_VERSION,
): Result<Record<string, unknown>> {
  if (!isRecord(doc)) {
    return fail(
      'project.not-an-object',
      'The file is not an Architecture Planner project (expected a JSON object).',
      'Open a file saved by Architecture Planner (*.archplan.json).',
    );
  }
  if (doc.format !== PROJECT_FORMAT) {
    return fail(
      'project.wrong-format',
      `The file's "format" is ${JSON.stringify(doc.format) ?? 'missing'}, not "${PROJECT_FORMAT}".`,
      'Open a file saved by Architecture Planner (*.archplan.json).',
      'format',
    );
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(
      'project.bad-version',
      `The file's "version" is ${JSON.stringify(version) ?? 'missing'}; expected a whole number from 1 (the first format) up.`,
      'The file may be damaged; restore it from a backup or the autosave.',
      'version',
    );
  }
  if (version > target) {
    return fail(
      'project.newer-version',
      `The file was saved by a newer Architecture Planner (format version ${version}; this one reads up to ${target}).`,
      'Update Architecture Planner to open it. The file was not changed.',
      'version',
    );
  }
  let current: Record<string, unknown> = doc;
  for (let v = version; v < target; v++) {
    const step = steps[v];
    if (!step) {
      return fail(
        'project.no-migration',
        `No migration from format version ${v} to ${v + 1}.`,
        'This is a bug in Architecture Planner; please report it with the file.',
        'version',
      );
    }
    current = step(current);
    if (current.version !== v + 1) {
      return fail(
        'project.migration-failed',
        `Migration from version ${v} did not produce version ${v + 1}.`,
        'This is a bug in Architecture Planner; please report it with the file.',
        'version',
      );
    }
  }
  return { ok: true, value: current, issues: [] };
}

function fail(code: string, message: string, hint: string, field?: string): { ok: false; issues: Issue[] } {
  return {
    ok: false,
    issues: [{ code, severity: 'error', message, hint, ...(field ? { path: { field } } : {}) }],
  };
}
