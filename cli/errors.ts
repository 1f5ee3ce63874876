import { type Issue, formatIssue } from '../core/model/issue';

/** Exit codes (ARCHITECTURE.md): 0 ok, 1 checks failed, 2 bad input or usage, 3 a bug in archplan. */
export const EXIT = { ok: 0, checksFailed: 1, badInput: 2, internal: 3 } as const;

/** A user-facing failure: printed as issues, never as a stack trace. */
export class CliError extends Error {
  constructor(
    readonly issues: Issue[],
    readonly exitCode: number = EXIT.badInput,
  ) {
    super(issues.map((i) => i.message).join('; '));
  }
}

export function usageError(message: string, hint: string): CliError {
  return new CliError([{ code: 'cli.usage', severity: 'error', message, hint }]);
}

export function printIssues(issues: readonly Issue[], stream: NodeJS.WritableStream = process.stderr): void {
  for (const issue of issues) stream.write(`${formatIssue(issue)}\n`);
}
