import type { IsoDate } from '../../../core/src/index';
import type { DataQualityRule } from '../model/data-quality-rules';
import type { SourceFileName } from '../model/source-records';
import { describeValue } from '../model/value-shape';
import { cellText, parseCount, parseDateCell, parseDateTimeCell, parseFlag, type DateTimeValue } from './cell-values';
import type { RawCell } from './raw-table';

/**
 * Field readers for raw cells. Each one parses a cell itself (never a generic coercion) and
 * reports a problem through `reject` with the stable data-quality rule name and a message that
 * never quotes a personal value. One reader serves two paths (table-reader.ts): the fast path
 * of every row, whose `reject` only says "invalid", and the zod schema built from the same
 * readers for a row that failed, whose `reject` records the issue with its column.
 */
export const INVALID: unique symbol = Symbol('invalid cell');
export type Invalid = typeof INVALID;
export type Reject = (rule: DataQualityRule, message: string) => Invalid;

export interface Field<T> {
  read(cell: RawCell, reject: Reject): T | Invalid;
}

/** A reader whose value goes through `then` when the cell was valid. */
export function mapped<T, U>(field: Field<T>, then: (value: T) => U): Field<U> {
  return {
    read(cell, reject) {
      const value = field.read(cell, reject);
      return value === INVALID ? INVALID : then(value);
    },
  };
}

/**
 * Shares one string per distinct value of a repetitive column (codes, teams, dates): 200,000
 * rows then keep a few thousand strings alive instead of 200,000 copies, which keeps garbage
 * collection cheap. Bounded, so a column of unique values cannot grow it without limit; file
 * definitions are built per read, so nothing is kept after the run.
 */
class Interner<T> {
  private readonly seen = new Map<string, T>();
  constructor(private readonly limit = 50_000) {}

  get(key: string, make: (key: string) => T): T {
    const found = this.seen.get(key);
    if (found !== undefined) return found;
    const value = make(key);
    if (this.seen.size < this.limit) this.seen.set(key, value);
    return value;
  }
}

const keepText = (value: string): string => value;

export interface TextOptions {
  max: number;
  /** Repetitive values (codes, team names): share one string per distinct value. */
  repetitive?: boolean;
  /** Rule for an empty cell; omitted → the column may be empty. */
  requiredRule?: 'missing_person_id' | 'missing_required_value';
}

/** Trimmed text with the NVARCHAR limit of the column it feeds. Never quotes the value. */
export function text(column: string, options: TextOptions & { requiredRule: string }): Field<string>;
export function text(column: string, options: TextOptions): Field<string | null>;
export function text(column: string, options: TextOptions): Field<string | null> {
  const shared = options.repetitive ? new Interner<string>() : null;
  const what = options.requiredRule === 'missing_person_id' ? 'the person ID' : 'a value';
  return {
    read(cell, reject) {
      const read = cellText(cell);
      const value = shared !== null && read !== null ? shared.get(read, keepText) : read;
      if (value === null) {
        if (!options.requiredRule) return null;
        return reject(options.requiredRule, `${column} is empty: ${what} is required`);
      }
      if (value.length > options.max) return reject('too_long', `${column} is ${value.length} characters long; the limit is ${options.max}`);
      return value;
    },
  };
}

/**
 * An SSDA903 code column the record types as a string: an empty cell is `''` (the transform
 * shows it as no code). Legitimately blank for PLACE_PROVIDER on T0–T4 and Z1 placements.
 */
export function code(column: string, max: number): Field<string> {
  return mapped(text(column, { max, repetitive: true }), (value) => value ?? '');
}

export interface DateOptions {
  required: boolean;
  /** A personal field (e.g. DOB): the message describes the value's shape even when it looks like a date. */
  personal?: boolean;
}

const DATE_FORMS = 'expected YYYY-MM-DD or DD/MM/YYYY';
const EXCEL_SERIAL = /^\d{4,6}(\.\d+)?$/;

