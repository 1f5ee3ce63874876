import type { Issue } from '../model/issue';
import type { Project } from '../project/schema';

/**
 * What every edit action returns: the new project (the old one is untouched, unchanged parts are
 * shared), what to select afterwards, and notes for the architect; or the issues that stopped it,
 * with the project left as it was.
 */
export type EditResult =
  | {
      ok: true;
      project: Project;
      /** Node ids to select after the edit (the new node, the copies…); empty keeps nothing selected. */
      select: string[];
      /** Notices and warnings about the edit (e.g. the security-group rule a connection added). */
      issues: Issue[];
      /** One line for the status bar and the undo history ("Added App server 2"). */
      summary: string;
    }
  | { ok: false; issues: Issue[] };

export function editIssue(
  code: string,
  message: string,
  hint: string,
  severity: Issue['severity'] = 'error',
  field?: string,
): Issue {
  return { code, severity, message, hint, ...(field !== undefined ? { path: { field } } : {}) };
}

export function refuse(code: string, message: string, hint: string, field?: string): EditResult {
  return { ok: false, issues: [editIssue(code, message, hint, 'error', field)] };
}
