// Leadflow dashboard, for the signed-in team: sharing the current view, the list of open share links, and the users
// page. Loaded before dashboard.js, which calls LeadflowAdmin.start once it knows who is signed in and lends its
// helpers; like dashboard.js, every piece of data reaches the page as text (app.el), never as markup.
(function () {
  'use strict';

  const ROLES = { admin: 'Admin', agent: 'Agent', viewer: 'Viewer' };
  const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

  let app;
  let $;
  let passwordFor = null;

  function start(dashboard) {
    app = dashboard;
    $ = app.$;
    const mayShare = app.me.role === 'admin' || app.me.role === 'agent';
    $('pages-menu').classList.toggle('only-leads', !mayShare);
    wireMenu();
    if (mayShare) wireSharing();
    if (app.me.role === 'admin') wireUsers();
    window.addEventListener('hashchange', route);
    route();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Pages: the leads (#, #lead-ID), #shared-links and #users, reached from the menu under the user's name.

  function route() {
    const role = app.me.role;
    const page = location.hash === '#users' && role === 'admin' ? 'users'
      : location.hash === '#shared-links' && role !== 'viewer' ? 'shares' : 'leads';
    $('main').hidden = page !== 'leads';
    $('shares-page').hidden = page !== 'shares';
    $('users-page').hidden = page !== 'users';
    for (const [id, name] of [['menu-leads', 'leads'], ['menu-shares', 'shares'], ['menu-users', 'users']]) {
      if (page === name) $(id).setAttribute('aria-current', 'page'); else $(id).removeAttribute('aria-current');
    }
    if (page === 'shares') loadShares();
    if (page === 'users') loadUsers();
  }

  function wireMenu() {
    const menu = $('pages-menu');
    menu.addEventListener('click', (event) => { if (event.target.closest('a')) menu.open = false; });
    document.addEventListener('click', (event) => { if (!event.target.closest('#pages-menu')) menu.open = false; });
  }

  // "The role was not changed: test-admin is the only admin: add another first", in the API's words.
  function showError(id, failure, what) {
    $(id).textContent = what + ': ' + app.problemText(failure, 'the API did not answer; try again.');
    $(id).hidden = false;
  }

  function hideError(id) {
    $(id).hidden = true;
  }

  // A row per item the API lists; answers the items, or null when it refused (its reason is on the page).
  async function fillTable(path, tableId, errorId, what, row) {
    hideError(errorId);
    let items;
    try {
      items = await app.api(path);
    } catch (failure) {
      showError(errorId, failure, what);
      return null;
    }
    const body = app.clear($(tableId).tBodies[0]);
    for (const item of items) body.append(row(item));
    return items;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Sharing the view: a link to the leads of the current filters, and the list of the links still open.

  function wireSharing() {
    $('share-view').hidden = false;
    $('share-view').addEventListener('click', openShareDialog);
    $('share-form').addEventListener('submit', createShare);
    $('share-cancel').addEventListener('click', () => $('share-dialog').close());
    $('share-done').addEventListener('click', () => $('share-dialog').close());
    $('share-all').addEventListener('click', () => $('share-dialog').close());
    $('share-copy').addEventListener('click', copyLink);
    $('shares-table').tBodies[0].addEventListener('click', revokeClicked);
  }

  function openShareDialog() {
    $('share-filters').textContent = app.describeFilters(app.currentFilters());
    $('share-expiry').value = '72';
    $('share-mask').checked = true;
    $('share-export').checked = false;
    hideError('share-error');
    $('share-form').hidden = false;
    $('share-result').hidden = true;
    $('share-dialog').showModal();
  }

  async function createShare(event) {
    event.preventDefault();
    hideError('share-error');
    $('share-create').disabled = true;
    const request = { filters: app.currentFilters(), expires_in_hours: Number($('share-expiry').value),
      mask_contacts: $('share-mask').checked, allow_export: $('share-export').checked };
    try {
      const created = await app.api('/api/shares', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(request) });
      showCreated(created, request);
    } catch (failure) {
      showError('share-error', failure, 'The link was not made');
    } finally {
      $('share-create').disabled = false;
    }
  }

  function showCreated(created, request) {
    $('share-link').value = location.origin + created.url;
    $('share-summary').textContent = 'Open until ' + app.formatDateTime(created.expires_at) + ' · '
      + (request.mask_contacts ? 'phones and emails masked' : 'phones and emails in full') + ' · '
      + (request.allow_export ? 'downloads allowed' : 'no downloads');
    $('share-copied').textContent = '';
    $('share-form').hidden = true;
    $('share-result').hidden = false;
    $('share-link').focus();
    $('share-link').select();
  }

  // The clipboard API exists only on secure pages (HTTPS, localhost) and may be refused: then the text is selected.
  async function copyLink() {
    const link = $('share-link');
    try {
      await navigator.clipboard.writeText(link.value);
      $('share-copied').textContent = 'Copied.';
    } catch (unavailable) {
      link.focus();
      link.select();
      $('share-copied').textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy it.';
    }
  }

  async function loadShares() {
    const links = await fillTable('/api/shares', 'shares-table', 'shares-error', 'The shared links could not be loaded',
      shareRow);
    if (links === null) return;
    $('shares-table').hidden = links.length === 0;
    $('shares-empty').hidden = links.length > 0;
  }

  function shareRow(link) {
    const el = app.el;
    return el('tr', { dataset: { shareId: String(link.id) } },
      el('td', { class: 'scope' }, app.describeFilters(link.filters)),
      el('td', { class: 'creator' }, link.created_by),
      el('td', { class: 'when' }, app.formatDateTime(link.created_at)),
      el('td', { class: 'when' }, app.formatDateTime(link.expires_at)),
      el('td', { class: 'masking' }, el('span', { class: link.mask_contacts ? 'pill' : 'pill unmasked' },
        link.mask_contacts ? 'Masked' : 'Shown in full')),
      el('td', { class: 'export' }, link.allow_export ? 'Allowed' : 'No'),
      el('td', { class: 'actions' }, el('button', { type: 'button', class: 'button danger revoke' }, 'Revoke')));
  }

  async function revokeClicked(event) {
    const button = event.target.closest('button.revoke');
    if (!button || !window.confirm('Revoke this link? Whoever has it loses access at once.')) return;
    button.disabled = true;
    hideError('shares-error');
    try {
      await app.api('/api/shares/' + encodeURIComponent(button.closest('tr').dataset.shareId), { method: 'DELETE' });
      app.toast('Link revoked');
      loadShares();
    } catch (failure) {
      button.disabled = false;
      showError('shares-error', failure, 'The link was not revoked');
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Users (admins): add, change a role, reset a password, delete. The API's refusals are shown as it words them.

  function wireUsers() {
    $('user-add').addEventListener('submit', addUser);
    const rows = $('users-table').tBodies[0];
    rows.addEventListener('change', roleChanged);
    rows.addEventListener('click', userAction);
    $('password-form').addEventListener('submit', savePassword);
    $('password-cancel').addEventListener('click', () => $('password-dialog').close());
  }

  function loadUsers() {
    return fillTable('/api/users', 'users-table', 'users-error', 'The users could not be loaded', userRow);
  }

  function userRow(user) {
    const el = app.el;
    const role = el('select', { class: 'role', 'aria-label': 'Role of ' + user.username, dataset: { was: user.role } });
    for (const [value, name] of Object.entries(ROLES)) {
      role.append(el('option', { value: value, selected: value === user.role }, name));
    }
    return el('tr', { dataset: { username: user.username } },
      el('td', { class: 'username' }, user.username,
        user.username === app.me.username ? el('span', { class: 'pill you' }, 'you') : null),
      el('td', null, role),
      el('td', { class: 'when' }, app.formatDateTime(user.created_at)),
      el('td', { class: 'actions' },
        el('button', { type: 'button', class: 'button reset-password' }, 'Reset password'),
        el('button', { type: 'button', class: 'button danger delete-user' }, 'Delete')));
  }

  async function addUser(event) {
    event.preventDefault();
    hideError('users-error');
    const user = { username: $('new-username').value.trim(), password: $('new-password').value, role: $('new-role').value };
    try {
      const added = await app.api('/api/users', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(user) });
      $('user-add').reset();
      app.toast('Added ' + added.username + ' as ' + ROLES[added.role].toLowerCase());
      loadUsers();
    } catch (failure) {
      showError('users-error', failure, 'The user was not added');
    }
  }

  async function roleChanged(event) {
    const select = event.target.closest('select.role');
    if (!select) return;
    const username = select.closest('tr').dataset.username;
    hideError('users-error');
    try {
      await changeUser(username, { role: select.value });
      select.dataset.was = select.value;
      app.toast(username + ' is now ' + ROLES[select.value].toLowerCase());
    } catch (failure) {
      select.value = select.dataset.was;
      showError('users-error', failure, 'The role was not changed');
    }
  }

  function userAction(event) {
    const row = event.target.closest('tr[data-username]');
    if (!row) return;
    if (event.target.closest('button.reset-password')) openPasswordDialog(row.dataset.username);
    else if (event.target.closest('button.delete-user')) deleteUser(row.dataset.username);
  }

  function openPasswordDialog(username) {
    passwordFor = username;
    $('password-user').textContent = 'A new password for ' + username + '. It signs them out everywhere.';
    $('password-new').value = '';
    hideError('password-error');
    $('password-dialog').showModal();
  }

  async function savePassword(event) {
    event.preventDefault();
    hideError('password-error');
    try {
      await changeUser(passwordFor, { password: $('password-new').value });
      $('password-dialog').close();
      app.toast('Password of ' + passwordFor + ' reset');
    } catch (failure) {
      showError('password-error', failure, 'The password was not changed');
    }
  }

  async function deleteUser(username) {
    if (!window.confirm('Delete ' + username + '? They are signed out at once, and their share links stop working.')) return;
    hideError('users-error');
    try {
      await app.api('/api/users/' + encodeURIComponent(username), { method: 'DELETE' });
      app.toast('Deleted ' + username);
      loadUsers();
    } catch (failure) {
      showError('users-error', failure, 'The user was not deleted');
    }
  }

  // A new role or password signs the user out everywhere: changing one's own means signing in again.
  async function changeUser(username, change) {
    const user = await app.api('/api/users/' + encodeURIComponent(username),
      { method: 'PATCH', headers: JSON_HEADERS, body: JSON.stringify(change) });
    if (username === app.me.username) location.reload();
    return user;
  }

  window.LeadflowAdmin = { start: start };
}());
