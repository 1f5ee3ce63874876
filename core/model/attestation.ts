import { z } from 'zod';

/**
 * The architect's sign-off on a checklist item the design cannot show (MFA, root keys, restore
 * tests…): who confirmed it with the customer, when, and how.
 */
export const attestationSchema = z.object({
  ruleId: z.string().min(1).max(40),
  signedBy: z.string().trim().min(1, 'the name of the person signing off is required').max(200),
  /** ISO date (YYYY-MM-DD) of the sign-off. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
  /** How it was confirmed (evidence, a ticket, a meeting); may be empty. */
  note: z.string().max(2000),
});
export type Attestation = z.infer<typeof attestationSchema>;
