/**
 * One XML part of a workbook, parsed as it inflates (saxes: streaming, no DTD, no entity but
 * XML's own five, so no entity expansion). Element names reach the handlers without their
 * prefix (`x:row` and `row` are one element to a workbook reader). Malformed XML throws.
 */
import { createRequire } from 'node:module';
import type { SaxesParser } from 'saxes';
import { NotAWorkbookError, type ZipParts } from './zip-parts';

/** saxes, loaded with the first workbook read: a CSV extract never loads it. */
let loaded: typeof SaxesParser | null = null;
const Parser = (): typeof SaxesParser => (loaded ??= (createRequire(import.meta.url)('saxes') as typeof import('saxes')).SaxesParser);

export type Attributes = Readonly<Record<string, string>>;

export interface XmlHandlers {
  open(name: string, attributes: Attributes): void;
  close(name: string): void;
  /** Character data (text and CDATA), in pieces. */
  text?(text: string): void;
}

export async function readXmlPart(zip: ZipParts, part: string, handlers: XmlHandlers): Promise<void> {
  const parser = new (Parser())({ position: false });
  // What a handler throws (the row limit, a bad header) goes on as it is; what saxes throws is bad XML.
  let thrown: unknown = null;
  const guard = <A>(handler: (argument: A) => void) => (argument: A) => {
    try {
      handler(argument);
    } catch (error) {
      thrown = error;
      throw error;
    }
  };
  parser.on('opentag', guard((tag) => handlers.open(localName(tag.name), tag.attributes as Attributes)));
  parser.on('closetag', guard((tag) => handlers.close(localName(tag.name))));
  if (handlers.text) {
    const text = guard(handlers.text.bind(handlers));
    parser.on('text', text);
    parser.on('cdata', text);
  }
  const parse = (step: () => void) => {
    try {
      step();
    } catch (error) {
      throw error === thrown ? error : new NotAWorkbookError(`${part}: ${(error as Error).message}`);
    }
  };
  let decoder: TextDecoder | null = null;
  await zip.read(part, (chunk) => {
    decoder ??= new TextDecoder(encodingOf(chunk));
    const text = decoder.decode(chunk, { stream: true });
    parse(() => parser.write(text));
  });
  parse(() => parser.write(decoder?.decode() ?? '').close());
}

/** `x:row` → `row`. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute by its local name, whatever its prefix (`r:id`, `ns1:id`). */
export function prefixedAttribute(attributes: Attributes, local: string): string | undefined {
  for (const [name, value] of Object.entries(attributes)) {
    if (name.includes(':') && localName(name) === local && !name.startsWith('xmlns')) return value;
  }
  return undefined;
}

/** XML parts are UTF-8 unless a byte-order mark says UTF-16 (the decoder drops the mark). */
function encodingOf(first: Buffer): string {
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}
