import { z } from 'zod';

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
