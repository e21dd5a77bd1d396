// The preflight behind `pressroom check`: what an archivist wants to know of any PDF — PDF/A claim and metadata, fonts, tags, links, actions.
import { readAttachments, type EmbeddedFile } from './readAttachments.js';
import { decodeStream, nameOf, PdfDict, PdfStream, readPdfObjects, resolve, textOf, type PdfObjects, type PdfValue } from './readPdfObjects.js';
import { readXmp, type XmpProperties } from './readXmp.js';

/** One problem found. */
export interface Finding {
  /** A short rule name, e.g. `font-embedded`. */
  rule: string;
  message: string;
}

/** What `check` found in one PDF. */
export interface CheckReport {
  /** The PDF/A claim in the XMP, e.g. `3B`, or null. */
  pdfa: string | null;
  tagged: boolean;
  lang: string | null;
  fonts: { total: number; embedded: number; subset: number };
  links: number;
  attachments: EmbeddedFile[];
  findings: Finding[];
}

/** URI schemes a link may use (the same rule as release links). */
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);
/** Action types that run code or other programs. */
const FORBIDDEN_ACTIONS = new Set(['JavaScript', 'Launch', 'ImportData', 'ResetForm', 'Hide', 'SetOCGState', 'Rendition', 'Trans', 'GoTo3DView']);
/** Info dictionary entries and the XMP properties PDF/A requires to hold the same value. */
const INFO_TO_XMP: Array<[string, string, 'text' | 'date']> = [
  ['Title', 'dc:title', 'text'],
  ['Author', 'dc:creator', 'text'],
  ['Subject', 'dc:description', 'text'],
  ['Keywords', 'pdf:Keywords', 'text'],
  ['Creator', 'xmp:CreatorTool', 'text'],
  ['Producer', 'pdf:Producer', 'text'],
  ['CreationDate', 'xmp:CreateDate', 'date'],
  ['ModDate', 'xmp:ModifyDate', 'date'],
];

/** Checks one PDF's bytes. A file that cannot be read at all gives one finding. */
export function checkPdf(bytes: Uint8Array): CheckReport {
  const report: CheckReport = { pdfa: null, tagged: false, lang: null, fonts: { total: 0, embedded: 0, subset: 0 }, links: 0, attachments: [], findings: [] };
  const find = (rule: string, message: string) => report.findings.push({ rule, message });
  let pdf: PdfObjects;
  try {
    pdf = readPdfObjects(bytes);
  } catch (err) {
    find('syntax', `cannot read the file: ${(err as Error).message}`);
    return report;
  }
  // 1. Encryption hides everything else (and PDF/A forbids it).
  if (pdf.trailer.get('Encrypt') !== undefined) {
    find('encryption', 'the file is encrypted');
    return report;
  }
  const catalog = resolve(pdf.objects, pdf.trailer.get('Root'));
  if (!(catalog instanceof PdfDict)) {
    find('syntax', 'the trailer names no document catalog');
    return report;
  }
  // 2. PDF/A identification and metadata, 3. colour, 4. fonts, 5. tags, 6. links and actions, 7. attachments.
  const xmp = checkMetadata(pdf, catalog, report, find);
  checkOutputIntent(pdf, catalog, find);
  checkFonts(pdf, report, find);
  checkTagging(pdf, catalog, report, find);
  checkActions(pdf, catalog, report, find);
  checkAttachments(pdf, report, xmp, find);
  report.findings = mergeRepeats(report.findings);
  return report;
}

/** One line per distinct finding, with a count where it repeats (a link problem on every page is one problem). */
function mergeRepeats(findings: readonly Finding[]): Finding[] {
  const counts = new Map<string, { finding: Finding; n: number }>();
  for (const f of findings) {
    const key = `${f.rule}\u0000${f.message}`;
    const seen = counts.get(key);
    if (seen) seen.n++;
    else counts.set(key, { finding: f, n: 1 });
  }
  return [...counts.values()].map(({ finding, n }) => (n > 1 ? { ...finding, message: `${finding.message} (${n} times)` } : finding));
}

type Find = (rule: string, message: string) => void;

