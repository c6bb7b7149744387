import { lookup } from 'node:dns';
import { lookup as lookupAll } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Agent } from 'undici';

/**
 * Addresses a webhook must never reach: this host, private networks, link-local (the cloud metadata
 * service at 169.254.169.254 among them), carrier-grade NAT, multicast and reserved ranges.
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv6');

/** Whether an IP address is one of those (an IPv4 address written as IPv6, ::ffff:a.b.c.d, counts as IPv4). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return INTERNAL.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true; // not an address at all: never connect to it
  return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why a URL may not receive webhooks (its host is or resolves to an internal address), or null when it may. */
export async function internalUrlReason(url: string): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host)) return isInternalAddress(host) ? `${host} is a private or local address` : null;
  const addresses = await lookupAll(host, { all: true }).catch(() => null);
  if (!addresses || addresses.length === 0) return `${host} cannot be resolved`;
  const internal = addresses.find(({ address }) => isInternalAddress(address));
  return internal ? `${host} resolves to ${internal.address}, a private or local address` : null;
}

/**
 * Connections that check the address they actually connect to, so a name that resolves to a public
 * address when an alert is made and to an internal one later (DNS rebinding) is still refused.
 */
export function publicOnlyAgent(): Agent {
  const checkedLookup: LookupFunction = (hostname, options, callback) =>
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as { address: string; family: number }[];
      const internal = list.find(({ address }) => isInternalAddress(address));
      if (internal)
        return callback(
          Object.assign(new Error(`${hostname} resolves to ${internal.address}, a private or local address`), { code: 'EINTERNALADDRESS' }),
          '',
          0,
        );
      if (options.all) return (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  return new Agent({ connect: { lookup: checkedLookup } });
}
