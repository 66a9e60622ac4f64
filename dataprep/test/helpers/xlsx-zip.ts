/**
 * Workbooks for tests, written by hand so a test chooses what a real writer would not let it:
 * the order of the parts inside the zip (exceljs's, or Excel's own with the shared strings
 * after the sheet), and a central directory that leaves a part out or under-states its size.
 * `partsOf` takes apart a workbook another writer (exceljs) made, to put it back in another order.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** The inflated size the headers claim (default: the real one). */
  declaredSize?: number;
  /** False: the part's bytes are in the file but the central directory does not list it. */
  listed?: boolean;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DEFLATED = 8;

/** A zip of `parts`, deflated, in the order given. */
export function zipOf(parts: readonly ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  let listed = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const data = Buffer.from(part.data);
    const packed = deflateRawSync(data);
    const sizes = { crc: crc32(data), packed: packed.length, size: part.declaredSize ?? data.length };
    const local = header(30, LOCAL, 4, sizes, name.length);
    chunks.push(local, name, packed);
    if (part.listed !== false) {
      const central = header(46, CENTRAL, 6, sizes, name.length);
      central.writeUInt16LE(20, 4); // made by
      central.writeUInt32LE(offset, 42);
      directory.push(central, name);
      listed++;
    }
    offset += local.length + name.length + packed.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(listed, 8);
  end.writeUInt16LE(listed, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directoryBytes, end]);
}

/** A local (30 bytes) or central (46 bytes) header; `at` is where "version needed" sits. */
function header(length: number, signature: number, at: number, sizes: { crc: number; packed: number; size: number }, nameLength: number): Buffer {
  const bytes = Buffer.alloc(length);
  bytes.writeUInt32LE(signature, 0);
  bytes.writeUInt16LE(20, at);
  bytes.writeUInt16LE(DEFLATED, at + 4);
  bytes.writeUInt32LE(sizes.crc, at + 10);
  bytes.writeUInt32LE(sizes.packed, at + 14);
  bytes.writeUInt32LE(sizes.size, at + 18);
  bytes.writeUInt16LE(nameLength, at + 22);
  return bytes;
}

/** Every file of a zip (folders left out), in the zip's own order. */
export function partsOf(zip: Buffer): Promise<ZipPart[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error) return reject(error);
      const parts: ZipPart[] = [];
      file.on('error', reject);
      file.on('end', () => resolve(parts));
      file.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return file.readEntry();
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            parts.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            file.readEntry();
          });
        });
      });
      file.readEntry();
    });
  });
}

/** The order Excel itself saves a workbook in: the sheet before the styles and the shared strings. */
export const EXCEL_ORDER = [
  '[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml',
  'xl/worksheets/sheet2.xml', 'xl/theme/theme1.xml', 'xl/styles.xml', 'xl/sharedStrings.xml', 'docProps/core.xml', 'docProps/app.xml',
];

/** The parts in `order` (names not in it keep their places after it). */
export function inOrder(parts: readonly ZipPart[], order: readonly string[]): ZipPart[] {
  const rank = (part: ZipPart) => {
    const at = order.indexOf(part.name);
    return at < 0 ? order.length : at;
  };
  return [...parts].sort((a, b) => rank(a) - rank(b));
}

/** A workbook's bytes in Excel's own part order. */
export async function inExcelOrder(workbook: Buffer): Promise<Buffer> {
  return zipOf(inOrder(await partsOf(workbook), EXCEL_ORDER));
}

/** The namespace declarations and relationship types Excel writes (as attributes: the names are http URIs). */
const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R_NAMESPACE = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const RELATIONSHIPS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';
const type = (kind: string) => `Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${kind}"`;

export interface SheetSpec {
  /** The `<sheetData>` content: `<row>` elements. */
  rows: string;
  /** `<si>` contents (plain strings become `<t>` elements). */
  sharedStrings?: readonly string[];
  /** `<numFmts>` and `<cellXfs>` for styles.xml (default: one plain style). */
  styles?: string;
  date1904?: boolean;
  /** Extra worksheets after the first, and sheets listed before it that are not worksheets. */
  laterSheets?: number;
}

/** The parts of a one-sheet workbook made from `spec`, in exceljs's order. */
export function workbookParts(spec: SheetSpec): ZipPart[] {
  const sheets = 1 + (spec.laterSheets ?? 0);
  const sheetRels = Array.from({ length: sheets }, (_, i) =>
    `<Relationship Id="rId${i + 1}" ${type('worksheet')} Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  const parts: ZipPart[] = [
    { name: '[Content_Types].xml', data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: '_rels/.rels', data: `<Relationships ${RELATIONSHIPS}><Relationship Id="rId1" ${type('officeDocument')} Target="xl/workbook.xml"/></Relationships>` },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<Relationships ${RELATIONSHIPS}>${sheetRels}<Relationship Id="rIdS" ${type('sharedStrings')} Target="sharedStrings.xml"/>`
        + `<Relationship Id="rIdY" ${type('styles')} Target="/xl/styles.xml"/></Relationships>`,
    },
  ];
  for (let i = 0; i < sheets; i++) {
    const rows = i === 0 ? spec.rows : `<row r="1"><c r="A1" t="inlineStr"><is><t>sheet ${i + 1}</t></is></c></row>`;
    parts.push({ name: `xl/worksheets/sheet${i + 1}.xml`, data: `<worksheet ${MAIN}><dimension ref="A1"/><sheetData>${rows}</sheetData></worksheet>` });
  }
  const strings = (spec.sharedStrings ?? []).map((s) => (s.startsWith('<') ? `<si>${s}</si>` : `<si><t xml:space="preserve">${s}</t></si>`)).join('');
  const sheetList = Array.from({ length: sheets }, (_, i) => `<sheet name="Sheet${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  parts.push(
    { name: 'xl/sharedStrings.xml', data: `<sst ${MAIN} count="0">${strings}</sst>` },
    { name: 'xl/styles.xml', data: `<styleSheet ${MAIN}>${spec.styles ?? '<cellXfs count="1"><xf numFmtId="0"/></cellXfs>'}</styleSheet>` },
    {
      name: 'xl/workbook.xml',
      data: `<workbook ${MAIN} ${R_NAMESPACE}>${spec.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets>${sheetList}</sheets></workbook>`,
    },
  );
  return parts;
}

/** A one-sheet workbook made from `spec`, its parts in `order` (default: exceljs's). */
export function workbookOf(spec: SheetSpec, order: readonly string[] = []): Buffer {
  return zipOf(inOrder(workbookParts(spec), order));
}
