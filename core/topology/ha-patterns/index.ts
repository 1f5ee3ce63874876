import type { SqlHaPattern } from '../../model/options';
import { alwaysOnAg } from './always-on-ag';
import { basicAg } from './basic-ag';
import { fciFsx } from './fci-fsx';
import { rdsMultiAz } from './rds-multi-az';
import { singleInstance } from './single-instance';
import type { HaPattern } from './types';

/** Every SQL Server HA pattern, in the order tables list them (most available first, single last). */
export const HA_PATTERNS: Readonly<Record<SqlHaPattern, HaPattern>> = {
  'always-on-ag': alwaysOnAg,
  'basic-ag': basicAg,
  'fci-fsx': fciFsx,
  'rds-multi-az': rdsMultiAz,
  'single-instance': singleInstance,
};

export function haPattern(id: SqlHaPattern): HaPattern {
  return HA_PATTERNS[id];
}

export type { HaPattern, PatternFit, SqlTier } from './types';
export { sqlClusters } from './shared';
