import type { Result } from '../model/issue';
import { migrateDocument } from './migrate';
import { type Project, projectSchema } from './schema';
import { checkProjectIntegrity } from './check-integrity';
import { zodIssues } from '../util/zod-issues';

/**
 * Reads a project from the text of an *.archplan.json file: JSON, header, migrations, schema, then
 * cross-references. Trusts nothing; never throws for bad input.
 */
export function parseProject(text: string, fileName = 'project'): Result<Project> {
  if (text.trim() === '') {
    return {
      ok: false,
      issues: [
        {
          code: 'project.empty',
          severity: 'error',
          message: `${fileName} is empty.`,
          hint: 'Restore the file from a backup or the autosave recovery file.',
          path: { file: fileName },
        },
      ],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      issues: [
        {
          code: 'project.not-json',
          severity: 'error',
          message: `${fileName} is not valid JSON (${detail}); it may be truncated or damaged.`,
          hint: 'Restore the file from a backup or the autosave recovery file. Nothing was changed.',
          path: { file: fileName },
        },
      ],
    };
  }
  const migrated = migrateDocument(raw);
  if (!migrated.ok)
    return { ok: false, issues: migrated.issues.map((i) => ({ ...i, path: { ...i.path, file: fileName } })) };
  const parsed = projectSchema.safeParse(migrated.value);
  if (!parsed.success) {
    return {
      ok: false,
      issues: zodIssues(
        parsed.error,
        'project.invalid-field',
        'Correct the field in the file, or restore it from a backup.',
      ).map((i) => ({ ...i, path: { ...i.path, file: fileName } })),
    };
  }
  const integrity = checkProjectIntegrity(parsed.data);
  if (integrity.some((i) => i.severity === 'error')) return { ok: false, issues: integrity };
  return { ok: true, value: parsed.data, issues: integrity };
}

/** Pure serialisation: the exact text written to disk. */
export function serializeProject(project: Project): string {
  return `${JSON.stringify(project, null, 2)}\n`;
}
