import type { RowFault } from '../file-definition';

/** A second row for the same person: the first row is kept. */
export function duplicatePerson(column: string): (record: unknown, firstLine: number) => RowFault {
  return (_record, firstLine) => ({
    column,
    rule: 'duplicate_person',
    message: `${column} already appears on line ${firstLine}; only the first row is kept`,
  });
}
