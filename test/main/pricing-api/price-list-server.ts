import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the AWS Price List Query API on 127.0.0.1: it speaks the AWS JSON 1.1
 * protocol the SDK uses (POST /, `X-Amz-Target: AWSPriceListService.GetProducts`, a JSON body with
 * ServiceCode, Filters, FormatVersion, NextToken, MaxResults) and answers with
 * `{ FormatVersion, PriceList: [<JSON text of each item>], NextToken }`, exactly as AWS does. Tests
 * register items per service code, a page size, throttling to answer first, and malformed items.
 */
export interface GetProductsRequest {
  ServiceCode: string;
  Filters?: { Type: string; Field: string; Value: string }[];
  FormatVersion?: string;
  NextToken?: string;
  MaxResults?: number;
}

export interface PriceListServerOptions {
  /** Items (objects in the real GetProducts format) per service code. */
  items: Record<string, unknown[]>;
  pageSize?: number;
  /** Answer this many requests with 400 ThrottlingException before answering normally. */
  throttleFirst?: number;
  /** Extra raw strings appended once, to the first page answered for a service (e.g. malformed JSON). */
  rawExtras?: Record<string, string[]>;
  /** Never answer (to test the overall timeout). */
  hang?: boolean;
  /** Answer every request with this status and AWS error type. */
  failAll?: { status: number; type: string; message: string };
  /** Answer every page after the first of this service with an error (a listing cut off half-way). */
  failLaterPages?: { serviceCode: string; status: number; type: string; message: string };
}

export interface PriceListServer {
  endpoint: string;
  requests: { target: string; body: GetProductsRequest; authorization: string | undefined }[];
  close(): Promise<void>;
}

function matches(item: unknown, filters: GetProductsRequest['Filters']): boolean {
  const attrs = ((item as { product?: { attributes?: Record<string, string>; productFamily?: string } })
    .product ?? {}) as { attributes?: Record<string, string>; productFamily?: string };
  for (const f of filters ?? []) {
    const actual = f.Field === 'productFamily' ? attrs.productFamily : attrs.attributes?.[f.Field];
    if (f.Type === 'TERM_MATCH' && actual !== f.Value) return false;
    if (f.Type === 'CONTAINS' && !(actual ?? '').includes(f.Value)) return false;
  }
  return true;
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': 'test-request',
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startPriceListServer(options: PriceListServerOptions): Promise<PriceListServer> {
  const pageSize = options.pageSize ?? 100;
  let throttles = options.throttleFirst ?? 0;
  const extrasSent = new Set<string>();
  const requests: PriceListServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = JSON.parse((await readBody(req)) || '{}') as GetProductsRequest;
      requests.push({ target, body, authorization: req.headers.authorization });
      if (options.hang) return;
      if (options.failAll) {
        const f = options.failAll;
        send(res, f.status, { __type: f.type, message: f.message }, f.type);
        return;
      }
      if (target !== 'AWSPriceListService.GetProducts') {
        send(res, 400, { __type: 'InvalidParameterException', message: `unknown target ${target}` });
        return;
      }
      if (throttles > 0) {
        throttles--;
        send(res, 400, { __type: 'ThrottlingException', message: 'Rate exceeded' }, 'ThrottlingException');
        return;
      }
      const cut = options.failLaterPages;
      if (cut && cut.serviceCode === body.ServiceCode && body.NextToken) {
        send(res, cut.status, { __type: cut.type, message: cut.message }, cut.type);
        return;
      }
      const all = (options.items[body.ServiceCode] ?? []).filter((i) => matches(i, body.Filters));
      const start = body.NextToken ? Number(body.NextToken) : 0;
      const size = Math.min(body.MaxResults ?? pageSize, pageSize);
      const page = all.slice(start, start + size).map((i) => JSON.stringify(i));
      if (start === 0 && all.length > 0 && !extrasSent.has(body.ServiceCode)) {
        extrasSent.add(body.ServiceCode);
        page.push(...(options.rawExtras?.[body.ServiceCode] ?? []));
      }
      const next = start + size < all.length ? String(start + size) : undefined;
      send(res, 200, { FormatVersion: 'aws_v1', PriceList: page, ...(next ? { NextToken: next } : {}) });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