function checkMetadata(pdf: PdfObjects, catalog: PdfDict, report: CheckReport, find: Find): XmpProperties | null {
  const stream = resolve(pdf.objects, catalog.get('Metadata'));
  if (!(stream instanceof PdfStream)) {
    find('xmp', 'there is no XMP metadata stream (so no PDF/A identification)');
    return null;
  }
  const result = readXmp(Buffer.from(decodeStream(stream, pdf.objects)).toString('utf8'));
  if (!result.ok) {
    find('xmp', `the XMP metadata is not well-formed XML: ${result.error}`);
    return null;
  }
  const xmp = result.properties;
  const part = xmp.get('pdfaid:part');
  const conformance = xmp.get('pdfaid:conformance');
  if (!part) find('pdfa-id', 'not PDF/A: the XMP has no pdfaid:part');
  else if (!['1', '2', '3', '4'].includes(part) || (part !== '4' && !['A', 'B', 'U'].includes(conformance ?? ''))) find('pdfa-id', `invalid PDF/A identification: part ${part}, conformance ${conformance ?? 'missing'}`);
  else report.pdfa = `${part}${conformance ?? ''}`;
  const info = resolve(pdf.objects, pdf.trailer.get('Info'));
  if (info instanceof PdfDict) {
    for (const [key, property, kind] of INFO_TO_XMP) {
      const value = textOf(resolve(pdf.objects, info.get(key)));
      if (value === undefined) continue;
      const other = xmp.get(property);
      const same = other !== undefined && (kind === 'date' ? sameInstant(parsePdfDate(value), parseXmpDate(other)) : other === value);
      if (!same) find('xmp-info', `info ${key} ${JSON.stringify(value)} does not match XMP ${property} ${other === undefined ? '(missing)' : JSON.stringify(other)}`);
    }
  }
  return xmp;
}

function checkOutputIntent(pdf: PdfObjects, catalog: PdfDict, find: Find): void {
  const intents = resolve(pdf.objects, catalog.get('OutputIntents'));
  const list = Array.isArray(intents) ? intents.map((i) => resolve(pdf.objects, i)) : [];
  const pdfa = list.find((i): i is PdfDict => i instanceof PdfDict && nameOf(i.get('S')) === 'GTS_PDFA1');
  if (!pdfa) return void find('output-intent', 'there is no PDF/A output intent (GTS_PDFA1)');
  if (!(resolve(pdf.objects, pdfa.get('DestOutputProfile')) instanceof PdfStream)) find('output-intent', 'the PDF/A output intent has no embedded ICC profile');
}

function checkFonts(pdf: PdfObjects, report: CheckReport, find: Find): void {
  for (const value of pdf.objects.values()) {
    if (!(value instanceof PdfDict) || nameOf(value.get('Type')) !== 'Font') continue;
    const subtype = nameOf(value.get('Subtype'));
    if (subtype === 'CIDFontType0' || subtype === 'CIDFontType2') continue; // counted through their Type0 font
    const name = nameOf(value.get('BaseFont')) ?? '(unnamed)';
    report.fonts.total++;
    if (subtype === 'Type3') {
      report.fonts.embedded++;
      continue;
    }
    const font = subtype === 'Type0' ? resolve(pdf.objects, (resolve(pdf.objects, value.get('DescendantFonts')) as PdfValue[] | undefined)?.[0]) : value;
    const descriptor = font instanceof PdfDict ? resolve(pdf.objects, font.get('FontDescriptor')) : undefined;
    const embedded = descriptor instanceof PdfDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.get(k) !== undefined);
    if (!embedded) find('font-embedded', `font ${name} is not embedded`);
    else report.fonts.embedded++;
    if (/^[A-Z]{6}\+/.test(name)) report.fonts.subset++;
  }
}

