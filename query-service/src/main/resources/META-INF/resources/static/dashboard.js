// Leadflow dashboard: plain JavaScript, no dependencies. Every piece of text that comes from a customer or a
// salesperson reaches the page through textContent (never innerHTML), so a name like <img onerror=…> stays text.
(function () {
  'use strict';

  const TZ = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const PAGE_SIZE = 50;
  const REFRESH_MS = 30000;
  const RETRY_MS = 5000;
  const REQUEST_TIMEOUT_MS = 10000;
  const CHART_DAYS = 30;
  const FILTER_KEYS = ['quality', 'channel', 'intent', 'status', 'from', 'to', 'q', 'sort'];
  const CHANNELS = { whatsapp: 'WhatsApp', instagram: 'Instagram', website: 'Website', email: 'Email', sms: 'SMS' };
  const STATUSES = { new: 'New', contacted: 'Contacted', qualified: 'Qualified', won: 'Won', lost: 'Lost' };
  const FILTER_LABELS = { quality: 'Grade', channel: 'Channel', intent: 'Intent', status: 'Status', from: 'From', to: 'To',
    min_score: 'Score from', max_score: 'Score up to', q: 'Search' };
  // A share link's page, /s/{token}: that link's leads, read-only, for whoever holds it, without signing in.
  const SHARED_TOKEN = (/^\/s\/([^/]+)\/?$/.exec(location.pathname) || [])[1] || null;
  const API = SHARED_TOKEN ? sharedApi('/api/shared/' + SHARED_TOKEN)
    : { leads: '/api/leads', stats: '/api/stats', stream: '/api/leads/stream', exports: '/api/export' };
  const SORTS = {
    created_at: { column: 'created_at', field: 'created_at' },
    score: { column: 'score', field: 'score' },
    last_message_at: { column: 'last_message_at', field: 'last_message_at' }
  };

  const state = {
    filter: readFilterFromUrl(),
    leads: [],
    nextCursor: null,
    loading: false,
    online: true,
    streamLive: false,
    lastUpdated: null,
    openLeadId: null,
    retryTimer: null,
    statsTimer: null,
    generation: 0,
    zone: TZ,
    maskedContacts: false,
    source: null,
    linkClosed: false
  };

  const $ = (id) => document.getElementById(id);

  function sharedApi(base) {
    return { link: base, leads: base + '/leads', stats: base + '/stats', stream: base + '/stream', exports: base + '/export' };
  }

  // ---------------------------------------------------------------------------------------------------------
  // DOM helpers: text only.

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === 'class') node.className = value;
        else if (key === 'dataset') Object.assign(node.dataset, value);
        else node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Formatting

  const numberFormat = new Intl.NumberFormat();
  const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const shortDateTimeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
  const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

  function formatDateTime(iso) {
    return iso ? dateTimeFormat.format(new Date(iso)) : '';
  }

  // This year's dates without the year: the table stays narrow.
  function formatShort(iso) {
    if (!iso) return '';
    const date = new Date(iso);
    return date.getFullYear() === new Date().getFullYear() ? shortDateTimeFormat.format(date) : dateTimeFormat.format(date);
  }

  function relative(iso) {
    if (!iso) return '';
    const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
    if (seconds < 45) return 'just now';
    const minutes = Math.round(seconds / 60);
    if (minutes < 60) return minutes + ' min ago';
    const hours = Math.round(minutes / 60);
    if (hours < 24) return hours + ' h ago';
    const days = Math.round(hours / 24);
    if (days < 30) return days + (days === 1 ? ' day ago' : ' days ago');
    return formatDateTime(iso);
  }

  function todayIn(zone) {
    // YYYY-MM-DD in the browser's zone.
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date());
    const get = (type) => parts.find((p) => p.type === type).value;
    return get('year') + '-' + get('month') + '-' + get('day');
  }

  function shiftDay(day, delta) {
    const date = new Date(day + 'T00:00:00Z');
    date.setUTCDate(date.getUTCDate() + delta);
    return date.toISOString().slice(0, 10);
  }

  function label(value) {
    if (value === null || value === undefined) return '';
    return CHANNELS[value] || STATUSES[value] || String(value).replace(/_/g, ' ');
  }

  // ---------------------------------------------------------------------------------------------------------
  // The API, and knowing whether it answers.

  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
      this.status = status;
      this.problem = problem;
    }
  }

  async function api(path, options) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    let response;
    try {
      response = await fetch(path, Object.assign({ headers: { Accept: 'application/json' }, signal: controller.signal }, options));
    } catch (networkFailure) {
      clearTimeout(timer);
      markOffline();
      throw networkFailure;
    }
    clearTimeout(timer);
    if (response.status === 401 && !SHARED_TOKEN && path !== '/api/auth/login') {
      showLogin();
      throw new ApiError(401, null);
    }
    if (response.status >= 500 || response.status === 0) {
      markOffline();
      throw new ApiError(response.status, null);
    }
    markOnline();
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (SHARED_TOKEN && isLinkClosed(response.status, body)) showLinkClosed(response.status, body);
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  // The API's reason for a refusal (its problem's detail), or the fallback when it gave none or did not answer.
  function problemText(failure, fallback) {
    return (failure instanceof ApiError && failure.problem && failure.problem.detail) || fallback;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Signing in: the session is an HttpOnly cookie this page never sees; a 401 from any call shows the form.

  function showLogin() {
    document.body.classList.add('signed-out');
    document.querySelectorAll('main').forEach((page) => { page.hidden = true; });
    $('user-menu').hidden = true;
    $('login').hidden = false;
    $('login-username').focus();
  }

  async function signIn(event) {
    event.preventDefault();
    $('login-error').hidden = true;
    $('login-submit').disabled = true;
    try {
      await api('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ username: $('login-username').value.trim(), password: $('login-password').value })
      });
      location.reload();
    } catch (failure) {
      const reason = problemText(failure, 'sign-in failed; try again.');
      $('login-error').textContent = reason.charAt(0).toUpperCase() + reason.slice(1);
      $('login-error').hidden = false;
    } finally {
      $('login-submit').disabled = false;
    }
  }

  async function signOut() {
    await api('/api/auth/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' } }).catch(() => {});
    location.reload();
  }

  function markOffline() {
    if (state.online) {
      state.online = false;
      $('api-banner').hidden = false;
      setLiveState('offline', 'Offline');
    }
    if (!state.retryTimer) {
      state.retryTimer = setTimeout(retryConnection, RETRY_MS);
    }
  }

  function markOnline() {
    if (!state.online) {
      state.online = true;
      $('api-banner').hidden = true;
      toast('Connection restored');
      setLiveState(state.streamLive ? 'live' : 'connecting', state.streamLive ? 'Live' : 'Connecting…');
      refreshAll();
    }
  }

  function retryConnection() {
    state.retryTimer = null;
    if (state.linkClosed) return;
    loadStats().catch(() => { /* markOffline schedules the next try */ });
  }

  function setLiveState(kind, text) {
    const node = $('live-state');
    node.className = 'live-state ' + kind;
    node.textContent = text;
  }

  function touchUpdated() {
    state.lastUpdated = new Date();
    renderUpdated();
  }

  function renderUpdated() {
    if (!state.lastUpdated) return;
    $('updated-at').textContent = 'Updated ' + timeFormat.format(state.lastUpdated);
    $('updated-at').title = state.lastUpdated.toString();
  }

  let toastTimer = null;
  function toast(message) {
    const node = $('toast');
    node.textContent = message;
    node.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { node.hidden = true; }, 3000);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Filters: in the page's URL, so a reload or a shared link keeps them.

  function readFilterFromUrl() {
    const params = new URLSearchParams(location.search);
    const filter = {};
    for (const key of SHARED_TOKEN ? ['sort'] : FILTER_KEYS) {
      const value = params.get(key);
      if (value) filter[key] = value;
    }
    return filter;
  }

  function writeFilterToUrl() {
    const params = filterParams(false);
    const query = params.toString();
    history.replaceState(null, '', location.pathname + (query ? '?' + query : ''));
  }

  function filterParams(withZone) {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = state.filter[key];
      if (value) params.set(key, value);
    }
    if (withZone && !SHARED_TOKEN) params.set('tz', TZ);
    return params;
  }

  // The current filters as a share link keeps them: each grade, channel, intent or status a value of its own.
  function shareFilters() {
    const filters = {};
    for (const key of FILTER_KEYS) {
      const value = state.filter[key];
      if (!value) continue;
      filters[key] = ['quality', 'channel', 'intent', 'status'].indexOf(key) >= 0 ? value.split(',') : value;
    }
    filters.tz = TZ;
    return filters;
  }

  // Filters (a share link's, or the page's) in words: "Grade: HOT · Channel: WhatsApp".
  function describeFilters(filters) {
    const parts = [];
    for (const [key, name] of Object.entries(FILTER_LABELS)) {
      const values = [].concat(filters[key] || []).filter(Boolean);
      if (!values.length) continue;
      parts.push(name + ': ' + (key === 'q' ? '“' + values.join(' ') + '”'
        : values.join(',').split(',').map(label).join(', ')));
    }
    return parts.length ? parts.join(' · ') : 'All leads';
  }

  function currentSort() {
    const sort = state.filter.sort || '-created_at';
    const descending = sort.startsWith('-');
    const name = descending ? sort.slice(1) : sort;
    return { name: SORTS[name] ? name : 'created_at', descending: SORTS[name] ? descending : true };
  }

  function syncFilterControls() {
    $('search').value = state.filter.q || '';
    $('filter-quality').value = state.filter.quality || '';
    $('filter-channel').value = state.filter.channel || '';
    $('filter-intent').value = state.filter.intent || '';
    $('filter-status').value = state.filter.status || '';
    $('filter-from').value = state.filter.from || '';
    $('filter-to').value = state.filter.to || '';
    const sort = currentSort();
    document.querySelectorAll('button.sort').forEach((button) => {
      const active = button.dataset.sort === sort.name;
      button.setAttribute('aria-sort', active ? (sort.descending ? 'descending' : 'ascending') : 'none');
    });
    document.querySelectorAll('.card').forEach((card) => {
      if (SHARED_TOKEN) return;
      const quality = card.dataset.quality;
      const status = card.dataset.status;
      const active = status ? state.filter.status === status && !state.filter.quality
        : quality ? state.filter.quality === quality : !state.filter.quality && !state.filter.status;
      card.classList.toggle('active', active);
    });
    const downloadParams = filterParams(true).toString();
    $('download-csv').href = API.exports + '/leads.csv' + (downloadParams ? '?' + downloadParams : '');
    $('download-xlsx').href = API.exports + '/leads.xlsx' + (downloadParams ? '?' + downloadParams : '');
  }

  function setFilter(changes) {
    for (const [key, value] of Object.entries(changes)) {
      if (value) state.filter[key] = value; else delete state.filter[key];
    }
    writeFilterToUrl();
    syncFilterControls();
    loadLeads(true);
  }

  // Whether a lead belongs in the current view: the same rules as the API's filters.
  function matchesFilter(lead) {
    const f = state.filter;
    if (f.quality && f.quality.split(',').indexOf(lead.quality) < 0) return false;
    if (f.channel && f.channel.split(',').indexOf(lead.channel) < 0) return false;
    if (f.intent && f.intent.split(',').indexOf(lead.intent) < 0) return false;
    if (f.status && f.status.split(',').indexOf(lead.status) < 0) return false;
    const created = lead.created_at ? lead.created_at.slice(0, 10) : '';
    if (f.from && created && dayIn(lead.created_at) < f.from) return false;
    if (f.to && created && dayIn(lead.created_at) > f.to) return false;
    if (f.q) {
      const text = [lead.user_name, lead.user_phone, lead.user_email, lead.message].filter(Boolean).join(' ').toLowerCase();
      if (text.indexOf(f.q.trim().toLowerCase()) < 0) return false;
    }
    return true;
  }

  function dayIn(iso) {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(iso));
    const get = (type) => parts.find((p) => p.type === type).value;
    return get('year') + '-' + get('month') + '-' + get('day');
  }

  // ---------------------------------------------------------------------------------------------------------
  // Statistics and the chart

  async function loadStats() {
    const to = todayIn(state.zone);
    const from = shiftDay(to, -(CHART_DAYS - 1));
    const params = new URLSearchParams({ from: from, to: to });
    if (!SHARED_TOKEN) params.set('tz', TZ);
    const stats = await api(API.stats + '?' + params.toString());
    renderStats(stats);
    touchUpdated();
    return stats;
  }

  function scheduleStats() {
    if (state.statsTimer) return;
    state.statsTimer = setTimeout(() => {
      state.statsTimer = null;
      loadStats().catch(() => {});
    }, 1000);
  }

  function renderStats(stats) {
    $('stat-total').textContent = numberFormat.format(stats.total);
    $('stat-hot').textContent = numberFormat.format(stats.by_quality.HOT || 0);
    $('stat-warm').textContent = numberFormat.format(stats.by_quality.WARM || 0);
    $('stat-cold').textContent = numberFormat.format(stats.by_quality.COLD || 0);
    $('stat-new').textContent = numberFormat.format(stats.by_status.new || 0);
    const today = stats.days.length ? stats.days[stats.days.length - 1] : null;
    $('stat-today').textContent = today ? numberFormat.format(today.total) + ' today' : '';
    renderChart(stats.days);
  }

  function renderChart(days) {
    state.chartDays = days;
    const svgNs = 'http://www.w3.org/2000/svg';
    // Drawn at the size it is shown, so its text is never stretched.
    const width = Math.max(280, Math.round($('chart').clientWidth || 900));
    const height = 190;
    const left = 34;
    const bottom = 22;
    const top = 8;
    const plotHeight = height - bottom - top;
    const max = Math.max(1, ...days.map((d) => d.total));
    const step = niceStep(max);
    const ceiling = Math.ceil(max / step) * step;
    const slot = (width - left) / Math.max(1, days.length);
    const barWidth = Math.max(2, slot * 0.7);
    const svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    const node = (tag, attrs, text) => {
      const n = document.createElementNS(svgNs, tag);
      for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
      if (text !== undefined) n.textContent = text;
      return n;
    };
    for (let value = 0; value <= ceiling; value += step) {
      const y = top + plotHeight - (value / ceiling) * plotHeight;
      svg.append(node('line', { class: 'grid', x1: left, x2: width, y1: y, y2: y }));
      svg.append(node('text', { class: 'axis', x: left - 6, y: y + 4, 'text-anchor': 'end' }, numberFormat.format(value)));
    }
    days.forEach((day, i) => {
      const x = left + i * slot + (slot - barWidth) / 2;
      let y = top + plotHeight;
      for (const grade of ['cold', 'warm', 'hot']) {
        const count = day[grade];
        if (!count) continue;
        const h = (count / ceiling) * plotHeight;
        y -= h;
        const rect = node('rect', { class: 'bar-' + grade, x: x, y: y, width: barWidth, height: Math.max(h, 0.5), rx: 1.5 });
        rect.append(node('title', {}, dayFormat.format(new Date(day.date + 'T00:00:00Z')) + ': ' + count + ' ' + grade.toUpperCase()));
        svg.append(rect);
      }
      const every = Math.ceil(days.length / Math.max(3, Math.floor(width / 110)));
      if ((i % every === 0 && days.length - 1 - i >= every / 2) || i === days.length - 1) {
        svg.append(node('text', { class: 'axis', x: x + barWidth / 2, y: height - 6, 'text-anchor': 'middle' },
          dayFormat.format(new Date(day.date + 'T00:00:00Z'))));
      }
    });
    clear($('chart')).append(svg);
  }

  function niceStep(max) {
    const rough = max / 4;
    const magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    for (const factor of [1, 2, 5, 10]) {
      if (rough <= factor * magnitude) return Math.max(1, factor * magnitude);
    }
    return Math.max(1, 10 * magnitude);
  }

  // ---------------------------------------------------------------------------------------------------------
  // The lead table

  async function loadLeads(reset) {
    const generation = ++state.generation;
    const params = filterParams(true);
    params.set('limit', String(PAGE_SIZE));
    if (!reset && state.nextCursor) params.set('cursor', state.nextCursor);
    state.loading = true;
    try {
      const page = await api(API.leads + '?' + params.toString());
      if (generation !== state.generation) return;
      state.leads = reset ? page.leads : state.leads.concat(page.leads.filter((l) => !state.leads.some((x) => x.id === l.id)));
      state.nextCursor = page.next_cursor;
      renderTable();
      touchUpdated();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 400) {
        toast((failure.problem && failure.problem.detail) || 'That filter is not valid');
      }
    } finally {
      state.loading = false;
    }
  }

  // The first page again, merged into what is shown: the 30-second fallback when the stream is quiet or down.
  async function refreshFirstPage() {
    const params = filterParams(true);
    params.set('limit', String(Math.max(PAGE_SIZE, Math.min(state.leads.length, 1000))));
    const generation = state.generation;
    const page = await api(API.leads + '?' + params.toString());
    if (generation !== state.generation) return;
    state.leads = page.leads;
    state.nextCursor = page.next_cursor;
    renderTable();
    touchUpdated();
  }

  function refreshAll() {
    loadStats().catch(() => {});
    refreshFirstPage().catch(() => {});
    if (state.openLeadId !== null) openDetail(state.openLeadId, true);
  }

  function compareLeads(a, b) {
    const sort = currentSort();
    const field = SORTS[sort.name].field;
    let result;
    if (field === 'score') result = a.score - b.score;
    else result = new Date(a[field]).getTime() - new Date(b[field]).getTime();
    if (result === 0) result = a.id - b.id;
    return sort.descending ? -result : result;
  }

  // A lead from the stream: update its row, add it where it belongs, or drop it when it left the view.
  function upsertLead(lead) {
    const index = state.leads.findIndex((l) => l.id === lead.id);
    const belongs = matchesFilter(lead);
    if (index >= 0) {
      if (belongs) state.leads[index] = lead; else state.leads.splice(index, 1);
      if (belongs) state.leads.sort(compareLeads);
    } else if (belongs) {
      const last = state.leads[state.leads.length - 1];
      // Beyond the loaded rows it belongs to a later page, which "Load more" fetches.
      if (!last || !state.nextCursor || compareLeads(lead, last) < 0) {
        state.leads.push(lead);
        state.leads.sort(compareLeads);
      }
    }
    renderTable(lead.id);
    if (state.openLeadId === lead.id) openDetail(lead.id, true);
  }

  function renderTable(flashId) {
    const body = $('lead-table').tBodies[0];
    clear(body);
    for (const lead of state.leads) {
      body.append(leadRow(lead, lead.id === flashId));
    }
    $('empty').hidden = state.leads.length > 0;
    $('load-more').hidden = !state.nextCursor;
  }

  function leadRow(lead, flash) {
    const row = el('tr', { dataset: { id: String(lead.id) }, class: flash ? 'flash' : null, tabindex: '0' });
    row.append(
      el('td', { class: 'name' }, lead.user_name || el('span', { class: 'muted' }, 'Unknown'),
        el('div', { class: 'message', title: lead.message }, truncate(lead.message, 90))),
      el('td', { class: 'contact' },
        lead.user_phone ? el('div', null, phoneLink(lead.user_phone)) : null,
        lead.user_email ? el('div', null, mailLink(lead.user_email)) : null,
        !lead.user_phone && !lead.user_email ? el('span', { class: 'muted' }, '—') : null),
      el('td', { 'data-label': 'Channel' }, label(lead.channel)),
      el('td', { 'data-label': 'Intent' }, lead.intent),
      el('td', { 'data-label': 'Urgency', class: 'urgency-' + lead.urgency }, lead.urgency),
      el('td', { class: 'num' }, String(lead.score)),
      el('td', { class: 'grade' }, badge(lead.quality)),
      el('td', { 'data-label': 'Status' }, statusPill(lead.status)),
      el('td', { 'data-label': 'Last message', class: 'when', title: formatDateTime(lead.last_message_at) }, relative(lead.last_message_at)),
      el('td', { 'data-label': 'Received', class: 'when', title: formatDateTime(lead.created_at) }, formatShort(lead.created_at))
    );
    return row;
  }

  function truncate(text, length) {
    if (!text) return '';
    const single = text.replace(/\s+/g, ' ').trim();
    return single.length > length ? single.slice(0, length - 1) + '…' : single;
  }

  function phoneLink(phone) {
    if (!phone) return el('span', { class: 'muted' }, '—');
    if (state.maskedContacts) return el('span', { class: 'phone masked' }, phone);
    const dial = phone.replace(/[^+0-9]/g, '');
    return el('a', { href: 'tel:' + dial, class: 'phone' }, phone);
  }

  function mailLink(email) {
    if (!email) return el('span', { class: 'muted' }, '—');
    if (state.maskedContacts) return el('span', { class: 'email masked' }, email);
    return el('a', { href: 'mailto:' + encodeURIComponent(email).replace(/%40/g, '@'), class: 'email' }, email);
  }

  function badge(quality) {
    return el('span', { class: 'badge ' + (['HOT', 'WARM', 'COLD'].indexOf(quality) >= 0 ? quality : '') }, quality);
  }

  function statusPill(status) {
    return el('span', { class: 'pill status-' + (STATUSES[status] ? status : 'unknown') }, label(status));
  }

  // ---------------------------------------------------------------------------------------------------------
  // The detail panel

  async function openDetail(id, quiet) {
    state.openLeadId = id;
    if (!quiet) {
      $('detail').hidden = false;
      $('detail-backdrop').hidden = false;
      $('detail-name').textContent = 'Loading…';
      $('status-message').textContent = '';
    }
    try {
      const lead = await api(API.leads + '/' + encodeURIComponent(id));
      if (state.openLeadId !== id) return;
      renderDetail(lead);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 404) {
        $('detail-name').textContent = 'This lead no longer exists';
      }
    }
  }

  function closeDetail() {
    state.openLeadId = null;
    $('detail').hidden = true;
    $('detail-backdrop').hidden = true;
  }

  function renderDetail(lead) {
    $('detail').dataset.id = String(lead.id);
    $('detail-name').textContent = lead.user_name || 'Unknown contact';
    clear($('detail-badges')).append(badge(lead.quality), el('span', { class: 'pill' }, 'Score ' + lead.score),
      statusPill(lead.status), el('span', { class: 'pill' }, label(lead.channel)));

    clear($('detail-contact')).append(el('dl', { class: 'contact-grid' },
      el('dt', null, 'Phone'), el('dd', null, phoneLink(lead.user_phone)),
      el('dt', null, 'Email'), el('dd', null, mailLink(lead.user_email)),
      el('dt', null, 'Wants'), el('dd', null, lead.intent + ' · ' + lead.urgency + ' urgency'),
      el('dt', null, 'Received'), el('dd', null, formatDateTime(lead.created_at)),
      el('dt', null, 'Last message'), el('dd', null, relative(lead.last_message_at) + ' · ' + lead.message_count
        + (lead.message_count === 1 ? ' message' : ' messages')),
      lead.notes ? el('dt', null, 'Note') : null, lead.notes ? el('dd', { class: 'note' }, lead.notes) : null));

    renderDuplicates(lead.possible_duplicates || []);

    $('status-select').value = lead.status;
    clear($('detail-activity'));
    for (const entry of (lead.activity || []).slice().reverse()) {
      const change = entry.status_from !== entry.status_to ? label(entry.status_from) + ' → ' + label(entry.status_to) : 'Note';
      $('detail-activity').append(el('li', null, el('time', { datetime: entry.created_at }, formatDateTime(entry.created_at)),
        change, entry.note ? ': ' : '', entry.note || ''));
    }

    renderBreakdown(lead.score_breakdown, lead.score);
    renderAnalysis((lead.analyses || [])[(lead.analyses || []).length - 1]);

    const conversation = clear($('conversation'));
    for (const message of lead.messages || []) {
      conversation.append(el('li', { class: 'bubble' },
        el('div', { class: 'meta' }, el('span', null, label(message.channel)), el('time', { datetime: message.created_at },
          formatDateTime(message.created_at))),
        message.subject ? el('div', { class: 'subject' }, message.subject) : null,
        el('div', { class: 'text', dir: 'auto' }, message.text)));
    }
    if (!(lead.messages || []).length) conversation.append(el('li', { class: 'muted' }, 'No messages stored.'));
  }

  // Leads that may be the same person: one wrote the other's phone or email in a message. Never merged by
  // Leadflow on its own (anyone can write anyone's number): a salesperson looks and decides.
  function renderDuplicates(duplicates) {
    $('detail-duplicates').hidden = duplicates.length === 0;
    const list = clear($('duplicates'));
    for (const duplicate of duplicates) {
      const contact = duplicate.matched_on + ' ' + duplicate.value;
      list.append(el('li', { dataset: { leadId: String(duplicate.lead_id) } },
        el('a', { href: '#lead-' + duplicate.lead_id, class: 'lead-link' }, duplicate.user_name || 'Lead #' + duplicate.lead_id),
        el('span', { class: 'muted' }, duplicate.found_in === 'this_lead'
          ? ': their ' + contact + ' is written in this lead’s messages'
          : ': this lead’s ' + contact + ' is written in their messages')));
    }
  }

  function renderBreakdown(breakdown, score) {
    const node = clear($('breakdown'));
    const factors = breakdown && Array.isArray(breakdown.factors) ? breakdown.factors : [];
    if (!factors.length) {
      node.append(el('p', { class: 'muted' }, 'No breakdown stored for this lead.'));
      return;
    }
    for (const factor of factors) {
      const max = Math.max(1, Number(factor.max) || 1);
      const points = Number(factor.points) || 0;
      const width = Math.min(100, Math.abs(points) / max * 100);
      node.append(el('div', { class: 'factor', dataset: { factor: String(factor.name) } },
        el('div', { class: 'factor-head' }, el('span', { class: 'factor-name' }, label(factor.name)),
          el('span', { class: 'factor-points' }, points + ' / ' + factor.max)),
        el('div', { class: 'meter' }, el('span', { class: points < 0 ? 'negative' : '', style: null, dataset: { width: width.toFixed(1) } })),
        factor.evidence ? el('div', { class: 'factor-evidence' }, factor.evidence) : null));
    }
    node.querySelectorAll('.meter span').forEach((bar) => { bar.style.width = bar.dataset.width + '%'; });
    node.append(el('div', { class: 'breakdown-total' }, el('span', null, 'Score'),
      el('span', null, String(breakdown.score !== undefined ? breakdown.score : score) + ' · ' + (breakdown.quality || ''))));
  }

  function renderAnalysis(analysis) {
    const node = clear($('detail-analysis'));
    if (!analysis) {
      node.append(el('p', { class: 'muted' }, 'No analysis stored.'));
      return;
    }
    const extracted = analysis.extracted_data || {};
    const rows = [
      ['Intent', analysis.intent], ['Urgency', analysis.urgency], ['Sentiment', analysis.sentiment],
      ['Category', analysis.category], ['Confidence', analysis.confidence + '%'], ['Language', analysis.language],
      ['Product', extracted.product], ['Quantity', extracted.quantity], ['Budget', extracted.budget],
      ['Location', extracted.location], ['Best time', extracted.preferredContactTime],
      ['Analysed by', analysis.provider + (analysis.latency_ms !== null && analysis.latency_ms !== undefined ? ' in ' + analysis.latency_ms + ' ms' : '')]
    ];
    const list = el('dl');
    for (const [name, value] of rows) {
      if (value === null || value === undefined || value === '') continue;
      list.append(el('dt', null, name), el('dd', null, String(value)));
    }
    node.append(list);
    const attempts = Array.isArray(analysis.attempts) ? analysis.attempts : [];
    if (attempts.length > 1) {
      const tried = el('ol', { class: 'attempts' });
      for (const attempt of attempts) {
        tried.append(el('li', null, attempt.provider + ': ' + attempt.outcome + (attempt.detail ? ' (' + attempt.detail + ')' : '')));
      }
      node.append(tried);
    }
  }

  async function saveStatus(event) {
    event.preventDefault();
    const id = state.openLeadId;
    if (id === null) return;
    const body = { status: $('status-select').value };
    const note = $('status-note').value.trim();
    if (note) body.note = note;
    $('status-message').textContent = 'Saving…';
    try {
      const lead = await api('/api/leads/' + encodeURIComponent(id), {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body)
      });
      $('status-note').value = '';
      $('status-message').textContent = 'Saved.';
      renderDetail(lead);
      upsertLead(listItem(lead));
      scheduleStats();
    } catch (failure) {
      $('status-message').textContent = failure instanceof ApiError ? 'Not saved: ' + failure.message : 'Not saved: the API is unreachable.';
    }
  }

  function listItem(detail) {
    const item = {};
    for (const key of ['id', 'user_name', 'user_email', 'user_phone', 'channel', 'message', 'intent', 'urgency', 'score',
      'quality', 'status', 'message_count', 'created_at', 'last_message_at', 'exported']) {
      item[key] = detail[key];
    }
    return item;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Live updates: the stream, and a 30-second refresh whatever happens to it.

  function connectStream() {
    if (!window.EventSource) return;
    const source = new EventSource(API.stream);
    state.source = source;
    source.addEventListener('ready', () => {
      state.streamLive = true;
      if (state.online) setLiveState('live', 'Live');
    });
    source.addEventListener('lead', (event) => {
      try {
        upsertLead(JSON.parse(event.data));
        touchUpdated();
        scheduleStats();
      } catch (ignored) { /* a malformed event changes nothing */ }
    });
    source.addEventListener('reload', () => refreshAll());
    source.onerror = () => {
      state.streamLive = false;
      if (state.online) setLiveState('connecting', 'Reconnecting…');
      // EventSource reconnects by itself (sending Last-Event-ID); check whether the API itself is gone, or, on a
      // share link, whether the link was revoked or expired (its stream ends then): a 410 stops all of it.
      if (!state.linkClosed) loadStats().catch(() => {});
    };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Wiring

  function debounce(fn, ms) {
    let timer;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  function wire() {
    if (!SHARED_TOKEN) wireTeamControls();
    wireTable();
    $('refresh').addEventListener('click', refreshAll);
    setInterval(() => { if (state.online && !state.linkClosed) refreshAll(); }, REFRESH_MS);
    setInterval(renderUpdated, 15000);
    window.addEventListener('resize', debounce(() => { if (state.chartDays) renderChart(state.chartDays); }, 200));
  }

  // What only the team has: filters (a share link's are its own), the cards that filter, the status form.
  function wireTeamControls() {
    const search = debounce(() => {
      const q = $('search').value.trim();
      if (q.length > 0 && q.length < 3) return;
      if ((state.filter.q || '') !== q) setFilter({ q: q });
    }, 300);
    $('search').addEventListener('input', search);
    $('filters').addEventListener('submit', (event) => event.preventDefault());
    for (const [id, key] of [['filter-quality', 'quality'], ['filter-channel', 'channel'], ['filter-intent', 'intent'],
      ['filter-status', 'status'], ['filter-from', 'from'], ['filter-to', 'to']]) {
      $(id).addEventListener('change', () => setFilter({ [key]: $(id).value }));
    }
    $('clear-filters').addEventListener('click', () => {
      state.filter = state.filter.sort ? { sort: state.filter.sort } : {};
      writeFilterToUrl();
      syncFilterControls();
      loadLeads(true);
    });
    document.querySelectorAll('.card').forEach((card) => {
      card.addEventListener('click', () => {
        if (card.dataset.status) setFilter({ status: card.dataset.status, quality: '' });
        else setFilter({ quality: card.dataset.quality, status: '' });
      });
    });
    $('status-form').addEventListener('submit', saveStatus);
  }

  function wireTable() {
    document.querySelectorAll('button.sort').forEach((button) => {
      button.addEventListener('click', () => {
        const sort = currentSort();
        const name = button.dataset.sort;
        const next = sort.name === name ? (sort.descending ? name : '-' + name) : '-' + name;
        setFilter({ sort: next === '-created_at' ? '' : next });
      });
    });
    $('lead-table').tBodies[0].addEventListener('click', (event) => {
      if (event.target.closest('a')) return;
      const row = event.target.closest('tr[data-id]');
      if (row) openDetail(Number(row.dataset.id));
    });
    $('lead-table').tBodies[0].addEventListener('keydown', (event) => {
      const row = event.target.closest('tr[data-id]');
      if (row && event.key === 'Enter') openDetail(Number(row.dataset.id));
    });
    $('load-more').addEventListener('click', () => loadLeads(false));
    $('duplicates').addEventListener('click', (event) => {
      const item = event.target.closest('a.lead-link') && event.target.closest('li[data-lead-id]');
      if (!item) return;
      event.preventDefault();
      openDetail(Number(item.dataset.leadId));
    });
    $('detail-close').addEventListener('click', closeDetail);
    $('detail-backdrop').addEventListener('click', closeDetail);
    document.addEventListener('keydown', (event) => { if (event.key === 'Escape') closeDetail(); });
  }

  function boot() {
    if (SHARED_TOKEN) {
      startShared();
      return;
    }
    $('login-form').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', signOut);
    start();
  }

  async function start() {
    let me;
    try {
      me = await api('/api/auth/me');
    } catch (notSignedIn) {
      if (!(notSignedIn instanceof ApiError) || notSignedIn.status !== 401) setTimeout(start, RETRY_MS);
      return;
    }
    document.body.dataset.role = me.role;
    $('user-name').textContent = me.username + ' · ' + me.role;
    $('user-menu').hidden = false;
    $('main').hidden = false;
    showLeads();
    // Sharing the view and the users page (admin.js): what the dashboard lends them.
    if (window.LeadflowAdmin) {
      window.LeadflowAdmin.start({ me, $, el, clear, api, problemText, toast, formatDateTime, describeFilters,
        currentFilters: shareFilters });
    }
  }

  function showLeads() {
    wire();
    syncFilterControls();
    loadStats().catch(() => {});
    loadLeads(true);
    connectStream();
    // A possible duplicate's link opened in a new tab (#lead-ID) opens that lead.
    const linked = /^#lead-(\d+)$/.exec(location.hash);
    if (linked) openDetail(Number(linked[1]));
  }

  // ---------------------------------------------------------------------------------------------------------
  // A share link's page: the link says what it shows; no sign-in, no filters, no changes.

  async function startShared() {
    let link;
    try {
      link = await api(API.link);
    } catch (failure) {
      // A 410 has closed the page already (api); a 404 is no link; anything else (the API down) is tried again.
      if (failure instanceof ApiError && failure.status === 404) showLinkClosed(404, failure.problem);
      else if (!state.linkClosed) setTimeout(startShared, RETRY_MS);
      return;
    }
    document.body.classList.add('shared');
    document.title = 'Leadflow · Shared leads';
    state.zone = (link.filters.tz || [])[0] || TZ;
    state.maskedContacts = link.mask_contacts;
    if (!state.filter.sort && link.filters.sort) state.filter.sort = link.filters.sort[0];
    renderSharedBanner(link);
    $('filters').hidden = true;
    $('detail-status').hidden = true;
    $('detail-analysis-section').hidden = true;
    $('download-csv').hidden = !link.allow_export;
    $('download-xlsx').hidden = !link.allow_export;
    document.querySelectorAll('.card').forEach((card) => { card.disabled = true; });
    $('main').hidden = false;
    showLeads();
  }

  function renderSharedBanner(link) {
    clear($('shared-banner')).append(
      el('strong', null, 'Shared view'),
      el('span', { id: 'shared-by' }, 'Shared by ' + link.created_by + ' · open until ' + formatDateTime(link.expires_at)),
      el('span', { id: 'shared-masking' },
        link.mask_contacts ? 'Phones and emails are masked' : 'Phones and emails are shown in full'),
      el('span', { id: 'shared-scope' }, 'Shows: ' + describeFilters(link.filters)),
      el('span', { class: 'shared-note' }, 'Read-only'));
    $('shared-banner').hidden = false;
  }

  // 404 for a token that is no link's; 410 for a link revoked or expired (its problem type says which).
  function isLinkClosed(status, problem) {
    return status === 410 || (status === 404 && !!problem && /\/share-not-found$/.test(problem.type || ''));
  }

  function showLinkClosed(status, problem) {
    if (state.linkClosed) return;
    state.linkClosed = true;
    if (state.source) state.source.close();
    const detail = (problem && problem.detail) || '';
    const expiredAt = /expired at (\S+?)\.?$/.exec(detail);
    const until = expiredAt ? new Date(expiredAt[1]) : null;
    let title = 'This link does not exist';
    let explanation = 'Check that the whole link was copied, or ask whoever shared it for a new one.';
    if (status === 410 && /\/share-revoked$/.test((problem && problem.type) || '')) {
      title = 'This link was revoked';
      explanation = 'Whoever shared it has closed it. Ask them for a new link if you still need these leads.';
    } else if (status === 410) {
      title = 'This link has expired';
      explanation = (until && !isNaN(until) ? 'It was open until ' + formatDateTime(until.toISOString()) + '. ' : '')
        + 'Ask whoever shared it for a new link if you still need these leads.';
    }
    document.title = 'Leadflow · ' + title;
    document.body.classList.add('link-gone');
    for (const id of ['main', 'detail', 'detail-backdrop', 'shared-banner', 'api-banner']) $(id).hidden = true;
    $('link-closed-title').textContent = title;
    $('link-closed-detail').textContent = explanation;
    $('link-closed').hidden = false;
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot); else boot();
}());
