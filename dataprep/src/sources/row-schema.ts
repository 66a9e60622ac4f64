import { createRequire } from 'node:module';
import type { z } from 'zod';
import type { SourceRef } from '../model/source-records';
import { INVALID, type Field } from './fields';
import type { RawCell } from './raw-table';
import type { FileDefinition } from './file-definition';

type Zod = typeof import('zod');
let zod: Zod | null = null;

/**
 * A file's row schema for the rows the fast path found invalid: a zod object of the file's own
 * field readers, whose issues carry the column (the object key), the data-quality rule and the
 * message; its output is the row's values. zod is loaded here, on the first invalid row, so a
 * clean extract never loads it.
 */
export function rowSchema<R extends SourceRef>(definition: FileDefinition<R>): z.ZodType<Record<string, unknown>, Record<string, RawCell>> {
  zod ??= createRequire(import.meta.url)('zod') as Zod;
  const { z } = zod;
  const shape = Object.fromEntries(Object.entries(definition.fields).map(([column, field]) => [column, cellSchema(z, field)]));
  return z.object(shape);
}

function cellSchema(z: Zod['z'], field: Field<unknown>): z.ZodType<unknown, RawCell> {
  return z.custom<RawCell>(() => true).transform((cell, ctx) => {
    const value = field.read(cell, (rule, message) => {
      ctx.issues.push({ code: 'custom', input: cell, message, params: { rule } });
      return INVALID;
    });
    return value === INVALID ? z.NEVER : value;
  });
}
