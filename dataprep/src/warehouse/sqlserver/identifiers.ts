/**
 * T-SQL identifiers. Every name the warehouse puts into a statement comes from the catalog
 * (model/tables.ts), never from a source file; it is still bracketed, and the catalog's
 * `rule` column is a reserved word that must be.
 */
const RESERVED = new Set(
  (
    'add all alter and any as asc authorization backup begin between break browse bulk by cascade case check ' +
    'checkpoint close clustered coalesce collate column commit compute constraint contains containstable continue ' +
    'convert create cross current current_date current_time current_timestamp current_user cursor database dbcc ' +
    'deallocate declare default delete deny desc disk distinct distributed double drop dump else end errlvl escape ' +
    'except exec execute exists exit external fetch file fillfactor for foreign freetext freetexttable from full ' +
    'function goto grant group having holdlock identity identity_insert identitycol if in index inner insert ' +
    'intersect into is join key kill left like lineno load merge national nocheck nonclustered not null nullif of ' +
    'off offsets on open opendatasource openquery openrowset openxml option or order outer over percent pivot plan ' +
    'precision primary print proc procedure public raiserror read readtext reconfigure references replication ' +
    'restore restrict return revert revoke right rollback rowcount rowguidcol rule save schema securityaudit select ' +
    'semantickeyphrasetable semanticsimilaritydetailstable semanticsimilaritytable session_user set setuser ' +
    'shutdown some statistics system_user table tablesample textsize then to top tran transaction trigger truncate ' +
    'try_convert tsequal union unique unpivot update updatetext use user values varying view waitfor when where ' +
    'while with within writetext'
  ).split(' '),
);

export function isReservedWord(name: string): boolean {
  return RESERVED.has(name.toLowerCase());
}

/** `[name]`, refusing anything that is not a plain catalog-style identifier. */
export function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a safe SQL identifier: ${name}`);
  return `[${name}]`;
}

/** `schema.table` with both parts bracketed. */
export function qualified(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
