// planned_assessment rows (curated column names) -> a Power BI table DataView bound to the
// visual's roles, in the order of its capabilities. Plain browser JavaScript.
(function () {
  'use strict';

  // role, DB column, display name, type
  const ROLE_COLUMNS = [
    ['personId', 'person_id', 'Person ID', 'text'],
    ['child', 'child_name', 'Child', 'text'],
    ['socialWorker', 'social_worker', 'Social Worker', 'text'],
    ['team', 'team', 'Team', 'text'],
    ['locality', 'locality', 'Locality', 'text'],
    ['placementType', 'placement_type', 'Placement Type', 'text'],
    ['provider', 'placement_provider', 'Provider', 'text'],
    ['assessmentType', 'assessment_type', 'Assessment Type', 'text'],
    ['predictedStartDate', 'predicted_start_date', 'Predicted Start Date', 'date'],
    ['actualStartDate', 'actual_start_date', 'Actual Start Date', 'date'],
    ['status', 'status', 'Status', 'text'],
    ['asAtDate', 'as_at_date', 'As At Date', 'date'],
    ['fullCareOrder', 'full_care_order', 'Full Care Order', 'text'],
    // Several fields in one well: the Tooltips role.
    ['tooltips', 'days_late', 'days_late', 'number'],
    ['tooltips', 'first_predicted_start_date', 'first_predicted_start_date', 'date'],
    ['tooltips', 'prediction_revisions', 'prediction_revisions', 'number'],
  ];

  const UPDATE_TYPE = { Data: 2, Resize: 4, ViewMode: 8, Style: 16, ResizeEnd: 32, All: 62 };

  // Power BI hands date columns over as Date objects at local midnight; 'iso' keeps the text.
  function dateValue(value, dateMode) {
    if (value === null || value === undefined || value === '') return null;
    if (dateMode !== 'date') return String(value);
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
    return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
  }

  function textValue(value) {
    return value === null || value === undefined ? null : String(value);
  }

  function cellValue(value, type, dateMode) {
    if (type === 'date') return dateValue(value, dateMode);
    if (type === 'number') return typeof value === 'number' ? value : value === null || value === undefined || value === '' ? null : Number(value);
    return textValue(value);
  }

  /**
   * options: { dateMode?: 'iso' | 'date', omitRoles?: string[], objects?: object, moreToCome?: boolean,
   *            sort?: [{ queryName, sortDirection }] (the host's sort, marked on the columns),
   *            rules?: fx rules evaluated per row into the row's objects (host-data.js) }
   */
  function buildDataView(rows, options) {
    const opts = options || {};
    const omit = new Set(opts.omitRoles || []);
    const bound = ROLE_COLUMNS.filter((spec) => !omit.has(spec[0]));
    const columns = bound.map(([role, column, displayName, type], index) => ({
      displayName,
      queryName: 'planned_assessment.' + column,
      index,
      roles: { [role]: true },
      type: type === 'date' ? { dateTime: true } : type === 'number' ? { numeric: true } : { text: true },
    }));
    window.PpocHostData.markSort(columns, opts.sort);
    const tableRows = rows.map((row) => {
      const cells = bound.map(([, column, , type]) => cellValue(row[column], type, opts.dateMode));
      const objects = opts.rules ? window.PpocHostData.rowObjects(opts.rules, row) : undefined;
      if (objects) cells.objects = objects;
      return cells;
    });
    const identity = rows.map((row, index) => ({ key: window.PpocHostData.rowKey(row, index) }));
    const metadata = { columns };
    if (opts.objects && Object.keys(opts.objects).length > 0) metadata.objects = opts.objects;
    // Power BI marks a DataView that has more rows to come with metadata.segment.
    if (opts.moreToCome) metadata.segment = {};
    return { metadata, table: { columns, rows: tableRows, identity } };
  }

  function updateOptions(dataViews, viewport, type, operationKind) {
    return {
      dataViews,
      viewport: { width: viewport.width, height: viewport.height },
      type: type === undefined ? UPDATE_TYPE.Data : type,
      viewMode: 0,
      editMode: 0,
      operationKind: operationKind || 0, // 0 Create, 1 Append (a further segment)
      isInFocus: false,
      jsonFilters: [],
    };
  }

  window.PpocDataView = { ROLE_COLUMNS, UPDATE_TYPE, buildDataView, updateOptions };
})();
