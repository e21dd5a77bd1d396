// Splits a Markdown release into its YAML front matter and its body, keeping line numbers.
import { fail } from '../diagnostics/PressroomError.js';

/** The two parts of a Markdown release. */
export interface FrontMatterSplit {
  /** The YAML between the `---` fences. */
  yaml: string;
  /** 1-based line of the first YAML line in the file. */
  yamlLine: number;
  /** The Markdown after the closing fence. */
  body: string;
  /** 1-based line of the first body line in the file. */
  bodyLine: number;
}

const OPEN_FENCE = /^---[ \t]*\r?\n/;
const CLOSE_FENCE = /^(---|\.\.\.)[ \t]*$/;

/** Splits `---\n yaml \n---\n body`; a release without front matter, or an unclosed one, is an error. */
export function splitFrontMatter(file: string, text: string): FrontMatterSplit {
  // `---js`, `--- js`, `---json`, `---toml`: front matter in another language (gray-matter would evaluate `---js`).
  if (/^---[ \t]*[^\s-]/.test(text)) {
    fail({ file, line: 1, column: 4 }, `front matter must be YAML; "${text.slice(0, text.indexOf('\n')).trim()}" is not accepted`, 'start the file with a line holding only ---');
  }
  if (!OPEN_FENCE.test(text)) {
    fail({ file, line: 1, column: 1 }, 'the release has no front matter', 'start the file with ---, then fields such as layout, ref, date, place, language, title, then --- and the body');
  }
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (CLOSE_FENCE.test(lines[i].replace(/\r$/, ''))) {
      return {
        yaml: lines.slice(1, i).join('\n'),
        yamlLine: 2,
        body: lines.slice(i + 1).join('\n'),
        bodyLine: i + 2,
      };
    }
  }
  return fail({ file, line: 1, column: 1 }, 'the front matter is not closed', 'end the front matter with a line holding only ---');
}