function checkTagging(pdf: PdfObjects, catalog: PdfDict, report: CheckReport, find: Find): void {
  const markInfo = resolve(pdf.objects, catalog.get('MarkInfo'));
  const marked = markInfo instanceof PdfDict && resolve(pdf.objects, markInfo.get('Marked')) === true;
  const tree = resolve(pdf.objects, catalog.get('StructTreeRoot'));
  report.tagged = marked && tree instanceof PdfDict;
  if (!report.tagged) find('tagged', `not tagged: ${marked ? '' : 'MarkInfo Marked is not true'}${!marked && !(tree instanceof PdfDict) ? '; ' : ''}${tree instanceof PdfDict ? '' : 'there is no structure tree'}`);
  report.lang = textOf(resolve(pdf.objects, catalog.get('Lang'))) || null;
  if (!report.lang) find('lang', 'the document has no /Lang (natural language)');
  const prefs = resolve(pdf.objects, catalog.get('ViewerPreferences'));
  if (!(prefs instanceof PdfDict && resolve(pdf.objects, prefs.get('DisplayDocTitle')) === true)) find('display-title', 'viewers are not told to show the title (DisplayDocTitle)');
  for (const value of pdf.objects.values()) {
    if (value instanceof PdfDict && nameOf(value.get('S')) === 'Figure' && value.get('Alt') === undefined && value.get('ActualText') === undefined) find('figure-alt', 'a Figure has no alternate text (Alt)');
  }
}

function checkActions(pdf: PdfObjects, catalog: PdfDict, report: CheckReport, find: Find): void {
  const names = resolve(pdf.objects, catalog.get('Names'));
  if (names instanceof PdfDict && names.get('JavaScript') !== undefined) find('javascript', 'the document has document-level JavaScript');
  for (const value of pdf.objects.values()) {
    visitDicts(value, (dict) => {
      const action = nameOf(dict.get('S'));
      if (action && FORBIDDEN_ACTIONS.has(action) && (dict.get('Type') === undefined || nameOf(dict.get('Type')) === 'Action')) find(action === 'JavaScript' ? 'javascript' : 'action', `a ${action} action`);
      if (dict.get('AA') !== undefined) find('action', 'additional actions (AA) that run on events');
      if (nameOf(dict.get('Subtype')) !== 'Link') return;
      report.links++;
      const a = resolve(pdf.objects, dict.get('A'));
      const uri = a instanceof PdfDict && nameOf(a.get('S')) === 'URI' ? textOf(resolve(pdf.objects, a.get('URI'))) : undefined;
      if (uri !== undefined) {
        const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
        if (!scheme || !ALLOWED_SCHEMES.has(scheme)) find('link-scheme', `link to ${JSON.stringify(uri)}: only http, https and mailto links are allowed`);
      }
      if (report.tagged && textOf(resolve(pdf.objects, dict.get('Contents'))) === undefined) find('link-alt', `a link annotation${uri ? ` to ${uri}` : ''} has no alternate description (Contents)`);
    });
  }
}

function checkAttachments(pdf: PdfObjects, report: CheckReport, xmp: XmpProperties | null, find: Find): void {
  try {
    report.attachments = readAttachments(pdf);
  } catch (err) {
    find('attachment', `an embedded file cannot be read: ${(err as Error).message}`);
    return;
  }
  const part = xmp?.get('pdfaid:part');
  for (const file of report.attachments) {
    if ((part === '1' || part === '2') && file.mime !== 'application/pdf') find('attachment', `PDF/A-${part} allows only PDF/A files as attachments, not ${file.name}`);
    if (part === '3') {
      if (!file.relationship) find('attachment', `${file.name} has no AFRelationship`);
      if (!file.mime) find('attachment', `${file.name} has no MIME type (Subtype)`);
      if (!file.hasModDate) find('attachment', `${file.name} has no modification date (Params ModDate)`);
    }
  }
}

/** Calls `visit` on every dictionary inside a value (not following references: every object is visited on its own). */
function visitDicts(value: PdfValue | undefined, visit: (d: PdfDict) => void): void {
  if (value instanceof PdfStream) return visitDicts(value.dict, visit);
  if (Array.isArray(value)) return value.forEach((v) => visitDicts(v, visit));
  if (!(value instanceof PdfDict)) return;
  visit(value);
  for (const v of value.entries.values()) visitDicts(v, visit);
}

/** `D:YYYYMMDDHHmmSS+HH'mm'` (or Z), missing parts defaulted as the PDF reference says. */
function parsePdfDate(text: string): number {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}?'?)?/.exec(text);
  if (!m) return NaN;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', tz] = m;
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${isoZone(tz)}`);
}

function parseXmpDate(text: string): number {
  return Date.parse(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text);
}

function isoZone(tz: string | undefined): string {
  if (!tz || tz === 'Z') return 'Z';
  const digits = tz.replace(/'/g, '');
  return `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`;
}

function sameInstant(a: number, b: number): boolean {
  return !Number.isNaN(a) && a === b;
}
