// The preview's slicers: one <select> per column, filtering rows before they reach the
// visual, as Power BI's report-level slicers would. Values only ever go through textContent.
(function () {
  'use strict';

  const SLICERS = [
    ['locality', 'Locality'],
    ['team', 'Team'],
    ['assessment_type', 'Assessment Type'],
    ['status', 'Status'],
    ['placement_type', 'Placement Type'],
    ['full_care_order', 'Full Care Order'],
  ];
  const ALL = '\u0000all';
  const BLANK = '\u0000blank';

  function keyOf(value) {
    return value === null || value === undefined || value === '' ? BLANK : String(value);
  }

  function distinctValues(rows, column) {
    const values = new Set(rows.map((row) => keyOf(row[column])));
    return [...values].sort((a, b) => (a === BLANK ? 1 : b === BLANK ? -1 : a.localeCompare(b, 'en-GB', { numeric: true })));
  }

  function addOption(select, value, label) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = label;
    select.appendChild(option);
  }

  /** Builds the selects in `container`; `onChange()` runs after any change. */
  function createSlicers(container, rows, onChange) {
    container.replaceChildren();
    const selects = {};
    for (const [column, label] of SLICERS) {
      const wrapper = document.createElement('label');
      const caption = document.createElement('span');
      caption.textContent = label;
      const select = document.createElement('select');
      select.name = column;
      select.dataset.column = column;
      addOption(select, ALL, 'All');
      for (const value of distinctValues(rows, column)) addOption(select, value, value === BLANK ? '(Blank)' : value);
      select.addEventListener('change', onChange);
      wrapper.append(caption, select);
      container.appendChild(wrapper);
      selects[column] = select;
    }
    return {
      filter(allRows) {
        const active = SLICERS.map(([column]) => [column, selects[column].value]).filter(([, value]) => value !== ALL);
        return allRows.filter((row) => active.every(([column, value]) => keyOf(row[column]) === value));
      },
      describe() {
        return SLICERS.map(([column, label]) => {
          const select = selects[column];
          return label + ': ' + (select.value === ALL ? 'All' : select.selectedOptions[0].textContent);
        }).join(' | ');
      },
    };
  }

  window.PpocSlicers = { SLICERS, createSlicers };
})();
