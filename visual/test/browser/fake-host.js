// A Power BI-like visual host for a plain browser page (the preview and the browser suite).
// It records every call the visual makes in window.__ppocHost so tests can assert on them.
// Plain browser JavaScript (no build step): the page loads it with a <script> tag.
(function () {
  'use strict';

  const PALETTE = ['#118DFF', '#12239E', '#E66C37', '#6B007B', '#E044A7', '#744EC2', '#D9B300', '#D64550'];

  function now() {
    return performance.now();
  }

  function createRecorder() {
    const calls = [];
    return {
      calls,
      record(method, args) {
        calls.push({ method, args: cloneArgs(args), t: now() });
      },
    };
  }

  // Arguments are kept as plain data so a test can read them through page.evaluate.
  function cloneArgs(args) {
    return Array.prototype.map.call(args || [], (arg) => {
      if (arg && typeof arg === 'object' && 'dataViews' in arg) return { type: arg.type, dataViews: '(not recorded)' };
      if (arg && typeof arg.getKey === 'function') return { selectionKey: arg.getKey() };
      if (Array.isArray(arg)) return arg.map((item) => (item && typeof item.getKey === 'function' ? { selectionKey: item.getKey() } : item));
      if (arg instanceof Element) return { element: arg.tagName };
      try {
        return JSON.parse(JSON.stringify(arg === undefined ? null : arg));
      } catch {
        return String(arg);
      }
    });
  }

  function createSelectionId(parts) {
    const key = JSON.stringify(parts);
    return {
      key,
      equals: (other) => !!other && typeof other.getKey === 'function' && other.getKey() === key,
      includes: (other) => !!other && typeof other.getKey === 'function' && other.getKey() === key,
      getKey: () => key,
      getSelector: () => ({ data: parts }),
      getSelectorsByColumn: () => ({ dataMap: {} }),
      hasIdentity: () => parts.length > 0,
    };
  }

  function identityKey(identity, fallback) {
    if (identity && typeof identity === 'object' && 'key' in identity) return identity.key;
    return fallback;
  }

  function createSelectionIdBuilder(recorder) {
    const parts = [];
    const builder = {
      withCategory(category, index) {
        const identity = category && category.identity ? category.identity[index] : undefined;
        parts.push({ category: category && category.source ? category.source.queryName : null, id: identityKey(identity, index) });
        return builder;
      },
      withTable(table, rowIndex) {
        const identity = table && table.identity ? table.identity[rowIndex] : undefined;
        parts.push({ table: identityKey(identity, rowIndex) });
        return builder;
      },
      withMeasure(queryName) {
        parts.push({ measure: queryName });
        return builder;
      },
      withSeries(series, group) {
        parts.push({ series: identityKey(group && group.identity, null) });
        return builder;
      },
      withMatrixNode(node) {
        parts.push({ matrix: identityKey(node && node.identity, null) });
        return builder;
      },
      createSelectionId() {
        recorder.record('createSelectionId', [parts]);
        return createSelectionId(parts.slice());
      },
    };
    return builder;
  }

  function createSelectionManager(recorder) {
    let selected = [];
    let callback = null;
    const notify = () => {
      if (callback) callback(selected.slice());
    };
    return {
      select(ids, multiSelect) {
        recorder.record('select', [ids, !!multiSelect]);
        const list = Array.isArray(ids) ? ids : [ids];
        if (multiSelect) {
          for (const id of list) {
            const at = selected.findIndex((s) => s.equals(id));
            if (at >= 0) selected.splice(at, 1);
            else selected.push(id);
          }
        } else {
          const same = selected.length === list.length && list.every((id) => selected.some((s) => s.equals(id)));
          selected = same ? [] : list.slice();
        }
        return Promise.resolve(selected.slice());
      },
      clear() {
        recorder.record('clear', []);
        selected = [];
        notify();
        return Promise.resolve({});
      },
      getSelectionIds: () => selected.slice(),
      hasSelection: () => selected.length > 0,
      showContextMenu(id, position, dataRoles) {
        recorder.record('showContextMenu', [id, position, dataRoles === undefined ? null : dataRoles]);
        return Promise.resolve({});
      },
      toggleExpandCollapse(id) {
        recorder.record('toggleExpandCollapse', [id]);
        return Promise.resolve({});
      },
      registerOnSelectCallback(cb) {
        recorder.record('registerOnSelectCallback', []);
        callback = cb;
      },
      applySelectionFilter() {
        recorder.record('applySelectionFilter', []);
      },
      // Test hook: what Power BI does when another visual changes the selection.
      __hostSelect(ids) {
        selected = ids.slice();
        notify();
      },
    };
  }

  // Update options carry the whole DataView: record only their type, so recording stays cheap
  // (the benchmark times update() -> renderingFinished with these timestamps).
  function createEventService(recorder, events) {
    const push = (kind, options, reason) => {
      const t = now();
      events.push({ kind, t, reason: reason === undefined ? null : String(reason) });
      recorder.calls.push({ method: 'rendering' + kind[0].toUpperCase() + kind.slice(1), args: [{ type: options ? options.type : null }], t });
    };
    return {
      renderingStarted: (options) => push('started', options),
      renderingFinished: (options) => push('finished', options),
      renderingFailed: (options, reason) => push('failed', options, reason),
    };
  }

  function createColorPalette(highContrast) {
    const assigned = new Map();
    const color = (value) => ({ value });
    return {
      getColor(key) {
        if (!assigned.has(key)) assigned.set(key, PALETTE[assigned.size % PALETTE.length]);
        return color(assigned.get(key));
      },
      reset() {
        assigned.clear();
        return this;
      },
      isHighContrast: !!highContrast,
      foreground: color(highContrast ? '#FFFFFF' : '#252423'),
      foregroundLight: color('#FFFFFF'),
      foregroundDark: color('#000000'),
      foregroundNeutralLight: color('#C8C6C4'),
      foregroundNeutralDark: color('#323130'),
      foregroundNeutralSecondary: color('#605E5C'),
      foregroundNeutralTertiary: color('#A19F9D'),
      foregroundSelected: color(highContrast ? '#1AEBFF' : '#118DFF'),
      foregroundButton: color('#FFFFFF'),
      background: color(highContrast ? '#000000' : '#FFFFFF'),
      backgroundLight: color('#F3F2F1'),
      backgroundNeutral: color('#C8C6C4'),
      backgroundDark: color('#000000'),
      hyperlink: color(highContrast ? '#FFFF00' : '#0078D4'),
      visitedHyperlink: color('#5C2D91'),
      mapPushpin: color('#FF5F00'),
      shapeStroke: color('#323130'),
      selection: color('#118DFF'),
      separator: color('#C8C6C4'),
      negative: color('#A4262C'),
      neutral: color('#605E5C'),
      positive: color('#107C10'),
    };
  }

  function createStorage(recorder) {
    const store = new Map();
    return {
      get(key) {
        recorder.record('storage.get', [key]);
        return store.has(key) ? Promise.resolve(store.get(key)) : Promise.reject(new Error('not found'));
      },
      set(key, value) {
        recorder.record('storage.set', [key]);
        store.set(key, value);
        return Promise.resolve(String(value).length);
      },
      remove(key) {
        recorder.record('storage.remove', [key]);
        store.delete(key);
      },
      status: () => Promise.resolve(1),
    };
  }

  // Power BI keeps persisted properties and hands them back in dataView.metadata.objects.
  function mergePersisted(objects, changes) {
    const lists = changes && (changes.merge || changes.replace) ? [].concat(changes.merge || [], changes.replace || []) : [];
    for (const instance of lists) {
      if (!instance || !instance.objectName) continue;
      objects[instance.objectName] = Object.assign({}, objects[instance.objectName], instance.properties || {});
    }
    for (const instance of (changes && changes.remove) || []) {
      if (!instance || !instance.objectName || !objects[instance.objectName]) continue;
      for (const name of Object.keys(instance.properties || {})) delete objects[instance.objectName][name];
    }
  }

  function createTooltipService(recorder) {
    const plain = (args) => args && { dataItems: args.dataItems, coordinates: args.coordinates };
    return {
      enabled: () => true,
      show: (args) => recorder.record('tooltip.show', [plain(args)]),
      move: (args) => recorder.record('tooltip.move', [plain(args)]),
      hide: (args) => recorder.record('tooltip.hide', [args || null]),
    };
  }

  function createLocalizationManager(recorder, strings) {
    return {
      getDisplayName(key) {
        recorder.record('getDisplayName', [key]);
        return Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
      },
    };
  }

  // Host calls that only need recording (and a harmless answer).
  function createRecordedCalls(recorder, opts) {
    return {
      launchUrl: (url) => recorder.record('launchUrl', [url]),
      displayWarningIcon: (hover, detail) => recorder.record('displayWarningIcon', [hover, detail]),
      // The page decides whether more segments exist (opts.fetchMoreData); none by default.
      fetchMoreData(aggregate) {
        recorder.record('fetchMoreData', [aggregate === undefined ? null : aggregate]);
        return opts.fetchMoreData ? opts.fetchMoreData(aggregate !== false) === true : false;
      },
      refreshHostData: () => recorder.record('refreshHostData', []),
      // Sorting the whole dataset (capabilities `sorting: { custom: {} }`): the page re-sorts and re-sends.
      applyCustomSort(args) {
        recorder.record('applyCustomSort', [args]);
        if (opts.onCustomSort) opts.onCustomSort(args);
      },
      applyJsonFilter: (filter, objectName, propertyName, action) =>
        recorder.record('applyJsonFilter', [filter, objectName, propertyName, action]),
      setCanDrill: (drillAllowed) => recorder.record('setCanDrill', [drillAllowed]),
      drill: (args) => recorder.record('drill', [args]),
      openModalDialog: () => Promise.reject(new Error('modal dialogs are not available in the preview')),
      switchFocusModeState: (on) => recorder.record('switchFocusModeState', [on]),
      telemetry: { trace: () => undefined },
    };
  }

  /**
   * options: { locale?, strings?: {key: text}, highContrast?, allowInteractions?,
   *            onPersist?: (objects) => void, fetchMoreData?: (aggregate) => boolean,
   *            onCustomSort?: (args) => void }
   */
  function createFakeHost(options) {
    const opts = options || {};
    const recorder = createRecorder();
    const events = [];
    const persistedObjects = {};
    const allowInteractions = opts.allowInteractions !== false;
    const managers = [];
    const host = Object.assign(createRecordedCalls(recorder, opts), {
      locale: opts.locale || 'en-GB',
      instanceId: 'ppoc-preview',
      hostEnv: 1,
      allowInteractions,
      hostCapabilities: { allowInteractions, allowModalDialog: false },
      colorPalette: createColorPalette(opts.highContrast),
      eventService: createEventService(recorder, events),
      tooltipService: createTooltipService(recorder),
      storageService: createStorage(recorder),
      createSelectionIdBuilder: () => createSelectionIdBuilder(recorder),
      createSelectionManager() {
        recorder.record('createSelectionManager', []);
        const manager = createSelectionManager(recorder);
        managers.push(manager);
        return manager;
      },
      createLocalizationManager: () => createLocalizationManager(recorder, opts.strings || {}),
      persistProperties(changes) {
        recorder.record('persistProperties', [changes]);
        mergePersisted(persistedObjects, changes);
        if (opts.onPersist) setTimeout(() => opts.onPersist(JSON.parse(JSON.stringify(persistedObjects))), 0);
      },
      // Recorded state, for tests and the preview.
      __calls: recorder.calls,
      __events: events,
      __selectionManagers: managers,
      __persistedObjects: () => JSON.parse(JSON.stringify(persistedObjects)),
      __reset() {
        recorder.calls.length = 0;
        events.length = 0;
      },
    });
    return host;
  }

  window.PpocFakeHost = { createFakeHost };
})();
