import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Allure 3's report pages load Google Analytics (a gtag script in every index.html, with
 * no switch to turn it off). A report a partner opens, or one on the team's Pages site,
 * must not tell a third party that it was opened, so the tag is cut out, and whatever
 * would still be fetched from another host is listed.
 */
const GTAG =
  /<script async src="https:\/\/www\.googletagmanager\.com\/gtag\/js[^"]*"><\/script>\s*<script>[\s\S]*?gtag\('config'[\s\S]*?<\/script>/g;

/** Attributes and CSS that make a browser fetch: src, href of link, url(), @import. */
const FETCHES = [
  /<(?:script|img|iframe|source|audio|video|embed|track)\b[^>]*?\bsrc\s*=\s*["']?(https?:)?\/\/([^"'\s>]+)/gi,
  /<link\b[^>]*?\bhref\s*=\s*["']?(https?:)?\/\/([^"'\s>]+)/gi,
  /url\(\s*["']?(https?:)?\/\/([^"')\s]+)/gi,
  /@import\s+["'](https?:)?\/\/([^"']+)/gi,
];

export function stripAnalytics(html: string): string {
  return html.replace(GTAG, '');
}

/** Hosts the page would fetch from (an empty list is what an offline report shows). */
export function externalFetches(html: string): string[] {
  const found = new Set<string>();
  for (const pattern of FETCHES) {
    for (const match of html.matchAll(pattern)) found.add((match[2] ?? '').split('/')[0] as string);
  }
  return [...found];
}

/** Strips the tag from each file in place; returns what would still be fetched, by file. */
export function makeOffline(files: readonly string[]): Map<string, string[]> {
  const remaining = new Map<string, string[]>();
  for (const file of files) {
    const html = stripAnalytics(readFileSync(file, 'utf8'));
    writeFileSync(file, html);
    const hosts = externalFetches(html);
    if (hosts.length > 0) remaining.set(file, hosts);
  }
  return remaining;
}

if (require.main === module) {
  const files = process.argv.slice(2);
  const remaining = makeOffline(files);
  for (const [file, hosts] of remaining)
    console.error(`${file} still fetches from ${hosts.join(', ')}`);
  process.exitCode = files.length === 0 ? 2 : remaining.size > 0 ? 1 : 0;
}
