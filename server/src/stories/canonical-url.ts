/**
 * The form of a story's link used to recognise the same story arriving from several feeds or
 * under several tracking links: scheme and host lower-cased (WHATWG URL parsing does that, and
 * drops default ports), no fragment, no user name / password, no click-tracking parameters, the
 * remaining query parameters sorted, no empty `?`. The path keeps its case: servers differ.
 * Only http(s) URLs have a canonical form; anything else gives null.
 */

/**
 * Query parameters that only say where a click came from, matched case-insensitively.
 * `ref` and `source` are left alone on purpose: some sites use them to choose content.
 */
export const TRACKING_PARAMETERS: ReadonlySet<string> = new Set([
  // ad-click identifiers: Meta, Google, Microsoft, Yandex, X/Twitter, TikTok, LinkedIn, Instagram
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'ymclid', 'twclid', 'ttclid', 'li_fat_id', 'igshid', 'igsh',
  // Google Analytics cross-domain linker
  '_ga', '_gl',
  // Mailchimp, HubSpot, Marketo, Olytics, Vero
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'hsctatracking', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv',
  // publishers' share / campaign tags: Twitter embeds, MSN, CNN & others, Guardian, NYT, Yahoo, Adobe, Le Monde (xtor)
  'ref_src', 'ref_url', '__twitter_impression', 'ocid', 'cmpid', 'cmp', 'smid', 'smtyp', 'ncid', 'soc_src', 'soc_trk', 's_cid', 'wt.mc_id', 'wt.mc_ev', 'xtor',
  'guccounter', 'guce_referrer', 'guce_referrer_sig',
  // Facebook share dialogs
  'fb_action_ids', 'fb_action_types', 'fb_ref', 'fb_source', 'action_object_map', 'action_type_map', 'action_ref_map',
]);

/** Whole families: Urchin/Google (utm_), AT Internet as used by the BBC (at_medium, at_campaign, ...), Comscore (ns_), Matomo/Piwik (pk_, mtm_). */
export const TRACKING_PARAMETER_PREFIXES: readonly string[] = ['utm_', 'at_', 'ns_', 'pk_', 'mtm_'];

export function isTrackingParameter(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_PARAMETERS.has(key) || TRACKING_PARAMETER_PREFIXES.some((prefix) => key.startsWith(prefix));
}

export function canonicalUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  // Work on the serialised pairs so every kept value stays byte-for-byte as the site wrote it.
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair.length > 0 && !isTrackingParameter(parameterName(pair)));
  kept.sort((a, b) => compare(rawName(a), rawName(b)) || compare(a, b));
  parsed.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return parsed.href;
}

function rawName(pair: string): string {
  const eq = pair.indexOf('=');
  return eq === -1 ? pair : pair.slice(0, eq);
}

function parameterName(pair: string): string {
  const name = rawName(pair).replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
