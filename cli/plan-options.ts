import { DEFAULT_PLAN_OPTIONS, type PlanOptions, planOptionsSchema } from '../core/model/options';
import { CliError } from './errors';

const FLAG_FOR: Record<string, string> = {
  region: '--region',
  sqlHa: '--sql-ha',
  purchaseOption: '--purchase',
  headroom: '--headroom',
  natGateways: '--nat',
  percentile: '--percentile',
  usageProfile: '--usage',
};

/** Plan options from command-line flags; a bad value is a usage error naming the flag and what it accepts. */
export function planOptionsFromFlags(values: Record<string, string | boolean | undefined>): PlanOptions {
  const str = (k: string): string | undefined =>
    typeof values[k] === 'string' ? (values[k] as string) : undefined;
  const headroomText = str('headroom');
  const headroom =
    headroomText === undefined
      ? DEFAULT_PLAN_OPTIONS.headroom
      : /^\d+(\.\d+)?$/.test(headroomText)
        ? Number(headroomText)
        : Number.NaN;
  const candidate = {
    ...DEFAULT_PLAN_OPTIONS,
    ...(str('region') !== undefined ? { region: str('region') } : {}),
    ...(str('sql-ha') !== undefined ? { sqlHa: str('sql-ha') } : {}),
    ...(str('purchase') !== undefined ? { purchaseOption: str('purchase') } : {}),
    ...(str('nat') !== undefined ? { natGateways: str('nat') } : {}),
    ...(str('percentile') !== undefined ? { percentile: str('percentile') } : {}),
    ...(str('usage') !== undefined ? { usageProfile: str('usage') } : {}),
    ...(values['allow-burstable'] === true ? { allowBurstable: true } : {}),
    headroom,
  };
  const parsed = planOptionsSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  throw new CliError(
    parsed.error.issues.map((i) => {
      const field = String(i.path[0] ?? '');
      const flag = FLAG_FOR[field] ?? field;
      const given = (candidate as Record<string, unknown>)[field];
      return {
        code: 'cli.bad-option',
        severity: 'error' as const,
        message: `${flag} ${field === 'headroom' ? headroomText : String(given)}: ${i.message}.`,
        hint:
          field === 'headroom'
            ? 'Use a factor from 1 to 4, e.g. --headroom 1.3.'
            : `Run \`archplan --help\` for the values ${flag} accepts.`,
      };
    }),
  );
}
