// Parses YAML (front matter, .yaml) or JSON release data, keeping the node tree to place later errors.
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
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

/** Parses YAML or JSON text starting at `firstLine` of `file`; syntax errors carry line:column. */
export function parseData(file: string, text: string, firstLine: number): ParsedData {
  const lineCounter = new LineCounter();
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

/** Rewords the YAML parser's messages in lowercase, first line only. */
function describeYamlError(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'a field is given twice (duplicate key)';
  if (code === 'TAB_AS_INDENT') return 'tabs cannot indent yaml; use spaces';
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return `yaml syntax error: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}
