// The one rule for links in release text: http, https and mailto only.

/** Schemes a release link may use: anything else could run code or read local files. */
export const ALLOWED_LINK_SCHEMES = ['http', 'https', 'mailto'] as const;

/** Returns what is wrong with a link target, or undefined when it is allowed. */
export function checkLinkUrl(url: string): string | undefined {
  const trimmed = url.trim();
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase();
  if (!scheme) return `link target "${shorten(trimmed)}" has no scheme`;
  if (!(ALLOWED_LINK_SCHEMES as readonly string[]).includes(scheme)) return `link scheme "${scheme}:" is not allowed`;
  if (scheme !== 'mailto' && !/^https?:\/\/[^/?#\s]+/i.test(trimmed)) return `link target "${shorten(trimmed)}" has no host`;
  return undefined;
}

function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
