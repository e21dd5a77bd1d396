// The JSON Schema of release data: what a press officer may write, checked with messages they understand.

/** Longest title we accept: a title that runs to more than a few lines is a paragraph, not a title. */
export const MAX_TITLE_LENGTH = 400;
/** Longest short field (ref, place, names): enough for any real value, small enough to stop pasted documents. */
export const MAX_SHORT_FIELD = 200;

/** Text with something visible in it: a value of only spaces or invisible format characters (ZWJ, ZWSP, soft hyphen, BOM) is as empty as no value. */
const NOT_BLANK = '[^\\s\\p{Cf}]';

const shortText = { type: 'string', minLength: 1, maxLength: MAX_SHORT_FIELD, pattern: NOT_BLANK };

/** Schema of the front matter (Markdown) or the whole document (JSON/YAML). */
export const releaseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['layout', 'ref', 'date', 'place', 'language', 'title'],
  properties: {
    layout: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
    ref: shortText,
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    place: shortText,
    language: { type: 'string', pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' },
    title: { type: 'string', minLength: 1, maxLength: MAX_TITLE_LENGTH, pattern: NOT_BLANK },
    subtitle: { type: 'string', minLength: 1, maxLength: MAX_TITLE_LENGTH, pattern: NOT_BLANK },
    body: { type: 'string' },
    contacts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: shortText,
          role: { type: 'string', minLength: 1, maxLength: 400 },
          tel: shortText,
          mobile: shortText,
          email: {
            anyOf: [
              { type: 'string', pattern: '^[^\\s@]+@[^\\s@]+$' },
              { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[^\\s@]+@[^\\s@]+$' } },
            ],
          },
        },
      },
    },
    footnotes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['mark', 'text'],
        properties: { mark: shortText, text: { type: 'string', minLength: 1, maxLength: 4000 } },
      },
    },
  },
} as const;

/** What each field means, to say what is expected in messages. */
export const FIELD_EXPECTATIONS: Record<string, string> = {
  layout: 'a layout name such as coe-press-release (see `pressroom layouts`)',
  ref: 'the release reference, e.g. 161a07',
  date: 'an ISO date, YYYY-MM-DD, e.g. 2007-03-12',
  place: 'the dateline place, e.g. Strasbourg',
  language: 'a BCP 47 language tag, e.g. en or fr',
  title: 'the release title as text',
  subtitle: 'a subtitle as text',
  body: 'the release body as CommonMark text',
  contacts: 'a list of contacts, each with name and optionally role, tel, mobile, email',
  footnotes: 'a list of footnotes, each with mark and text',
  email: 'an e-mail address or a list of them',
  name: 'the contact\'s name',
  mark: 'the footnote mark as used in the body, e.g. (*)',
  text: 'the footnote text',
};
