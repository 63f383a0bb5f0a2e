// Which URLs are product detail pages of each platform (API reference: The intent), and the product id they carry.
import type { Platform } from './intent';

export const MAX_PRODUCT_URL_CHARS = 2048;

interface PlatformRule {
  hosts: readonly string[];
  productId: (url: URL) => string | undefined;
}

const digits = (value: string | null | undefined) => (value && /^\d+$/.test(value) ? value : undefined);

const RULES: Record<Platform, PlatformRule> = {
  TAOBAO: { hosts: ['taobao.com', 'tmall.com', 'tmall.hk'], productId: (u) => digits(u.searchParams.get('id')) },
  JD: { hosts: ['jd.com', 'jd.hk'], productId: (u) => /\/(\d+)\.html$/.exec(u.pathname)?.[1] },
  PDD: { hosts: ['yangkeduo.com', 'pinduoduo.com'], productId: (u) => digits(u.searchParams.get('goods_id')) },
};

/**
 * An http(s) URL within the length limit, without user name or password; platform-independent. Userinfo is refused:
 * `https://evil.example@item.jd.com/...` reads as evil.example to a person and goes to item.jd.com.
 */
export function parseHttpUrl(value: string): URL | undefined {
  // The limit counts characters; only a string of more UTF-16 units than that can exceed it.
  if (value.length > MAX_PRODUCT_URL_CHARS && [...value].length > MAX_PRODUCT_URL_CHARS) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/** The product id in a platform's product URL, or undefined when the URL is not one of its product pages. */
export function productIdOf(platform: Platform, value: string): string | undefined {
  const url = parseHttpUrl(value);
  if (!url) return undefined;
  const rule = RULES[platform];
  const host = url.hostname.toLowerCase();
  if (!rule.hosts.some((h) => host === h || host.endsWith(`.${h}`))) return undefined;
  return rule.productId(url);
}

export function isProductUrlOf(platform: Platform, value: string): boolean {
  return productIdOf(platform, value) !== undefined;
}
