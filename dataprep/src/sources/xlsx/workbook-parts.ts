/**
 * Everything the first sheet's cells depend on, read before the sheet: where the workbook and
 * its first worksheet are (the package and workbook relationships), the date system, which
 * cell styles show dates (styles.xml) and the shared strings. Relationship types are matched
 * by their last segment, so Strict Open XML reads like the usual Transitional.
 */
import { posix } from 'node:path';
import { unescapeText, type CellContext } from './cell-value';
import { isDateFormat } from './date-formats';
import { prefixedAttribute, readXmlPart, type Attributes } from './xml-part';
import { NotAWorkbookError, type ZipParts } from './zip-parts';

export interface Workbook extends CellContext {
  /** The part of the first worksheet in the workbook's own tab order, or null when it has none. */
  sheet: string | null;
}

interface Relationship {
  id: string;
  /** The last segment of the type, e.g. `worksheet`. */
  type: string;
  target: string;
}

export async function readWorkbook(zip: ZipParts): Promise<Workbook> {
  const main = (await relationships(zip, '')).find((r) => r.type === 'officeDocument')?.target ?? 'xl/workbook.xml';
  const related = await relationships(zip, main);
  const { date1904, sheetIds } = await workbookPart(zip, main);
  const byId = new Map(related.map((r) => [r.id, r]));
  const sheet = sheetIds.map((id) => byId.get(id)).find((r) => r?.type === 'worksheet')?.target ?? null;
  const styles = related.find((r) => r.type === 'styles')?.target;
  const strings = related.find((r) => r.type === 'sharedStrings')?.target;
  return {
    sheet,
    date1904,
    dateStyles: styles ? await dateStyles(zip, styles) : [],
    sharedStrings: strings ? await sharedStrings(zip, strings) : [],
  };
}

/** The relationships of `source` ('' for the package), targets resolved to part names. */
async function relationships(zip: ZipParts, source: string): Promise<Relationship[]> {
  const part = source === '' ? '_rels/.rels' : posix.join(posix.dirname(source), '_rels', `${posix.basename(source)}.rels`);
  if (!zip.has(part)) {
    if (source === '') return [];
    throw new NotAWorkbookError(`${part} is missing`);
  }
  const found: Relationship[] = [];
  await readXmlPart(zip, part, {
    open(name, attributes) {
      if (name !== 'Relationship' || attributes.TargetMode === 'External' || !attributes.Target) return;
      const type = (attributes.Type ?? '').slice((attributes.Type ?? '').lastIndexOf('/') + 1);
      found.push({ id: attributes.Id ?? '', type, target: resolveTarget(source, attributes.Target) });
    },
    close() {},
  });
  return found;
}

/** A relationship's target as a part name: absolute (`/xl/styles.xml`) or relative to its source's folder. */
function resolveTarget(source: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURI(target);
  } catch {
    // not percent-encoded after all: the name as written
  }
  const path = decoded.startsWith('/') ? decoded : posix.join(posix.dirname(source || '.'), decoded);
  return posix.normalize(path).replace(/^\/+/, '');
}

async function workbookPart(zip: ZipParts, part: string): Promise<{ date1904: boolean; sheetIds: string[] }> {
  let date1904 = false;
  const sheetIds: string[] = [];
  await readXmlPart(zip, part, {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = isTrue(attributes.date1904);
      else if (name === 'sheet') sheetIds.push(prefixedAttribute(attributes, 'id') ?? '');
    },
    close() {},
  });
  return { date1904, sheetIds };
}

const isTrue = (value: string | undefined): boolean => value === '1' || value === 'true';

/** For each cell style (`<cellXfs>` in order), whether its number format shows a date. */
async function dateStyles(zip: ZipParts, part: string): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let within: 'numFmts' | 'cellXfs' | null = null;
  await readXmlPart(zip, part, {
    open(name, attributes: Attributes) {
      if (name === 'numFmts' || name === 'cellXfs') within = name;
      else if (name === 'numFmt' && within === 'numFmts') custom.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      else if (name === 'xf' && within === 'cellXfs') formats.push(Number(attributes.numFmtId ?? 0));
    },
    close(name) {
      if (name === within) within = null;
    },
  });
  return formats.map((id) => isDateFormat(id, custom.get(id)));
}

/**
 * The shared strings: each `<si>`'s text runs joined (rich text), without the phonetic guides
 * (`<rPh>`) Excel stores beside East Asian text.
 */
async function sharedStrings(zip: ZipParts, part: string): Promise<string[]> {
  const strings: string[] = [];
  let pieces: string[] = [];
  let inText = false;
  let phonetic = 0;
  await readXmlPart(zip, part, {
    open(name) {
      if (name === 'si') pieces = [];
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    text(text) {
      if (inText) pieces.push(text);
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') strings.push(unescapeText(pieces.join('')));
    },
  });
  return strings;
}
