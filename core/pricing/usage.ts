/**
 * Usage the design cannot know: traffic, requests, data volumes. Stated on every line that uses them
 * and printed in the proposal's assumptions. Keys end in their unit (infracost's convention).
 */
export interface UsageAssumptions {
  /** Internet-bound data through NAT (Windows Update, patches, agents), per instance per month. */
  natGbPerInstanceMonth: number;
  /** Average Application Load Balancer capacity units in use. */
  albAverageLcu: number;
  s3PutRequestsMonthly: number;
  s3GetRequestsMonthly: number;
  kmsRequestsMonthly: number;
}

export const DEFAULT_USAGE: UsageAssumptions = {
  natGbPerInstanceMonth: 10,
  albAverageLcu: 1,
  s3PutRequestsMonthly: 10_000,
  s3GetRequestsMonthly: 1_000,
  kmsRequestsMonthly: 100_000,
};