/** Why a cell is not a date, showing the value only when it is safe to (model/value-shape). */
function notADate(column: string, cell: string | Date, forms: string, personal = false): string {
  const shown = cell instanceof Date ? '' : ` ${describeValue(cell, { personal })}`;
  // Excel's day count (45000 is 2023-03-15) arrives when a date column is saved as numbers.
  const serial = typeof cell === 'string' && EXCEL_SERIAL.test(cell) ? '; it looks like an Excel serial number: format the column as dates' : '';
  return `${column}${shown} is not a valid date (${forms})${serial}`;
}

export function date(column: string, options: DateOptions & { required: true }): Field<IsoDate>;
export function date(column: string, options: DateOptions): Field<IsoDate | null>;
export function date(column: string, options: DateOptions): Field<IsoDate | null> {
  const parsed = new Interner<IsoDate | false>();
  const parseText = (text: string): IsoDate | false => parseDateCell(text) ?? false;
  return {
    read(cell, reject) {
      if (cell === null) return options.required ? reject('missing_required_value', `${column} is empty: a date is required`) : null;
      const value = typeof cell === 'string' ? parsed.get(cell, parseText) || null : parseDateCell(cell);
      if (value !== null) return value;
      return reject('invalid_date', notADate(column, cell, DATE_FORMS, options.personal));
    },
  };
}

/** A required date or date-time (`submitted_at`). */
export function dateTime(column: string): Field<DateTimeValue> {
  return {
    read(cell, reject) {
      if (cell === null) return reject('missing_required_value', `${column} is empty: a date is required`);
      const value = parseDateTimeCell(cell);
      if (value !== null) return value;
      return reject('invalid_date', notADate(column, cell, `${DATE_FORMS}, optionally followed by HH:MM or HH:MM:SS`));
    },
  };
}

/** A code from a fixed list, matched case-insensitively and returned in its canonical spelling. */
export function choice<T extends string>(column: string, choices: readonly T[], unknownRule: DataQualityRule): Field<T> {
  const byLower = new Map(choices.map((c) => [c.toLowerCase(), c] as const));
  const listed = choices.join(', ');
  return {
    read(cell, reject) {
      const value = cellText(cell);
      if (value === null) return reject('missing_required_value', `${column} is empty: expected one of ${listed}`);
      const found = byLower.get(value.toLowerCase());
      if (found !== undefined) return found;
      return reject(unknownRule, `${column} ${describeValue(value)} is not one of ${listed}`);
    },
  };
}

/** Y/N flag; empty → null. */
export function flag(column: string): Field<boolean | null> {
  return {
    read(cell, reject) {
      const value = cellText(cell);
      if (value === null) return null;
      const parsed = parseFlag(value);
      if (parsed !== undefined) return parsed;
      return reject('invalid_flag', `${column} ${describeValue(value)} is not Y/N (also Yes/No, true/false, 1/0, or empty)`);
    },
  };
}

/** A required non-negative whole number. */
export function count(column: string): Field<number> {
  return {
    read(cell, reject) {
      const value = cellText(cell);
      if (value === null) return reject('missing_required_value', `${column} is empty: a whole number is required`);
      const parsed = parseCount(value);
      if (parsed !== null) return parsed;
      return reject('invalid_number', `${column} ${describeValue(value)} is not a non-negative whole number`);
    },
  };
}

/** `All` in any case becomes `All`; anything else is a locality name. */
export function localityOrAll(column: string, max: number): Field<string> {
  return mapped(text(column, { max, requiredRule: 'missing_required_value' }), (value) => (value.toLowerCase() === 'all' ? 'All' : value));
}

/** The values of a row's readers, keyed by column. */
export type ValuesOf<F> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };

/** Builds a record from a valid row: its values, and where it was read (in the literal, for one object shape). */
export type RecordOf<F, R> = (values: ValuesOf<F>, sourceFile: SourceFileName, line: number) => R;

/** A file's readers (keyed by contract column) and the record built from their values, typed together. */
export function rowReaders<F extends Record<string, Field<unknown>>, R>(fields: F, record: RecordOf<F, R>): { fields: F; record: RecordOf<F, R> } {
  return { fields, record };
}
