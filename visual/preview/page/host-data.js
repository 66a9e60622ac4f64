// What Power BI itself does to the rows before the visual sees them, for the preview and the
// browser suite: its sort (the "Sort by" menu, or the visual's applyCustomSort), marked on the
// DataView's columns as Power BI marks it, and the format pane's rules (the fx button),
// evaluated per row into the row's objects. Plain browser JavaScript.
(function () {
  'use strict';

  // Blanks first ascending, as Power BI sorts them; numbers by value; text by the en-GB collation.
  function compareValues(a, b) {
    const blankA = a === null || a === undefined || a === '';
    const blankB = b === null || b === undefined || b === '';
    if (blankA || blankB) return blankA === blankB ? 0 : blankA ? -1 : 1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return String(a).localeCompare(String(b), 'en-GB', { numeric: true });
  }

  /** rows (curated column names) sorted by [{ queryName: 'planned_assessment.col', sortDirection: 1|2 }]. */
  function sortRows(rows, descriptors) {
    const levels = (descriptors || []).map((d) => ({ column: String(d.queryName).replace(/^planned_assessment\./, ''), sign: d.sortDirection === 2 ? -1 : 1 }));
    if (levels.length === 0) return rows;
    return rows
      .map((row, index) => ({ row, index }))
      .sort((x, y) => {
        for (const { column, sign } of levels) {
          const order = compareValues(x.row[column], y.row[column]);
          if (order !== 0) return sign * order;
        }
        return x.index - y.index;
      })
      .map((entry) => entry.row);
  }

  /** Marks the sorted columns as Power BI does: `sort` (1 ascending, 2 descending) and `sortOrder`. */
  function markSort(columns, descriptors) {
    (descriptors || []).forEach((d, order) => {
      const column = columns.find((c) => c.queryName === d.queryName);
      if (column) Object.assign(column, { sort: d.sortDirection, sortOrder: order });
    });
  }

  /**
   * One rule's value for a row, or undefined. A rule: { object, property, field, ranges: [{ min,
   * max, color }] } (numbers in [min, max)), or { object, property, field, values: { text: color } },
   * or { object, property, field, fieldValue: true } (the field holds the colour itself).
   */
  function ruleValue(rule, row) {
    const value = row[rule.field];
    let color;
    if (rule.fieldValue) color = value;
    else if (rule.values) color = rule.values[String(value)];
    else if (rule.ranges && typeof value === 'number') {
      const range = rule.ranges.find((r) => value >= r.min && (r.max === undefined || r.max === null || value < r.max));
      color = range && range.color;
    }
    return typeof color === 'string' && color !== '' ? { solid: { color } } : undefined;
  }

  /** The row's objects for the rules (Power BI's "data repetition objects"), or undefined when none applies. */
  function rowObjects(rules, row) {
    let objects;
    for (const rule of rules || []) {
      const value = ruleValue(rule, row);
      if (value === undefined) continue;
      objects = objects || {};
      objects[rule.object] = Object.assign(objects[rule.object] || {}, { [rule.property]: value });
    }
    return objects ? [objects] : undefined;
  }

  // A row's identity stays with the row whatever the order (as Power BI's identities do).
  const keys = new WeakMap();
  function rowKey(row, index) {
    if (!keys.has(row)) keys.set(row, 'planned_assessment|' + row.person_id + '|' + row.assessment_type + '|' + index);
    return keys.get(row);
  }

  window.PpocHostData = { sortRows, markSort, rowObjects, rowKey };
})();
