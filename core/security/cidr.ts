/**
 * IPv4 CIDR arithmetic for the network rules, on the design and on the template alike: whether a
 * source is the whole internet, a private (RFC 1918) range, or inside another range.
 */

interface Block {
  base: number;
  prefix: number;
}

/** "10.20.0.0/16" → { base, prefix }; null for anything else (IPv6, intrinsics, typos). */
export function parseCidr(text: string): Block | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return null;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  return { base: address - (address % size), prefix };
}

/** 0.0.0.0/0 or ::/0: anyone on the internet. */
export function isWorldCidr(text: string): boolean {
  const t = text.trim();
  return t === '0.0.0.0/0' || t === '::/0';
}

/** Whether `inner` lies wholly inside `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  if (!a || !b || a.prefix < b.prefix) return false;
  const size = 2 ** (32 - b.prefix);
  return a.base >= b.base && a.base < b.base + size;
}

export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

/** An RFC 1918 range: addresses inside the VPC or the customer's network, never the internet. */
export function isPrivateCidr(text: string): boolean {
  return PRIVATE_RANGES.some((r) => cidrWithin(text, r));
}

/** Whether a port range (inclusive; -1 for "all") covers a port. */
export function coversPort(protocolAll: boolean, from: number, to: number, port: number): boolean {
  if (protocolAll || from < 0 || to < 0) return true;
  return from <= port && port <= to;
}
