// Writes a link target as a URI that a PDF may hold: 7-bit ASCII, no spaces, every other character percent-escaped.
import { domainToASCII } from 'node:url';

/** Characters a URI may hold as they are (RFC 3986 reserved and unreserved, and `%` of an existing escape). */
const URI_SAFE = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]/;
/** Scheme and authority of an http(s) URL, to write an internationalised host name in its ASCII (punycode) form. */
const HTTP_AUTHORITY = /^(https?:\/\/)([^/?#]*)/i;

/**
 * Escapes a link target for a URI annotation (PDF 32000-1 12.6.4.7: URIs are 7-bit ASCII): UTF-8 percent escapes for
 * spaces, quotes, angle brackets and non-ASCII; a non-ASCII host name in punycode; existing `%XX` escapes kept.
 */
export function escapeLinkUrl(url: string): string {
  const trimmed = url.trim();
  const authority = HTTP_AUTHORITY.exec(trimmed);
  let head = '';
  let rest = trimmed;
  if (authority && /[^\x00-\x7f]/.test(authority[2])) {
    const at = authority[2].lastIndexOf('@');
    const user = at >= 0 ? authority[2].slice(0, at + 1) : '';
    const host = domainToASCII(authority[2].slice(at + 1));
    // A host that has no ASCII form stays as written and is percent-escaped below.
    if (host) {
      head = authority[1] + escapeChars(user) + host;
      rest = trimmed.slice(authority[0].length);
    }
  }
  return head + escapeChars(rest);
}

/** Percent-escapes every character outside URI_SAFE (a `%` only when it does not start an escape). */
function escapeChars(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) out += c;
    else if (URI_SAFE.test(c)) out += c;
    else {
      const point = text.codePointAt(i)!;
      const char = String.fromCodePoint(point);
      if (point > 0xffff) i++;
      out += [...new TextEncoder().encode(char)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    }
  }
  return out;
}
