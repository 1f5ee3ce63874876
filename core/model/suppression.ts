import { z } from 'zod';

/** A failed check the architect accepts on purpose: it needs a reason, an owner and a review date. */
export const suppressionSchema = z.object({
  ruleId: z.string().min(1).max(40),
  /** Resources the suppression covers; empty = every resource the rule flags. */
  resourceIds: z.array(z.string().max(200)).max(1000),
  justification: z.string().min(10, 'a justification of at least 10 characters is required').max(2000),
  owner: z.string().min(1).max(200),
  /** ISO date (YYYY-MM-DD) by which the suppression must be reviewed. */
  reviewBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
});
export type Suppression = z.infer<typeof suppressionSchema>;
