import { GetProductsCommand, type Filter, PricingClient } from '@aws-sdk/client-pricing';

/**
 * The AWS Price List Query API (GetProducts), as the refresh needs it: every page of a query, retried
 * with exponential backoff and jitter when AWS throttles or has a transient fault, within an overall
 * deadline, a few queries at a time. Credentials come from the standard AWS chain (environment,
 * shared config and credentials files, SSO, container or instance role) or a named profile; they are
 * never read, stored or logged here.
 */

/** One GetProducts query: TERM_MATCH filters on Price List attribute names. */
export interface PriceListQuery {
  serviceCode: string;
  filters: Readonly<Record<string, string>>;
}

export type PriceListFailureCode =
  | 'no-credentials'
  | 'expired-credentials'
  | 'access-denied'
  | 'throttled'
  | 'unreachable'
  | 'timeout'
  | 'api-error';

export interface PriceListFailure {
  code: PriceListFailureCode;
  message: string;
}

export type QueryResult =
  { ok: true; items: string[]; pages: number } | { ok: false; failure: PriceListFailure };

export interface PriceListClientOptions {
  /** Endpoint URL; the default is AWS's own (https://api.pricing.us-east-1.amazonaws.com). Tests use 127.0.0.1. */
  endpoint?: string;
  /** Named profile from the shared AWS config files; default: the standard credential chain. */
  profile?: string;
  /** Region of the Price List API endpoint (us-east-1, eu-central-1 or ap-south-1). */
  apiRegion?: string;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per request. */
  requestTimeoutMs?: number;
  pageSize?: number;
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface PriceListClient {
  /** Resolves credentials once, before any query: null when they are there, or why not. */
  checkCredentials(): Promise<PriceListFailure | null>;
  /** Every item of a query (all pages), as the JSON text AWS returns for each. */
  fetchAll(query: PriceListQuery, signal: AbortSignal): Promise<QueryResult>;
  destroy(): void;
}

interface AwsError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'InternalErrorException',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED']);

export function isRetryable(e: unknown): boolean {
  const err = e as AwsError;
  const status = err.$metadata?.httpStatusCode;
  return (
    RETRYABLE_NAMES.has(err.name ?? '') ||
    status === 429 ||
    (status !== undefined && status >= 500) ||
    NETWORK_CODES.has(err.code ?? '')
  );
}

export function classifyFailure(e: unknown, signal: AbortSignal): PriceListFailure {
  const err = e as AwsError;
  const name = err.name ?? '';
  const message = err.message ?? String(e);
  if (signal.aborted || name === 'AbortError')
    return { code: 'timeout', message: 'The AWS Price List API did not answer within the time allowed.' };
  if (name === 'CredentialsProviderError' || (/credential/i.test(message) && !err.$metadata?.httpStatusCode))
    return { code: 'no-credentials', message };
  // An SSO or STS session that has run out: AWS answers 400/403 with one of these names.
  if (['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired'].includes(name))
    return { code: 'expired-credentials', message };
  if (
    name === 'AccessDeniedException' ||
    name === 'UnrecognizedClientException' ||
    err.$metadata?.httpStatusCode === 403
  )
    return { code: 'access-denied', message };
  if (
    name === 'ThrottlingException' ||
    name === 'TooManyRequestsException' ||
    err.$metadata?.httpStatusCode === 429
  )
    return { code: 'throttled', message };
  if (NETWORK_CODES.has(err.code ?? '') || ['ENOTFOUND', 'ECONNREFUSED'].includes(err.code ?? ''))
    return { code: 'unreachable', message };
  return { code: 'api-error', message: `${name ? `${name}: ` : ''}${message}` };
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `fn`, retrying retryable failures up to `maxAttempts` in all. Waits grow exponentially from
 * `baseDelayMs` to at most `maxDelayMs`, with "equal jitter" (half fixed, half random) so parallel
 * queries do not retry in step.
 */
export async function withRetries<T>(
  fn: () => Promise<T>,
  signal: AbortSignal,
  o: Required<
    Pick<PriceListClientOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'random' | 'sleep'>
  >,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isRetryable(e) || attempt >= o.maxAttempts || signal.aborted) throw e;
      const cap = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
      await o.sleep(cap / 2 + o.random() * (cap / 2), signal);
    }
  }
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the results in order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export function createPriceListClient(options: PriceListClientOptions = {}): PriceListClient {
  const retry = {
    maxAttempts: options.maxAttempts ?? 6,
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 8000,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? defaultSleep,
  };
  const client = new PricingClient({
    region: options.apiRegion ?? 'us-east-1',
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    // Retries are ours (above), so throttling is handled the same way whatever the SDK version.
    maxAttempts: 1,
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 30_000, connectionTimeout: 10_000 },
  });
  const pageSize = options.pageSize ?? 100;
  return {
    async checkCredentials() {
      const provider = client.config.credentials;
      try {
        await provider();
        return null;
      } catch (e) {
        return {
          code: 'no-credentials',
          message: e instanceof Error ? e.message : String(e),
        };
      }
    },
    async fetchAll(query, signal) {
      const filters: Filter[] = Object.entries(query.filters).map(([Field, Value]) => ({
        Type: 'TERM_MATCH',
        Field,
        Value,
      }));
      const items: string[] = [];
      let token: string | undefined;
      let pages = 0;
      try {
        do {
          const page = await withRetries(
            () =>
              client.send(
                new GetProductsCommand({
                  ServiceCode: query.serviceCode,
                  Filters: filters,
                  FormatVersion: 'aws_v1',
                  MaxResults: pageSize,
                  ...(token ? { NextToken: token } : {}),
                }),
                { abortSignal: signal },
              ),
            signal,
            retry,
          );
          pages++;
          // The SDK returns each entry as a String object wrapping AWS's JSON text.
          for (const entry of page.PriceList ?? []) items.push(String(entry));
          token = page.NextToken || undefined;
        } while (token);
        return { ok: true, items, pages };
      } catch (e) {
        return { ok: false, failure: classifyFailure(e, signal) };
      }
    },
    destroy() {
      client.destroy();
    },
  };
}
