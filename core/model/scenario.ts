import { z } from 'zod';
import { layoutSchema } from './layout';
import { planOptionsSchema } from './options';
import { topologySchema } from './topology';

/**
 * A named variant of the design kept in the project ("Always On AG, 3-year RI", "FCI on FSx"): its
 * options, topology and layout. The inventory is the project's, shared by every variant.
 */
export const scenarioSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  options: planOptionsSchema,
  topology: topologySchema,
  layout: layoutSchema,
  createdAt: z.string().max(40),
});
export type Scenario = z.infer<typeof scenarioSchema>;
