import { z } from 'zod';
import { attestationSchema } from '../model/attestation';
import { inventorySchema } from '../model/inventory';
import { layoutSchema } from '../model/layout';
import { planOptionsSchema } from '../model/options';
import { proposalSettingsSchema } from '../proposal/proposal-settings';
import { scenarioSchema } from '../model/scenario';
import { suppressionSchema } from '../model/suppression';
import { topologySchema } from '../model/topology';

export const PROJECT_FORMAT = 'archplan';
/** Bump with a migration in migrate.ts whenever the saved shape changes incompatibly. */
export const PROJECT_VERSION = 2;

export const projectInfoSchema = z.object({
  name: z.string().min(1).max(200),
  customer: z.string().max(200),
  preparedBy: z.string().max(200),
  createdAt: z.string().max(40),
  updatedAt: z.string().max(40),
});
export type ProjectInfo = z.infer<typeof projectInfoSchema>;

export const projectSchema = z.object({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
  project: projectInfoSchema,
  inventory: inventorySchema,
  options: planOptionsSchema,
  topology: topologySchema,
  layout: layoutSchema,
  suppressions: z.array(suppressionSchema).max(1000),
  /** Sign-offs of checklist items the design cannot show (MFA, root keys…); older files have none. */
  attestations: z.array(attestationSchema).max(1000).default([]),
  /** Named variants of the design to compare (issue 6); older files have none. */
  scenarios: z.array(scenarioSchema).max(50).default([]),
  /** How the proposal is branded (issue 9); older files have no settings. */
  proposal: proposalSettingsSchema.default({}),
});
export type Project = z.infer<typeof projectSchema>;
