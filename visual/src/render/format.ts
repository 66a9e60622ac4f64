// Cell text, computed only for the rows on screen (and for a hovered row's tooltip).
import type { IsoDate } from '../../../core/src/index';
import { cellValue, readText } from '../converter/values';
import type { ColumnModel, RowModel } from '../converter/view-model';
import type { DateFormatter } from '../locale';
import type { StatusLabels } from '../wording/status-labels';

export function cellText(row: RowModel, column: ColumnModel, formatDate: DateFormatter, labels: StatusLabels): string {
  if (column.kind === 'status' && row.status) return labels[row.status];
  if (column.sourceIndex < 0) return '';
  const value = cellValue(row, column);
  if (column.kind !== 'date') return value ?? '';
  if (value != null) return formatDate(value as IsoDate);
  // A date field's value that is not a date (text in an unknown format, a hierarchy's Year) is
  // shown as it arrived, never as a blank.
  const raw = row.raw[column.sourceIndex];
  return typeof raw === 'string' || typeof raw === 'number' ? (readText(raw) ?? '') : '';
}
