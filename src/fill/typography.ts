// Language-aware typographic spacing for release text, applied by layouts that ask for it (the `typography` helper).

const NNBSP = '\u202F'; // narrow no-break space
const NBSP = '\u00A0'; // no-break space

/** Units after which a number keeps its unit on the same line. */
const UNITS = ['%', '‰', '€', '$', '£', 'EUR', 'USD', 'CHF', 'km', 'm', 'cm', 'mm', 'kg', 'g', 't', 'h', 'min', 's', 'ha', 'km²', 'm²', 'MW', 'kW', 'GB', 'MB'];
const NUMBER_UNIT = new RegExp(`(\\d) (${UNITS.map((u) => u.replace(/[$]/g, '\\$')).join('|')})(?![\\p{L}\\d])`, 'gu');
/** What both number rules need somewhere in the text. */
const ASCII_DIGIT = /[0-9]/;
/** Abbreviations that keep the number after them: "No. 5", "n° 5", "p. 12", "Art. 3". */
const NUMBER_PREFIX = /\b(No\.|Nos\.|no\.|n°|N°|p\.|pp\.|Art\.|art\.|§) (?=\d)/gu;

/**
 * Applies the spacing rules of `language` to a piece of release text:
 * - every language: a no-break space between a number and its unit, and after "No.", "n°", "p.", "Art.";
 * - French: a narrow no-break space before ; : ! ? and inside « », replacing an ordinary space or added where missing
 *   (not inside numbers such as 10:30, nor in URLs).
 * Quotes and dashes are left as typed.
 */
export function applyTypography(text: string, language: string): string {
  // Both number rules need a digit (\d is ASCII even with the u flag): most text has none, and skips two slow searches.
  let out = ASCII_DIGIT.test(text) ? text.replace(NUMBER_UNIT, `$1${NBSP}$2`).replace(NUMBER_PREFIX, `$1${NBSP}`) : text;
  if (language.split('-')[0].toLowerCase() === 'fr') out = frenchSpacing(out);
  return out;
}

function frenchSpacing(text: string): string {
  return text
    .replace(/«[ \u00A0]*/g, `«${NNBSP}`)
    .replace(/[ \u00A0]*»/g, `${NNBSP}»`)
    // A space (or none) before ; ! ? — but not inside a run such as "?!", after its first mark.
    .replace(/(\S)[ \u00A0]?([;!?])(?=\s|$|[;!?»)])/gu, (m, before: string, mark: string) => (/[;!?\u202F]/.test(before) ? m : `${before}${NNBSP}${mark}`))
    // A colon in prose is followed by a space or ends the text: so 10:30, http:// and mailto:x are left alone.
    .replace(/(\S)[ \u00A0]?:(?=\s|$)/gu, (m, before: string) => (before === NNBSP ? m : `${before}${NNBSP}:`));
}
