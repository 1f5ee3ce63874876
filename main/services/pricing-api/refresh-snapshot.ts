import type { Issue, Result } from '../../../core/model/issue';
import {
  type InstanceTypeInfo,
  type PricedProduct,
  type PricingSnapshot,
  type SnapshotSource,
  pricingSnapshotSchema,
} from '../../../core/pricing/snapshot';
import { type LiveProduct, convertPriceListItem, instanceTypeFromProduct } from './price-list-item';
import {
  type PriceListClient,
  type PriceListFailure,
  type PriceListQuery,
  mapWithConcurrency,
} from './price-list-client';
import { refreshQueries } from './queries';

export interface RefreshOptions {
  region: string;
  /** The bundled snapshot of the region: its location, rules and gaps, and the prices of anything not fetched. */
  bundled: PricingSnapshot;
  client: PriceListClient;
  /** What the snapshot says about where it came from: "AWS Price List API" or the endpoint URL used. */
  endpointLabel: string;
  now: () => Date;
  timeoutMs?: number;
  concurrency?: number;
  queries?: PriceListQuery[];
}

export interface RefreshSummary {
  fetchedAt: string;
  /** Products read per service code. */
  products: Record<string, number>;
  /** Items AWS returned that could not be read (skipped, each counted). */
  malformedItems: number;
  failedServices: { serviceCode: string; reason: string }[];
}

const HINTS: Record<PriceListFailure['code'], string> = {
  'no-credentials':
    'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, sign in with `aws sso login`, or pass --profile <name> for a profile in ~/.aws/config. Any IAM identity with pricing:GetProducts will do. The bundled price snapshot stays in use.',
  'expired-credentials':
    'Sign in again (`aws sso login`, or fresh temporary credentials from your identity provider) and retry. The bundled price snapshot stays in use.',
  'access-denied':
    'Give the identity the pricing:GetProducts permission (the AWSPriceListServiceFullAccess policy has it). The bundled price snapshot stays in use.',
  throttled:
    'AWS kept throttling the requests; try again in a few minutes. The bundled price snapshot stays in use.',
  unreachable:
    'Check the internet connection or proxy (the API is at api.pricing.us-east-1.amazonaws.com). The bundled price snapshot stays in use.',
  timeout: 'Try again later or on a faster connection. The bundled price snapshot stays in use.',
  'api-error': 'Try again later. The bundled price snapshot stays in use.',
};

const MESSAGES: Record<PriceListFailure['code'], string> = {
  'no-credentials':
    'No AWS credentials were found, so prices cannot be refreshed from the AWS Price List API',
  'expired-credentials': 'The AWS credentials have expired',
  'access-denied': 'AWS refused the Price List request',
  throttled: 'The AWS Price List API kept throttling the requests',
  unreachable: 'The AWS Price List API could not be reached',
  timeout: 'The AWS Price List API did not answer in time',
  'api-error': 'The AWS Price List API returned an error',
};

export function refreshIssue(failure: PriceListFailure): Issue {
  return {
    code: `pricing.live-${failure.code}`,
    severity: 'error',
    message: `${MESSAGES[failure.code]} (${failure.message.slice(0, 300)}).`,
    hint: HINTS[failure.code],
  };
}

/**
 * Fetches current prices for a region from the Price List API and builds a snapshot from them: live
 * products first, then the bundled snapshot's products for whatever the live data does not answer
 * (services that failed, and filters the live attributes do not match), each line keeping the source
 * it was priced from. Fails as a whole only when nothing could be fetched.
 */
