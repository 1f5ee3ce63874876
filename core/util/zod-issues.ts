import type { z } from 'zod';
import type { Issue } from '../model/issue';

/** "inventory.servers[3].vcpu" from a zod path. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/** zod says "expected string, received undefined" for a field that is not there; say that instead. */
function readableMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message))
    return `missing (expected ${issue.expected})`;
  return issue.message;
}

/** zod's findings as our issue values, each naming the field; capped so a hostile file cannot flood the UI. */
export function zodIssues(error: z.ZodError, code: string, hint: string): Issue[] {
  return error.issues.slice(0, 50).map((i) => ({
    code,
    severity: 'error' as const,
    message: `${formatFieldPath(i.path)}: ${readableMessage(i)}`,
    hint,
    path: { field: formatFieldPath(i.path) },
  }));
}
