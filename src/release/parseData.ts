// Parses YAML (front matter, .yaml) or JSON release data, keeping the node tree to place later errors.
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode } from 'yaml';
import { PressroomError, errorAt } from '../diagnostics/PressroomError.js';
import type { Position } from './types.js';

/** Most aliases a release may use: real releases need none; this defeats "billion laughs" bombs. */
const MAX_ALIAS_COUNT = 20;

/** Release data as parsed, with a way back from a field path to its place in the file. */
export interface ParsedData {
  /** The plain data (every scalar is a string: YAML's failsafe schema keeps what the author wrote). */
  value: unknown;
  /** Where a field path (`['contacts', 0, 'email']`) is in the file, or the nearest parent's place. */
  placeOf(path: (string | number)[], key?: boolean): Position;
  /** For a block scalar (`body: |`): the file line of its first content line and the content's indentation. */
  blockScalarAt(path: (string | number)[]): { line: number; indent: number } | undefined;
}

/**
 * Deepest nesting of fields and lists the data may have: releases need three levels; the YAML parser recurses once per
 * level and a deeper document would overflow the stack (in V8, sometimes fatally) instead of failing clearly.
 */
const MAX_DATA_DEPTH = 64;

/** The one explicit tag a release may use: `!!str` only says what failsafe YAML does anyway. */
const STRING_TAG = 'tag:yaml.org,2002:str';

/** Parses YAML or JSON text starting at `firstLine` of `file`; syntax errors carry line:column. */
export function parseData(file: string, text: string, firstLine: number): ParsedData {
  const lineCounter = new LineCounter();
  // 0. Refuse runaway nesting before the parser recurses into it.
  const deep = findDeepNesting(text);
  if (deep !== undefined) {
    const before = text.slice(0, deep);
    const line = before.split('\n').length;
    const col = deep - before.lastIndexOf('\n');
    throw new PressroomError([errorAt({ file, line: line + firstLine - 1, column: col }, `the data nests lists or fields more than ${MAX_DATA_DEPTH} levels deep`, 'flatten the data: a release has only a few levels of fields')]);
  }
  // failsafe: every scalar stays a string, so `language: no` or `ref: 0123` keep what the author wrote.
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: true, lineCounter, prettyErrors: false, strict: true });
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  if (doc.errors.length > 0) {
    throw new PressroomError(
      doc.errors.map((e) => {
        const { line, column } = toPosition(e.pos[0]);
        return errorAt({ file, line, column }, describeYamlError(e.code, e.message), 'fix the YAML syntax: "key: value" pairs, spaces (not tabs) for indentation, quotes closed');
      }),
    );
  }
  // Tags (`!!binary`, `!!js/function`, `!foo`) and keys that are lists or maps have no meaning in a release.
  const unusual = findUnusualNodes(doc);
  if (unusual.length > 0) {
    throw new PressroomError(unusual.map(({ offset, message, hint }) => errorAt({ file, ...toPosition(offset) }, message, hint)));
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const message = String((err as Error).message);
    const aliasy = /alias/i.test(message);
    throw new PressroomError([
      errorAt({ file, line: firstLine, column: 1 }, aliasy ? 'the data uses too many YAML aliases' : `the data cannot be read: ${message.toLowerCase()}`, 'write the values out instead of using YAML anchors and aliases'),
    ]);
  }
  const blockScalarAt = (path: (string | number)[]) => {
    const node = doc.getIn(path, true);
    if (!isScalar(node) || (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') || !node.range) return undefined;
    // The content starts on the line after the | or > indicator, indented by the block's indentation.
    const nextLine = text.indexOf('\n', node.range[0]) + 1;
    const indent = /^[ ]*/.exec(text.slice(nextLine))![0].length;
    return { line: toPosition(nextLine).line, indent };
  };
  return { value, placeOf: (path, key) => toPosition(offsetOf(doc, path, key)), blockScalarAt };
}

/** The start offset of the node at `path` (or its key), falling back to the nearest existing parent. */
function offsetOf(doc: Document, path: (string | number)[], key = false): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as YamlNode | null)?.range?.[0] ?? 0;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      const keyNode = pair.key as YamlNode;
      offset = key && step === path[path.length - 1] ? keyNode.range?.[0] ?? offset : (pair.value as YamlNode | null)?.range?.[0] ?? keyNode.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number' && node.items[step]) {
      node = node.items[step];
      offset = (node as YamlNode).range?.[0] ?? offset;
    } else break;
  }
  return offset;
}

/**
 * The offset where the nesting first gets deeper than MAX_DATA_DEPTH, or undefined. Counts flow brackets outside quotes
 * and comments, plus one level per line indented deeper than the line before (an over-count for indented block scalar
 * text, which real releases never indent in 64 steps).
 */
function findDeepNesting(text: string): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote = '';
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (lineStart && c !== '\n') {
      const indent = /^[ ]*/.exec(text.slice(i, i + 4096))![0].length;
      if (text[i + indent] !== '\n' && text[i + indent] !== undefined) {
        while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
      }
      lineStart = false;
    }
    if (c === '\n') lineStart = true;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if (c === '[' || c === '{') flow++;
    else if ((c === ']' || c === '}') && flow > 0) flow--;
    if (flow + indents.length > MAX_DATA_DEPTH) return i;
  }
  return undefined;
}

/** Explicit tags other than `!!str`, and keys that are not plain text, each with its offset. */
function findUnusualNodes(doc: Document): { offset: number; message: string; hint: string }[] {
  const found: { offset: number; message: string; hint: string }[] = [];
  visit(doc, {
    Node(_, node) {
      if (node.tag && node.tag !== STRING_TAG) {
        const shown = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
        found.push({ offset: node.range?.[0] ?? 0, message: `yaml tags such as "${shown}" are not accepted in a release`, hint: 'remove the tag and write the value as plain text' });
      }
    },
    Pair(_, pair) {
      if (pair.key !== null && !isScalar(pair.key)) {
        found.push({ offset: (pair.key as YamlNode).range?.[0] ?? 0, message: 'a field name must be plain text, not a list or a set of fields', hint: 'write "name: value"' });
      }
    },
  });
  return found;
}

/** Rewords the YAML parser's messages in lowercase, first line only. */
function describeYamlError(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'a field is given twice (duplicate key)';
  if (code === 'TAB_AS_INDENT') return 'tabs cannot indent yaml; use spaces';
  if (code === 'MULTIPLE_DOCS') return 'the data holds more than one yaml document (a second ---)';
  if (/call stack/i.test(message)) return 'the data nests lists or fields too deeply';
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return `yaml syntax error: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}
