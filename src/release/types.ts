// What the release stage hands on: a validated press release, its body as our own block/inline tree.

/** A position in the release source, for messages. */
export interface Position {
  line: number;
  column: number;
}

/** Inline content of the body: text and the few marks a press release uses. */
export type Inline =
  | { kind: 'text'; value: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'emphasis'; children: Inline[] }
  | { kind: 'code'; value: string }
  | { kind: 'link'; url: string; children: Inline[]; position: Position }
  | { kind: 'break' };

/** Block content of the body. */
export type Block =
  /** `introducesList`: the paragraph ends with ":" and a list follows (layouts keep the two together). */
  | { kind: 'paragraph'; children: Inline[]; introducesList: boolean; position: Position }
  | { kind: 'heading'; level: number; children: Inline[]; position: Position }
  | { kind: 'list'; ordered: boolean; start: number; items: ListItem[]; position: Position }
  | { kind: 'quote'; children: Block[]; position: Position }
  | { kind: 'rule'; position: Position };

/** One item of a list: its number or bullet is the layout's business. */
export interface ListItem {
  /** The item's number (ordered lists), counting from the list's start. */
  number: number;
  children: Block[];
}

/** A person to contact about the release. */
export interface Contact {
  name: string;
  /** Role, department or organisation, as one line. */
  role: string | null;
  tel: string | null;
  mobile: string | null;
  /** One or more e-mail addresses. */
  emails: string[];
}

/** A footnote: its mark as used in the body (e.g. `(*)`) and its text. */
export interface Footnote {
  mark: string;
  text: string;
}

/** A validated press release, ready to fill a layout. */
export interface Release {
  /** The file it came from. */
  source: string;
  /** The layout to render it with (a folder name in `layouts/`). */
  layout: string;
  /** Where the layout field is in the source, so an unknown layout is reported there. */
  layoutPlace?: Position;
  /** The release reference, e.g. `161a07`. */
  ref: string;
  /** The release date, ISO `YYYY-MM-DD`. */
  date: string;
  /** Where the news happens: the dateline's place. */
  place: string;
  /** BCP 47 language tag of the release text. */
  language: string;
  title: string;
  /** The subtitle, or null when there is none. */
  subtitle: string | null;
  body: Block[];
  contacts: Contact[];
  footnotes: Footnote[];
}
