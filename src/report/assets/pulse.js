/*
 * content-pulse report pages. Live charts: each chart's Vega-Lite spec (a JSON script element,
 * never run as code) is drawn with vega-embed over its static SVG, which stays in place until the
 * live chart is ready, for pages opened without JavaScript and for printing. Tables: every row,
 * sortable by any header (numbers as numbers, text in Chinese collation order; again to reverse),
 * a search box that keeps rows containing the text, pages of 50 rows, the state in words.
 * Data text only ever reaches the page through textContent.
 */
(function () {
  'use strict';
  var PAGE = 50;
  var collator = new Intl.Collator('zh-CN', { numeric: true });

  function readJson(element) {
    return JSON.parse(element.textContent);
  }

  // A tooltip as a small table; numbers written as the report's tables write them (the page was
  // given each field's Intl.NumberFormat options), everything else escaped by vega-tooltip.
  function tooltipHtml(formats) {
    var writers = {};
    Object.keys(formats).forEach(function (key) { writers[key] = new Intl.NumberFormat('en-US', formats[key]); });
    return function (value, valueToHtml) {
      if (value === null || typeof value !== 'object') return valueToHtml(value);
      var rows = Object.keys(value).filter(function (key) { return key !== 'title'; }).map(function (key) {
        var item = value[key];
        // Vega-Lite hands numbers over already written as plain digits.
        var number = typeof item === 'number' ? item : typeof item === 'string' && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(item) ? Number(item) : NaN;
        var text = writers[key] && Number.isFinite(number) ? writers[key].format(number) : item;
        return '<tr><td class="key">' + valueToHtml(key) + '</td><td class="value">' + valueToHtml(text) + '</td></tr>';
      });
      var title = value.title !== undefined ? '<h2>' + valueToHtml(value.title) + '</h2>' : '';
      return title + '<table>' + rows.join('') + '</table>';
    };
  }

  function liveCharts() {
    if (typeof window.vegaEmbed !== 'function') return;
    document.querySelectorAll('figure.chart').forEach(function (figure) {
      var source = figure.querySelector('script.vega-spec');
      var formatsSource = figure.querySelector('script.vega-formats');
      var formats = formatsSource ? readJson(formatsSource) : {};
      var still = figure.querySelector('.vega-static');
      var live = figure.querySelector('.vega-live');
      if (!source || !still || !live) return;
      window.vegaEmbed(live, readJson(source), { actions: false, renderer: 'svg', tooltip: { formatTooltip: tooltipHtml(formats) } }).then(function () {
        still.hidden = true;
        live.hidden = false;
        figure.classList.add('is-live');
      }).catch(function () {
        live.hidden = true; // the static chart stays
      });
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function compareKeys(a, b, numeric) {
    var emptyA = a === null || a === '';
    var emptyB = b === null || b === '';
    if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1; // empty cells last
    return numeric ? a - b : collator.compare(String(a), String(b));
  }

  function interactiveTable(box) {
    var data = readJson(box.querySelector('script.table-data'));
    var rows = data.rows.map(function (cells, index) {
      return { cells: cells, keys: data.keys[index], text: cells.join('\u0001').toLowerCase(), order: index };
    });
    var state = { sort: -1, descending: false, query: '', page: 0 };
    var controls = element('div', 'table-controls');
    var search = element('input', 'table-search');
    search.type = 'search';
    search.placeholder = '搜索 search';
    search.setAttribute('aria-label', 'Search the table');
    var status = element('span', 'table-status');
    status.setAttribute('aria-live', 'polite');
    controls.appendChild(search);
    controls.appendChild(status);
    var table = element('table', 'interactive');
    var head = element('thead');
    var headRow = element('tr');
    var buttons = data.columns.map(function (name, column) {
      var th = element('th', data.numeric[column] ? 'n' : 't');
      var button = element('button', 'sort', name);
      button.type = 'button';
      button.addEventListener('click', function () {
        if (state.sort === column) state.descending = !state.descending;
        else {
          state.sort = column;
          state.descending = data.numeric[column]; // numbers largest first, text A to Z
        }
        state.page = 0;
        draw();
      });
      th.appendChild(button);
      headRow.appendChild(th);
      return th;
    });
    head.appendChild(headRow);
    var body = element('tbody');
    table.appendChild(head);
    table.appendChild(body);
    var pager = element('div', 'table-pager');
    var previous = element('button', 'page', '‹ previous');
    var next = element('button', 'page', 'next ›');
    previous.type = next.type = 'button';
    previous.addEventListener('click', function () { state.page--; draw(); });
    next.addEventListener('click', function () { state.page++; draw(); });
    pager.appendChild(previous);
    pager.appendChild(next);
    search.addEventListener('input', function () {
      state.query = search.value.trim().toLowerCase();
      state.page = 0;
      draw();
    });

    function draw() {
      var shown = state.query ? rows.filter(function (row) { return row.text.indexOf(state.query) !== -1; }) : rows.slice();
      if (state.sort >= 0) {
        var column = state.sort;
        var numeric = data.numeric[column];
        var sign = state.descending ? -1 : 1;
        shown.sort(function (a, b) {
          var ka = a.keys[column];
          var kb = b.keys[column];
          var emptyA = ka === null || ka === '';
          var emptyB = kb === null || kb === '';
          if (emptyA || emptyB) return emptyA === emptyB ? a.order - b.order : emptyA ? 1 : -1;
          return sign * compareKeys(ka, kb, numeric) || a.order - b.order;
        });
      }
      var pages = Math.max(1, Math.ceil(shown.length / PAGE));
      state.page = Math.min(Math.max(state.page, 0), pages - 1);
      var first = state.page * PAGE;
      var fragment = document.createDocumentFragment();
      shown.slice(first, first + PAGE).forEach(function (row) {
        var tr = element('tr');
        row.cells.forEach(function (text, column) {
          tr.appendChild(element('td', data.numeric[column] ? 'n' : 't', text));
        });
        fragment.appendChild(tr);
      });
      body.replaceChildren(fragment);
      buttons.forEach(function (th, column) {
        th.setAttribute('aria-sort', column === state.sort ? (state.descending ? 'descending' : 'ascending') : 'none');
        th.firstChild.textContent = data.columns[column] + (column === state.sort ? (state.descending ? ' ▼' : ' ▲') : '');
      });
      var words = shown.length
        ? 'Rows ' + (first + 1).toLocaleString('en-US') + '–' + Math.min(first + PAGE, shown.length).toLocaleString('en-US') + ' of ' + shown.length.toLocaleString('en-US')
        : 'No rows';
      if (state.query) words += ' containing “' + search.value.trim() + '” (of ' + rows.length.toLocaleString('en-US') + ')';
      if (state.sort >= 0) words += ' · sorted by ' + data.columns[state.sort] + (state.descending ? ', largest first' : ', smallest first');
      status.textContent = words;
      previous.disabled = state.page === 0;
      next.disabled = state.page >= pages - 1;
      pager.hidden = pages <= 1;
    }

    box.querySelector('table').replaceWith(table);
    box.insertBefore(controls, table);
    box.appendChild(pager);
    box.classList.add('is-live');
    draw();
  }

  // Charts are laid out with the page's fonts measured: wait for the CJK font to load first.
  function fontsReady() {
    if (!document.fonts || !document.fonts.load) return Promise.resolve();
    return Promise.all([document.fonts.load('12px "Pulse CJK"', '中'), document.fonts.load('bold 15px "Pulse CJK"', '中')]).catch(function () {});
  }

  function start() {
    fontsReady().then(liveCharts);
    document.querySelectorAll('div.table[data-table]').forEach(interactiveTable);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
