import { z } from 'zod';
import type { IsoDate } from '../../../core/src/index';
import type { DataQualityRule } from '../model/data-quality-rules';
import { describeValue } from '../model/value-shape';
import { cellText, parseCount, parseDateCell, parseDateTimeCell, parseFlag, type DateTimeValue } from './cell-values';
import type { RawCell } from './raw-table';

/**
 * zod field schemas for raw cells. Each one parses a cell itself (never z.coerce) and reports a
 * problem as a custom issue whose `params.rule` is the stable data-quality rule name; the
 * object key (the contract column) becomes the issue's column.
 */
type Ctx = z.core.$RefinementCtx<RawCell>;

const rawCell = z.custom<RawCell>(() => true);

export function fail(ctx: Ctx, value: RawCell, rule: DataQualityRule, message: string): typeof z.NEVER {
  ctx.issues.push({ code: 'custom', input: value, message, params: { rule } });
  return z.NEVER;
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
export function text(column: string, options: TextOptions & { requiredRule: string }): z.ZodType<string, RawCell>;
export function text(column: string, options: TextOptions): z.ZodType<string | null, RawCell>;
export function text(column: string, options: TextOptions): z.ZodType<string | null, RawCell> {
  const shared = options.repetitive ? new Interner<string>() : null;
  return rawCell.transform((cell, ctx) => {
    const read = cellText(cell);
    const value = shared !== null && read !== null ? shared.get(read, keepText) : read;
    if (value === null) {
      if (!options.requiredRule) return null;
      const what = options.requiredRule === 'missing_person_id' ? 'the person ID' : 'a value';
      return fail(ctx, cell, options.requiredRule, `${column} is empty: ${what} is required`);
    }
    if (value.length > options.max) {
      return fail(ctx, cell, 'too_long', `${column} is ${value.length} characters long; the limit is ${options.max}`);
    }
    return value;
  });
}

/**
 * An SSDA903 code column the record types as a string: an empty cell is `''` (the transform
 * shows it as no code). Legitimately blank for PLACE_PROVIDER on T0–T4 and Z1 placements.
 */
export function code(column: string, max: number): z.ZodType<string, RawCell> {
  return text(column, { max, repetitive: true }).transform((value) => value ?? '');
}

export interface DateOptions {
  required: boolean;
  /** A personal field (e.g. DOB): the message describes the value's shape even when it looks like a date. */
  personal?: boolean;
}

const DATE_FORMS = 'expected YYYY-MM-DD or DD/MM/YYYY';

/** Why a cell is not a date, showing the value only when it is safe to (model/value-shape). */
function notADate(column: string, cell: string | Date, forms: string, personal = false): string {
  const shown = cell instanceof Date ? '' : ` ${describeValue(cell, { personal })}`;
  // Excel's day count (45000 is 2023-03-15) arrives when a date column is saved as numbers.
  const serial = typeof cell === 'string' && /^\d{4,6}(\.\d+)?$/.test(cell) ? '; it looks like an Excel serial number: format the column as dates' : '';
  return `${column}${shown} is not a valid date (${forms})${serial}`;
}

export function date(column: string, options: DateOptions & { required: true }): z.ZodType<IsoDate, RawCell>;
export function date(column: string, options: DateOptions): z.ZodType<IsoDate | null, RawCell>;
export function date(column: string, options: DateOptions): z.ZodType<IsoDate | null, RawCell> {
  const parsed = new Interner<IsoDate | false>();
  const parseText = (text: string): IsoDate | false => parseDateCell(text) ?? false;
  return rawCell.transform((cell, ctx) => {
    if (cell === null) {
      if (!options.required) return null;
      return fail(ctx, cell, 'missing_required_value', `${column} is empty: a date is required`);
    }
    const value = typeof cell === 'string' ? parsed.get(cell, parseText) || null : parseDateCell(cell);
    if (value !== null) return value;
    return fail(ctx, cell, 'invalid_date', notADate(column, cell, DATE_FORMS, options.personal));
  });
}

/** A required date or date-time (`submitted_at`). */
export function dateTime(column: string): z.ZodType<DateTimeValue, RawCell> {
  return rawCell.transform((cell, ctx) => {
    if (cell === null) return fail(ctx, cell, 'missing_required_value', `${column} is empty: a date is required`);
    const value = parseDateTimeCell(cell);
    if (value !== null) return value;
    return fail(ctx, cell, 'invalid_date', notADate(column, cell, `${DATE_FORMS}, optionally followed by HH:MM or HH:MM:SS`));
  });
}

/** A code from a fixed list, matched case-insensitively and returned in its canonical spelling. */
export function choice<T extends string>(column: string, choices: readonly T[], unknownRule: DataQualityRule): z.ZodType<T, RawCell> {
  const byLower = new Map(choices.map((c) => [c.toLowerCase(), c] as const));
  const listed = choices.join(', ');
  return rawCell.transform((cell, ctx) => {
    const value = cellText(cell);
    if (value === null) return fail(ctx, cell, 'missing_required_value', `${column} is empty: expected one of ${listed}`);
    const found = byLower.get(value.toLowerCase());
    if (found !== undefined) return found;
    return fail(ctx, cell, unknownRule, `${column} ${describeValue(value)} is not one of ${listed}`);
  });
}

/** Y/N flag; empty → null. */
export function flag(column: string): z.ZodType<boolean | null, RawCell> {
  return rawCell.transform((cell, ctx) => {
    const value = cellText(cell);
    if (value === null) return null;
    const parsed = parseFlag(value);
    if (parsed !== undefined) return parsed;
    return fail(ctx, cell, 'invalid_flag', `${column} ${describeValue(value)} is not Y/N (also Yes/No, true/false, 1/0, or empty)`);
  });
}

/** A required non-negative whole number. */
export function count(column: string): z.ZodType<number, RawCell> {
  return rawCell.transform((cell, ctx) => {
    const value = cellText(cell);
    if (value === null) return fail(ctx, cell, 'missing_required_value', `${column} is empty: a whole number is required`);
    const parsed = parseCount(value);
    if (parsed !== null) return parsed;
    return fail(ctx, cell, 'invalid_number', `${column} ${describeValue(value)} is not a non-negative whole number`);
  });
}

/** `All` in any case becomes `All`; anything else is a locality name. */
export function localityOrAll(column: string, max: number): z.ZodType<string, RawCell> {
  return text(column, { max, requiredRule: 'missing_required_value' }).transform((value) =>
    value.toLowerCase() === 'all' ? 'All' : value,
  );
}
