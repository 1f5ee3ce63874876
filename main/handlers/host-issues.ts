import type { Issue, IssuePath } from '../../core/model/issue';

/** The error variant every channel's output can carry (and the body of every HTTP error answer). */
export interface HostErrorResult {
  status: 'error';
  issues: Issue[];
}

export function hostIssue(code: string, message: string, hint: string, path?: IssuePath): Issue {
  return { code, severity: 'error', message, hint, ...(path ? { path } : {}) };
}

export function hostError(code: string, message: string, hint: string, path?: IssuePath): HostErrorResult {
  return { status: 'error', issues: [hostIssue(code, message, hint, path)] };
}

// The wording lives in services so the plain-Node plan export (used by the CLI too) says the same.
export { describeFileError, errorCode } from '../services/file-errors';
