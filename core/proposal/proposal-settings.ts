import { z } from 'zod';
import type { Result } from '../model/issue';
import type { Project } from '../project/schema';

/**
 * The project's proposal settings (saved in the project file). Older files have none: every field is
 * optional and the whole object defaults to {}, so no migration is needed.
 */
export const proposalSettingsSchema = z.object({
  /**
   * A template folder of the architect's own (brand.json, a logo, brand.css, and any of the built-in
   * template files to replace). Absent: the built-in look. Read by the host when it exports.
   */
  templateDir: z.string().trim().min(1).max(1000).optional(),
});
export type ProposalSettings = z.infer<typeof proposalSettingsSchema>;

/**
 * The project with its proposal template folder set (a path on the machine that exports), or cleared
 * when `dir` is blank. The folder itself is read, and refused with a reason, when the proposal is exported.
 */
export function setProposalTemplateDir(project: Project, dir: string): Result<Project> {
  const trimmed = dir.trim();
  if (trimmed === '') {
    if (project.proposal.templateDir === undefined) return { ok: true, value: project, issues: [] };
    const { templateDir: _cleared, ...rest } = project.proposal;
    return { ok: true, value: { ...project, proposal: rest }, issues: [] };
  }
  if (trimmed.length > 1000 || [...trimmed].some((ch) => ch.charCodeAt(0) < 0x20))
    return {
      ok: false,
      issues: [
        {
          code: 'proposal.bad-template-dir',
          severity: 'error',
          message:
            'The proposal template folder is not a usable path (too long, or it has control characters).',
          hint: 'Give the full path of a folder holding brand.json, a logo and any templates to replace.',
          path: { field: 'proposal.templateDir' },
        },
      ],
    };
  if (project.proposal.templateDir === trimmed) return { ok: true, value: project, issues: [] };
  return {
    ok: true,
    value: { ...project, proposal: { ...project.proposal, templateDir: trimmed } },
    issues: [],
  };
}