export async function refreshSnapshot(
  options: RefreshOptions,
): Promise<Result<{ snapshot: PricingSnapshot; summary: RefreshSummary }>> {
  const { region, bundled, client } = options;
  const missingCredentials = await client.checkCredentials();
  if (missingCredentials) return { ok: false, issues: [refreshIssue(missingCredentials)] };

  const fetchedAt = options.now().toISOString();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timeout')), options.timeoutMs ?? 300_000);
  const queries = options.queries ?? refreshQueries(region, bundled.location);
  let results;
  try {
    results = await mapWithConcurrency(queries, options.concurrency ?? 4, (q) =>
      client.fetchAll(q, controller.signal),
    );
  } finally {
    clearTimeout(timer);
  }

  const live = new Map<string, LiveProduct[]>();
  const failures = new Map<string, PriceListFailure>();
  let malformed = 0;
  queries.forEach((q, i) => {
    const r = results[i];
    if (!r) return;
    if (!r.ok) {
      if (!failures.has(q.serviceCode)) failures.set(q.serviceCode, r.failure);
      return;
    }
    const list = live.get(q.serviceCode) ?? [];
    for (const text of r.items) {
      const item = convertPriceListItem(text, region, `live-${q.serviceCode}`);
      if (item.ok) list.push(item.value);
      else malformed++;
    }
    live.set(q.serviceCode, list);
  });
  // A service counts as fetched only if every one of its queries answered.
  for (const code of failures.keys()) live.delete(code);
  const fetched = [...live.entries()].filter(([, list]) => list.length > 0);
  if (fetched.length === 0) {
    const first = [...failures.values()][0];
    return {
      ok: false,
      issues: [
        first
          ? refreshIssue(first)
          : {
              code: 'pricing.live-empty',
              severity: 'error',
              message: `The AWS Price List API returned no products for ${region}.`,
              hint: 'Check the region code. The bundled price snapshot stays in use.',
            },
      ],
    };
  }

  const failedServices = [
    ...[...failures].map(([serviceCode, f]) => ({
      serviceCode,
      reason: `${MESSAGES[f.code]}: ${f.message}`.slice(0, 300),
    })),
    ...[...live]
      .filter(([, list]) => list.length === 0)
      .map(([serviceCode]) => ({ serviceCode, reason: 'no products matched' })),
  ].sort((a, b) => a.serviceCode.localeCompare(b.serviceCode));
  const fetchedCodes = new Set(fetched.map(([code]) => code));

  const sources: SnapshotSource[] = fetched.map(([serviceCode, list]) => ({
    id: `live-${serviceCode}`,
    description: `${serviceCode} prices from the AWS Price List Query API (GetProducts)`,
    file: 'AWS Price List Query API',
    publishedAt:
      list
        .map((p) => p.publicationDate ?? '')
        .sort()
        .at(-1) || null,
    origin: options.endpointLabel,
    fetchedAt,
  }));
  const seen = new Set<string>();
  const liveProducts: PricedProduct[] = [];
  for (const [, list] of fetched)
    for (const p of list) {
      const key = `${p.product.serviceCode}\u0000${p.sku || JSON.stringify(p.product.attributes)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      liveProducts.push(p.product);
    }

  const types = new Map<string, InstanceTypeInfo>();
  for (const p of liveProducts)
    if (
      p.serviceCode === 'AmazonEC2' &&
      p.productFamily === 'Compute Instance' &&
      p.attributes.operatingSystem === 'Linux'
    ) {
      const info = instanceTypeFromProduct(p);
      if (info) types.set(info.instanceType, info);
    }
  for (const t of bundled.instanceTypes) if (!types.has(t.instanceType)) types.set(t.instanceType, t);

  // Gaps of the bundled files no longer apply to services fetched live (their terms came with them).
  const termGapsFetched: Record<string, string> = {
    'ec2-ri-upfront': 'AmazonEC2',
    'ec2-ri-convertible': 'AmazonEC2',
    'rds-reserved': 'AmazonRDS',
  };
  const gaps = bundled.gaps.filter((g) => {
    const service = g.match.serviceCode ?? termGapsFetched[g.id];
    return service === undefined || !fetchedCodes.has(service);
  });

  const snapshot = pricingSnapshotSchema.parse({
    ...bundled,
    builtAt: fetchedAt,
    origin: {
      kind: 'live',
      fetchedAt,
      endpoint: options.endpointLabel,
      servicesFetched: [...fetchedCodes].sort(),
      servicesFailed: failedServices,
    },
    sources: [...sources, ...bundled.sources],
    gaps,
    instanceTypes: [...types.values()].sort((a, b) => a.instanceType.localeCompare(b.instanceType)),
    products: [...liveProducts, ...bundled.products],
  } satisfies PricingSnapshot);
  return {
    ok: true,
    value: {
      snapshot,
      summary: {
        fetchedAt,
        products: Object.fromEntries(fetched.map(([code, list]) => [code, list.length])),
        malformedItems: malformed,
        failedServices,
      },
    },
    issues: [
      ...(malformed > 0
        ? [
            {
              code: 'pricing.live-malformed-items',
              severity: 'warning' as const,
              message: `${malformed} price list item${malformed === 1 ? '' : 's'} from AWS could not be read and ${malformed === 1 ? 'was' : 'were'} skipped.`,
              hint: 'The rest of the refresh is complete; lines that needed a skipped item use the bundled price.',
            },
          ]
        : []),
      ...failedServices.map((f) => ({
        code: 'pricing.live-service-failed',
        severity: 'warning' as const,
        message: `${f.serviceCode} could not be refreshed (${f.reason}); its prices come from the bundled snapshot.`,
        hint: 'Run the refresh again later to update it.',
      })),
    ],
  };
}
