import type { Issue } from '../../core/model/issue';

/**
 * The host could not answer at all (refused, unreachable, or sent something the contract does not
 * allow). Channel-level problems come back as `{ status: 'error', issues }` values instead; this is
 * thrown only at the transport boundary and turned into issues by the store's commands.
 */
export class HostError extends Error {
  readonly issues: Issue[];

  constructor(issues: [Issue, ...Issue[]]) {
    super(issues[0].message);
    this.name = 'HostError';
    this.issues = issues;
  }
}

export function hostError(code: string, message: string, hint: string): HostError {
  return new HostError([{ code, severity: 'error', message, hint }]);
}

/** Any failure of a host call as issues the status bar can show. */
export function issuesFromFailure(error: unknown, what: string): Issue[] {
  if (error instanceof HostError) return error.issues;
  const detail = error instanceof Error ? error.message : String(error);
  return [
    {
      code: 'host.unexpected',
      severity: 'error',
      message: `${what} failed: ${detail}`,
      hint: 'Try again; if it keeps failing, restart Architecture Planner.',
    },
  ];
}
