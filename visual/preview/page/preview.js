// The preview page: loads the rows and the packaged visual's description from the server,
// creates the visual with the fake host, and feeds it Data and Resize updates.
// Query options: ?dates=date hands dates over as Date objects (as Power BI does; default ISO
// text); ?contrast=high turns on the host's high-contrast palette; ?interactions=off makes the
// host disallow interactions (as on a dashboard tile); ?locale=en-US gives the host that locale
// and the package's strings for it (default en-GB).
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const dateMode = params.get('dates') === 'date' ? 'date' : 'iso';
  const hostOptions = {
    highContrast: params.get('contrast') === 'high',
    allowInteractions: params.get('interactions') !== 'off',
    locale: params.get('locale') || 'en-GB',
  };

  function showMessage(text) {
    const box = $('ppoc-preview-message');
    box.textContent = text;
    box.hidden = false;
  }

  function formatUk(iso) {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
    return match ? match[3] + '/' + match[2] + '/' + match[1] : null;
  }

  function describeData(data, shown) {
    const asAt = formatUk(data.asAtDate);
    const parts = [asAt ? 'Data as at ' + asAt : 'Data as at: unknown (no rows)'];
    if (data.refreshedAtUtc) parts.push('last refresh ' + data.refreshedAtUtc.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'));
    parts.push(shown + ' of ' + data.rows.length + ' planned assessments shown');
    return parts.join(' · ');
  }

  function viewportOf(element) {
    return { width: element.clientWidth, height: element.clientHeight };
  }

  // Segments (tests): with segmentSize > 0 a Data update carries the first segment only and
  // fetchMoreData delivers the rest as Append updates, unless moreDataAllowed is false
  // (Power BI's row limit).
  function attachSegments(state, element) {
    Object.assign(state, {
      segmentSize: 0,
      moreDataAllowed: true,
      delivered: 0,
      segmentView(rows, extra) {
        const opts = Object.assign(state.viewOptions(), extra || {});
        opts.moreToCome = state.delivered < state.filteredRows().length;
        return window.PpocDataView.buildDataView(rows, opts);
      },
      fetchMore(aggregate) {
        const all = state.filteredRows();
        if (state.segmentSize <= 0 || !state.moreDataAllowed || state.delivered >= all.length) return false;
        setTimeout(() => {
          const from = state.delivered;
          state.delivered = Math.min(from + state.segmentSize, all.length);
          const dataView = state.segmentView(all.slice(aggregate ? 0 : from, state.delivered));
          state.lastDataView = dataView;
          const { Data } = window.PpocDataView.UPDATE_TYPE;
          state.updateRaw(window.PpocDataView.updateOptions([dataView], viewportOf(element), Data, 1));
        }, 0);
        return true;
      },
    });
    return state;
  }

  function createState(visual, host, element) {
    const state = {
      visual,
      host,
      dateMode,
      allRows: [],
      data: null,
      slicers: null,
      updates: [],
      lastViewport: null,
      // Power BI sends a fresh update after persistProperties or a sort; the benchmark turns this off.
      redeliverPersisted: true,
      // Power BI's own sort of the rows (Sort by menu, applyCustomSort) and the fx rules (tests).
      hostSort: [],
      rules: null,
      // Sends an update exactly as given (tests use it for empty DataViews and the like).
      updateRaw(options) {
        const view = options.dataViews && options.dataViews[0];
        const rows = view && view.table ? view.table.rows.length : null;
        state.updates.push({ type: options.type, operationKind: options.operationKind, rows, t: performance.now() });
        state.lastViewport = options.viewport;
        visual.update(options);
      },
      filteredRows() {
        const rows = state.slicers ? state.slicers.filter(state.allRows) : state.allRows;
        return window.PpocHostData.sortRows(rows, state.hostSort);
      },
      viewOptions() {
        return { dateMode: state.dateMode, objects: state.objects(), sort: state.hostSort, rules: state.rules };
      },
      // Power BI sorts the whole dataset and sends it again (the visual's applyCustomSort, or the
      // Sort by menu: tests call this directly).
      sortBy(descriptors) {
        state.hostSort = (descriptors || []).map((d) => ({ queryName: d.queryName, sortDirection: d.sortDirection }));
        if (state.redeliverPersisted) setTimeout(() => state.render(), 0);
      },
      objects() {
        return host.__persistedObjects();
      },
      dataView(extra) {
        const opts = Object.assign(state.viewOptions(), extra || {});
        return window.PpocDataView.buildDataView(state.filteredRows(), opts);
      },
      lastDataView: null,
      render(type, extra) {
        const rows = state.filteredRows();
        if (state.data) $('ppoc-preview-as-at').textContent = describeData(state.data, rows.length);
        // Like Power BI, a Resize hands back the same DataView object; anything else builds a new one.
        const resize = type === window.PpocDataView.UPDATE_TYPE.Resize && state.lastDataView;
        if (!resize) state.delivered = state.segmentSize > 0 ? Math.min(state.segmentSize, rows.length) : rows.length;
        const dataView = resize ? state.lastDataView : state.segmentView(rows.slice(0, state.delivered), extra);
        state.lastDataView = dataView;
        state.updateRaw(window.PpocDataView.updateOptions([dataView], viewportOf(element), type));
      },
      // Replaces the rows (tests) and rebuilds the slicers from them.
      setRows(rows, asAtDate) {
        state.allRows = rows;
        state.data = { status: 'ok', rows, asAtDate: asAtDate || latestAsAt(rows), refreshedAtUtc: null };
        state.slicers = window.PpocSlicers.createSlicers($('ppoc-preview-slicers'), rows, () => state.render());
        state.render();
      },
    };
    return attachSegments(state, element);
  }

  function latestAsAt(rows) {
    return rows.reduce((latest, row) => (row.as_at_date && (!latest || row.as_at_date > latest) ? row.as_at_date : latest), null);
  }

  function watchResize(state, element) {
    const observer = new ResizeObserver(() => {
      const viewport = viewportOf(element);
      const last = state.lastViewport;
      if (last && last.width === viewport.width && last.height === viewport.height) return;
      state.render(window.PpocDataView.UPDATE_TYPE.Resize);
    });
    observer.observe(element);
  }

  async function fetchJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(url + ' answered ' + response.status);
    return response.json();
  }

  async function start() {
    const [visualInfo, data] = await Promise.all([fetchJson('/api/visual'), fetchJson('/api/planned-assessment')]);
    if (visualInfo.status !== 'ok') {
      $('ppoc-preview-as-at').textContent = '';
      showMessage(visualInfo.message);
      return;
    }
    const plugin = window.powerbi.visuals && window.powerbi.visuals.plugins && window.powerbi.visuals.plugins[visualInfo.guid];
    if (!plugin) throw new Error('the packaged visual did not register plugin ' + visualInfo.guid);
    const element = $('ppoc-preview-visual');
    let state = null;
    const host = window.PpocFakeHost.createFakeHost(
      Object.assign(
        {
          strings: (visualInfo.locales && visualInfo.locales[hostOptions.locale]) || visualInfo.strings,
          onPersist: () => state && state.redeliverPersisted && state.render(),
          onCustomSort: (args) => state && state.sortBy(args && args.sortDescriptors),
          fetchMoreData: (aggregate) => (state ? state.fetchMore(aggregate) : false),
        },
        hostOptions,
      ),
    );
    window.__ppocHost = host;
    const visual = plugin.create({ element, host });
    state = createState(visual, host, element);
    state.plugin = plugin;
    window.__ppocPreview = state;
    if (data.status !== 'ok') {
      $('ppoc-preview-as-at').textContent = '';
      showMessage(data.message);
      state.updateRaw(window.PpocDataView.updateOptions([], viewportOf(element)));
    } else {
      state.setRows(data.rows, data.asAtDate);
      state.data.refreshedAtUtc = data.refreshedAtUtc;
      $('ppoc-preview-as-at').textContent = describeData(state.data, state.filteredRows().length);
    }
    watchResize(state, element);
    document.body.dataset.ready = 'true';
  }

  start().catch((error) => {
    showMessage('The preview failed to start: ' + error.message);
    throw error;
  });
})();
