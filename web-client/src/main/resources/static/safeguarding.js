// The safeguarding pages for designated safeguarding leads (DSL) and managers:
//   #/concerns                         the setting's concerns, and recording what was done (DSL)
//   #/children                         the children this page can find, to open a chronology
//   #/children/{childId}/chronology    a child's safeguarding history, after the reader gives a reason
// app.js starts them after sign-in with its services (the API with the bearer token, the session's ids);
// every word they show comes from the message catalogue through t().

import { busy, el, show } from './dom.js';
import { KINDS, chronology } from './chronology.js';
import { formatCalendarDay, formatDateTime, formatTime, t, tCode } from './i18n.js';

export const SAFEGUARDING_ROLES = ['DSL', 'MANAGER'];

const REASON_MAX = 500;
const NOTE_MAX = 4000;
const OPEN_ACTIONS = ['NOTED', 'DISCUSSED_WITH_FAMILY', 'REFERRED', 'MONITORING', 'CLOSED'];
const CLOSED_ACTIONS = ['REOPENED'];
/** How long a just-recorded action may take to reach the concern list (its read model) before we stop waiting. */
const LIST_CATCH_UP_DELAYS_MS = [200, 400, 800, 1600, 3200];
/** Pages of a family's timeline read to learn the names of staff who wrote to it. */
const TIMELINE_PAGES_FOR_NAMES = 3;

const $ = (id) => document.getElementById(id);

/** The app's services for the person signed in (see startSafeguarding), null when nobody is. */
let app = null;
/** The page shown: its route and the controller that cancels its requests when it is left. */
let current = null;
/** What the pages learnt while signed in: staff and child names by id. Forgotten at sign-out. */
const names = new Map();
const childNames = new Map();
/** One Idempotency-Key per form and content, so that a retry of the same action is stored once. */
const retryKeys = new Map();
let sharePicker = null;
let showClosedConcerns = false;

// ---------------------------------------------------------------------------------------------
// Starting, stopping, routing
// ---------------------------------------------------------------------------------------------

/**
 * Shows the safeguarding navigation to a DSL or manager and the page the address names.
 * services: { api, roles, subjectId, settingId, token(), sessionEnded(), newIdempotencyKey(),
 * home: { view, heading } of the staff page, or null for someone who has none (a DSL only) }.
 */
export function startSafeguarding(services) {
  stopSafeguarding();
  app = { ...services, isDsl: services.roles.includes('DSL') };
  renderNav();
  window.addEventListener('hashchange', onHashChange);
  linkSharePicker();
  const route = parseRoute(location.hash) ?? { page: 'home' };
  // app.js has focused its own heading; a page of ours, or a DSL without a staff page, moves focus here.
  go(route, { focus: route.page !== 'home' || !app.home });
}

/** Hides and forgets everything (sign-out): names, reasons, the address of the page. */
export function stopSafeguarding() {
  if (!app) return;
  window.removeEventListener('hashchange', onHashChange);
  current?.controller.abort();
  current = null;
  names.clear();
  childNames.clear();
  retryKeys.clear();
  unlinkSharePicker();
  const nav = $('staff-nav');
  nav.replaceChildren();
  show(nav, false);
  const view = $('safeguarding-view');
  view.replaceChildren();
  show(view, false);
  if (location.hash.startsWith('#/')) history.replaceState(null, '', `${location.pathname}${location.search}`);
  document.title = 'Tandem';
  app = null;
}

/** Our routes start with "#/"; any other hash (the skip link, an in-page anchor) is not a navigation. */
function parseRoute(hash) {
  // the link in the email that tells a DSL a concern awaits them
  if (hash === '#safeguarding') return { page: 'concerns' };
  if (!hash.startsWith('#/')) return null;
  let parts;
  try {
    parts = hash.slice(2).split('/').map(decodeURIComponent);
  } catch {
    return { page: 'unknown' };
  }
  if (parts.length === 1 && parts[0] === '') return { page: 'home' };
  if (parts.length === 1 && parts[0] === 'concerns') return { page: 'concerns' };
  if (parts.length === 1 && parts[0] === 'children') return { page: 'children' };
  if (parts.length === 3 && parts[0] === 'children' && parts[1] && parts[2] === 'chronology') {
    return { page: 'chronology', childId: parts[1] };
  }
  return { page: 'unknown' };
}

const chronologyHref = (childId) => `#/children/${encodeURIComponent(childId)}/chronology`;

function onHashChange() {
  const route = parseRoute(location.hash);
  if (route) go(route);
}

function go(route, { focus = true } = {}) {
  current?.controller.abort();
  const controller = new AbortController();
  let target = route;
  if (target.page === 'home' && !app.home) target = { page: app.isDsl ? 'concerns' : 'children' };
  current = { route: target, controller };
  markNav(target);

  const view = $('safeguarding-view');
  if (target.page === 'home') {
    view.replaceChildren();
    show(view, false);
    show(app.home.view);
    document.title = 'Tandem';
    if (focus) app.home.heading.focus();
    return;
  }
  if (app.home) show(app.home.view, false);
  const built = buildPage(target, controller.signal);
  view.replaceChildren(built.node);
  show(view);
  document.title = `${built.heading.textContent} · Tandem`;
  if (focus) built.heading.focus();
}

function buildPage(route, signal) {
  switch (route.page) {
    case 'concerns':
      return app.isDsl ? concernsPage(signal) : messagePage(t('common.notAllowedConcerns'));
    case 'children':
      return childrenPage(signal);
    case 'chronology':
      return chronologyPage(route.childId, signal);
    default:
      return messagePage(t('common.unknownPage'));
  }
}

function messagePage(text) {
  const heading = el('h1', { id: 'safeguarding-message-heading', tabindex: '-1' }, text);
  return {
    heading,
    node: el(
      'section',
      { class: 'card', 'aria-labelledby': 'safeguarding-message-heading' },
      heading,
      el('p', {}, el('a', { href: '#/' }, t('common.unknownPageLink'))),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Navigation
// ---------------------------------------------------------------------------------------------

function renderNav() {
  const nav = $('staff-nav');
  nav.setAttribute('aria-label', t('nav.label'));
  const links = [];
  if (app.home) links.push(['home', '#/', t('nav.home')]);
  if (app.isDsl) links.push(['concerns', '#/concerns', t('nav.concerns')]);
  links.push(['children', '#/children', t('nav.children')]);
  nav.replaceChildren(
    el(
      'ul',
      { class: 'staff-nav__list' },
      links.map(([key, href, text]) => {
        const link = el('a', { class: 'staff-nav__link', href, 'data-page': key, 'data-testid': `nav-${key}` }, text);
        // Following the link to the page already shown changes no hash: load it afresh all the same.
        link.addEventListener('click', () => {
          if (location.hash === href) go(parseRoute(href));
        });
        return el('li', {}, link);
      }),
    ),
  );
  show(nav);
}

function markNav(route) {
  const section = route.page === 'chronology' ? 'children' : route.page;
  for (const link of $('staff-nav').querySelectorAll('a[data-page]')) {
    if (link.dataset.page === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

/** On the staff page, a chosen key child can be opened in its chronology from beside the picker. */
function linkSharePicker() {
  const picker = $('share-child-id');
  const hint = $('share-child-id-hint');
  if (!app.home || !picker || !hint) return;
  const link = el('a', { 'data-testid': 'share-child-chronology' });
  const box = el('p', { class: 'field__hint', id: 'share-child-chronology', hidden: true }, link);
  hint.after(box);
  const onChange = () => {
    const childId = picker.value;
    const name = picker.selectedOptions[0]?.textContent ?? '';
    if (childId) {
      childNames.set(childId, name);
      link.href = chronologyHref(childId);
      link.textContent = t('children.pickerLink', { child: name });
    }
    show(box, Boolean(childId));
  };
  picker.addEventListener('change', onChange);
  sharePicker = { picker, onChange, box };
  onChange();
}

function unlinkSharePicker() {
  if (!sharePicker) return;
  sharePicker.picker.removeEventListener('change', sharePicker.onChange);
  sharePicker.box.remove();
  sharePicker = null;
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

function keyFor(form, content) {
  const fingerprint = JSON.stringify(content);
  const pending = retryKeys.get(form);
  if (pending?.fingerprint === fingerprint) return pending.key;
  const key = app.newIdempotencyKey();
  retryKeys.set(form, { fingerprint, key });
  return key;
}

function wait(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Left the page', 'AbortError'));
    });
  });
}

const aborted = (error) => error?.name === 'AbortError';

function timeEl(iso, text) {
  return el('time', { datetime: iso ?? '' }, text);
}

/** A box that says how a form fared: role=status, so screen readers hear it. */
function resultBox(testid) {
  return el('div', {
    class: 'result',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': testid,
    'data-state': 'idle',
    hidden: true,
  });
}

function setResult(box, state, ...content) {
  box.dataset.state = state;
  box.className = `result result--${state}`;
  box.replaceChildren(...content.filter(Boolean));
  show(box);
}

function fieldError(input, box, message) {
  box.textContent = box.textContent ? `${box.textContent} ${message}` : message;
  show(box);
  input.setAttribute('aria-invalid', 'true');
}

function clearFieldErrors(pairs) {
  for (const [input, box] of pairs) {
    box.textContent = '';
    show(box, false);
    input.removeAttribute('aria-invalid');
  }
}

function learnConcern(concern) {
  if (concern.childId && concern.childName) childNames.set(concern.childId, concern.childName);
  if (concern.recordedBy?.id && concern.recordedBy.name) names.set(concern.recordedBy.id, concern.recordedBy.name);
  for (const action of concern.actions ?? []) {
    if (action.by?.id && action.by.name) names.set(action.by.id, action.by.name);
  }
}

async function fetchConcerns(includeClosed, signal) {
  const query = includeClosed ? '' : '?status=OPEN';
  const { data } = await app.api(`/api/settings/${encodeURIComponent(app.settingId)}/concerns${query}`, { signal });
  const concerns = Array.isArray(data?.concerns) ? data.concerns : [];
  concerns.forEach(learnConcern);
  return concerns;
}

// ---------------------------------------------------------------------------------------------
// Concerns (DSL)
// ---------------------------------------------------------------------------------------------

function concernsPage(signal) {
  const heading = el('h1', { id: 'concerns-heading', tabindex: '-1' }, t('concerns.heading'));
  const toggle = el('input', { type: 'checkbox', id: 'concerns-show-closed', 'data-testid': 'concerns-show-closed' });
  toggle.checked = showClosedConcerns;
  const refresh = el(
    'button',
    { type: 'button', class: 'button button--quiet', id: 'concerns-refresh', 'data-testid': 'concerns-refresh' },
    t('common.refresh'),
  );
  const status = el('p', {
    class: 'live',
    id: 'concerns-status',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': 'concerns-status',
  });
  const list = el('ol', { class: 'concerns', id: 'concerns-list', 'data-testid': 'concerns-list', 'aria-labelledby': 'concerns-heading' });
  const page = { signal, toggle, refresh, status, list };

  toggle.addEventListener('change', () => {
    showClosedConcerns = toggle.checked;
    loadConcerns(page);
  });
  refresh.addEventListener('click', () => loadConcerns(page));
  loadConcerns(page);

  return {
    heading,
    node: el(
      'section',
      { class: 'card', 'aria-labelledby': 'concerns-heading', 'data-testid': 'concerns-page' },
      el('div', { class: 'section-head' }, heading, refresh),
      el('p', { class: 'hint' }, t('concerns.intro')),
      el('div', { class: 'check concerns__toggle' }, toggle, el('label', { for: 'concerns-show-closed' }, t('concerns.showClosed'))),
      status,
      list,
    ),
  };
}

/**
 * Loads and draws the list. With `until`, loads again (briefly, with growing pauses) until the list
 * satisfies it: the list is a read model that follows the event a moment later. Answers whether it did.
 */
async function loadConcerns(page, { until = null, quiet = false } = {}) {
  const { signal, toggle, refresh, status, list } = page;
  const includeClosed = toggle.checked;
  refresh.disabled = true;
  list.setAttribute('aria-busy', 'true');
  if (!quiet) status.textContent = t('common.loading');
  try {
    let concerns = await fetchConcerns(includeClosed, signal);
    let caughtUp = !until || until(concerns, includeClosed);
    for (const delay of caughtUp ? [] : LIST_CATCH_UP_DELAYS_MS) {
      await wait(delay, signal);
      concerns = await fetchConcerns(includeClosed, signal);
      caughtUp = until(concerns, includeClosed);
      if (caughtUp) break;
    }
    list.replaceChildren(...concerns.map((concern) => concernItem(concern, page)));
    const time = formatTime(new Date());
    if (!quiet) {
      status.textContent = concerns.length
        ? t('concerns.checked', {
            count: t(includeClosed ? 'concerns.countAll' : 'concerns.countOpen', { count: concerns.length }),
            time,
          })
        : t(includeClosed ? 'concerns.noneAll' : 'concerns.noneOpen', { time });
    }
    return caughtUp;
  } catch (error) {
    if (aborted(error)) return false;
    status.textContent = t('concerns.loadFailed', { detail: error.message });
    return false;
  } finally {
    refresh.disabled = false;
    list.setAttribute('aria-busy', 'false');
  }
}

function personName(person, fallbackKey) {
  if (person?.name) return person.name;
  if (person?.id && person.id === app.subjectId) return t('person.you');
  return t(fallbackKey);
}

function concernItem(concern, page) {
  const id = concern.id;
  const headingId = `concern-${id}-heading`;
  const closed = concern.status === 'CLOSED';
  const child = concern.childName || t('concerns.unnamedChild');
  const actions = Array.isArray(concern.actions) ? concern.actions : [];

  const labels = el(
    'p',
    { class: 'concern__labels' },
    el('span', { class: 'badge chronology__badge chronology__badge--safeguarding', 'data-testid': 'concern-category' }, tCode('category', concern.category)),
    el(
      'span',
      { class: `badge ${closed ? 'badge--ok' : 'concern__open'}`, 'data-testid': 'concern-status' },
      tCode('concernStatus', concern.status ?? 'OPEN'),
    ),
    concern.overdue
      ? el('span', { class: 'badge badge--urgent', 'data-testid': 'concern-overdue', title: t('concerns.overdueHint') }, t('concerns.overdue'))
      : null,
  );

  return el(
    'li',
    {
      class: `concern${closed ? ' concern--closed' : ''}${concern.overdue ? ' concern--overdue' : ''}`,
      id: `concern-${id}`,
      tabindex: '-1',
      'aria-labelledby': headingId,
      'data-testid': 'concern',
      'data-concern-id': id,
      'data-status': concern.status ?? '',
    },
    el(
      'header',
      { class: 'concern__head' },
      labels,
      el('h2', { class: 'concern__child', id: headingId }, child),
      el(
        'p',
        { class: 'concern__meta' },
        t('concerns.recorded', { name: personName(concern.recordedBy, 'person.aStaffMember'), when: formatDateTime(concern.recordedAt) }),
      ),
      concern.overdue ? el('p', { class: 'concern__overdue' }, t('concerns.overdueHint')) : null,
    ),
    el('p', { class: 'concern__text', 'data-testid': 'concern-text' }, concern.text ?? ''),
    el(
      'section',
      { class: 'concern__actions', 'aria-labelledby': `${headingId}-actions` },
      el('h3', { id: `${headingId}-actions` }, t('concerns.actionsHeading')),
      actions.length
        ? el(
            'ol',
            { class: 'concern__action-list', 'data-testid': 'concern-actions' },
            actions.map((action) => {
              const params = {
                action: tCode('concernAction', action.action),
                name: personName(action.by, 'person.aLead'),
                when: formatDateTime(action.at),
                note: action.note,
              };
              return el(
                'li',
                { 'data-testid': 'concern-action', 'data-action-id': action.id ?? '' },
                t(action.note ? 'concerns.actionLineWithNote' : 'concerns.actionLine', params),
              );
            }),
          )
        : el('p', { class: 'concern__none' }, t('concerns.noActions')),
    ),
    concern.childId
      ? el(
          'p',
          {},
          el('a', { href: chronologyHref(concern.childId), 'data-testid': 'concern-chronology' }, t('concerns.chronologyLink', { child })),
        )
      : null,
    actionForm(concern, page),
  );
}

function actionForm(concern, page) {
  const id = concern.id;
  const closed = concern.status === 'CLOSED';
  const prefix = `concern-${id}`;
  const select = el(
    'select',
    { id: `${prefix}-action`, name: 'action', 'data-testid': 'concern-action-select', 'aria-describedby': `${prefix}-action-hint ${prefix}-action-error` },
    (closed ? CLOSED_ACTIONS : OPEN_ACTIONS).map((action) => el('option', { value: action }, t(`concernAction.${action}`))),
  );
  const actionError = el('p', { class: 'field__error', id: `${prefix}-action-error`, hidden: true });
  const note = el('textarea', {
    id: `${prefix}-note`,
    name: 'note',
    rows: '3',
    maxlength: String(NOTE_MAX),
    'data-testid': 'concern-action-note',
    'aria-describedby': `${prefix}-note-hint ${prefix}-note-error`,
  });
  const noteError = el('p', { class: 'field__error', id: `${prefix}-note-error`, hidden: true });
  const result = resultBox('concern-action-result');
  const submit = el('button', { type: 'submit', class: 'button', 'data-testid': 'concern-action-submit' }, t('concerns.form.submit'));
  const form = el(
    'form',
    { class: 'concern__form', novalidate: true, 'data-testid': 'concern-action-form', 'aria-labelledby': `${prefix}-form-heading` },
    el('h3', { id: `${prefix}-form-heading` }, t('concerns.form.heading')),
    el(
      'div',
      { class: 'field' },
      el('label', { for: select.id }, t('concerns.form.action')),
      select,
      el('p', { class: 'field__hint', id: `${prefix}-action-hint` }, closed ? t('concerns.form.closedHint') : ''),
      actionError,
    ),
    el(
      'div',
      { class: 'field' },
      el('label', { for: note.id }, t('concerns.form.note')),
      note,
      el('p', { class: 'field__hint', id: `${prefix}-note-hint` }, t('concerns.form.noteHint')),
      noteError,
    ),
    result,
    submit,
  );
  const fields = { action: [select, actionError], note: [note, noteError] };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    recordAction(concern, page, { select, note, submit, result, fields });
  });
  return form;
}

async function recordAction(concern, page, { select, note, submit, result, fields }) {
  clearFieldErrors(Object.values(fields));
  const action = select.value;
  const text = note.value.trim();
  const body = { action, note: text || null };
  const form = `concern-${concern.id}`;
  const restore = busy(submit, t('concerns.form.busy'));
  setResult(result, 'pending', el('p', {}, t('concerns.form.busy')));
  let created;
  try {
    ({ data: created } = await app.api(`/api/concerns/${encodeURIComponent(concern.id)}/actions`, {
      method: 'POST',
      body,
      headers: { 'Idempotency-Key': keyFor(form, body) },
    }));
    retryKeys.delete(form);
  } catch (error) {
    restore();
    const listed = [];
    for (const { field, message } of error.fieldErrors ?? []) {
      const pair = fields[String(field ?? '').split(/[.[]/)[0]];
      if (pair) fieldError(pair[0], pair[1], message ?? '');
      listed.push(el('li', {}, `${field ?? ''}: ${message ?? ''}`));
    }
    setResult(
      result,
      'error',
      el('p', { class: 'result__title' }, t('concerns.form.refused')),
      el('p', { class: 'result__detail', 'data-testid': 'concern-action-error-detail' }, error.message),
      listed.length ? el('ul', { class: 'result__errors' }, listed) : null,
    );
    return;
  }

  const actionId = created?.id;
  const words = t(`concernAction.${action}`);
  const child = concern.childName || t('concerns.unnamedChild');
  // The list is drawn afresh, so the message goes to the page's status and to the concern's new form.
  const caughtUp = await loadConcerns(page, {
    quiet: true,
    until: (concerns, includeClosed) => {
      if (!actionId) return true;
      const listed = concerns.find((candidate) => candidate.id === concern.id);
      if (!listed) return action === 'CLOSED' && !includeClosed;
      return (listed.actions ?? []).some((candidate) => candidate.id === actionId);
    },
  });
  if (page.signal.aborted) return;
  const message = caughtUp ? t('concerns.form.done', { action: words, child }) : t('concerns.form.lagging', { action: words });
  page.status.textContent = message;
  const item = $(`concern-${concern.id}`);
  if (item) {
    const box = item.querySelector('[data-testid="concern-action-result"]');
    setResult(box, 'success', el('p', { class: 'result__title' }, message));
    box.removeAttribute('aria-live'); // the page's status already says it
    box.removeAttribute('role');
    item.focus();
  } else {
    $('concerns-heading')?.focus();
  }
}

// ---------------------------------------------------------------------------------------------
// Children's records
// ---------------------------------------------------------------------------------------------

function childrenPage(signal) {
  const heading = el('h1', { id: 'children-heading', tabindex: '-1' }, t('children.heading'));
  const status = el('p', { class: 'live', id: 'children-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'children-status' });
  const list = el('ul', { class: 'children', id: 'children-list', 'data-testid': 'children-list', 'aria-labelledby': 'children-list-heading' });

  const reference = el('input', {
    type: 'text',
    id: 'child-reference',
    name: 'childId',
    autocomplete: 'off',
    spellcheck: 'false',
    'data-testid': 'child-reference',
    'aria-describedby': 'child-reference-hint child-reference-error',
  });
  const referenceError = el('p', { class: 'field__error', id: 'child-reference-error', hidden: true });
  const byReference = el(
    'form',
    { class: 'children__reference', novalidate: true, 'aria-labelledby': 'child-reference-heading' },
    el('h2', { id: 'child-reference-heading' }, t('children.byReference')),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'child-reference' }, t('children.reference')),
      reference,
      el('p', { class: 'field__hint', id: 'child-reference-hint' }, t('children.referenceHint')),
      referenceError,
    ),
    el('button', { type: 'submit', class: 'button', 'data-testid': 'child-reference-open' }, t('children.openButton')),
  );
  byReference.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFieldErrors([[reference, referenceError]]);
    const childId = reference.value.trim();
    if (!childId) {
      fieldError(reference, referenceError, t('children.referenceMissing'));
      reference.focus();
      return;
    }
    location.hash = chronologyHref(childId);
  });

  listChildren({ signal, status, list });

  return {
    heading,
    node: el(
      'section',
      { class: 'card', 'aria-labelledby': 'children-heading', 'data-testid': 'children-page' },
      heading,
      el('p', { class: 'hint' }, t('children.intro')),
      el('h2', { id: 'children-list-heading' }, t('children.listHeading')),
      el('p', { class: 'field__hint' }, t('children.listHint')),
      status,
      list,
      byReference,
    ),
  };
}

/**
 * There is no list of a setting's children to read, so this gathers those the page can find: the
 * reader's key children, children with concerns (DSL), and the key children of staff with meetings
 * (a manager may read any of their staff's key children).
 */
async function listChildren({ signal, status, list }) {
  status.textContent = t('common.loading');
  list.setAttribute('aria-busy', 'true');
  const found = new Map(childNames);
  const keyChildrenOf = async (staffId) => {
    const { data } = await app.api(`/api/staff/${encodeURIComponent(staffId)}/children`, { signal });
    for (const child of data?.children ?? []) {
      if (child?.id) found.set(child.id, child.name ?? child.id);
    }
  };
  const tasks = [keyChildrenOf(app.subjectId)];
  if (app.isDsl) {
    tasks.push(fetchConcerns(true, signal).then((concerns) => concerns.forEach((c) => c.childId && found.set(c.childId, c.childName ?? c.childId))));
  }
  if (app.roles.includes('MANAGER')) {
    tasks.push(
      app.api(`/api/settings/${encodeURIComponent(app.settingId)}/meetings`, { signal }).then(({ data }) => {
        const keyPersons = new Set((data?.meetings ?? []).map((meeting) => meeting.keyPersonId).filter(Boolean));
        keyPersons.delete(app.subjectId);
        return Promise.all([...keyPersons].map(keyChildrenOf));
      }),
    );
  }
  const outcomes = await Promise.allSettled(tasks);
  if (signal.aborted) return;
  for (const [id, name] of found) childNames.set(id, name);
  const children = [...found].sort(([, a], [, b]) => String(a).localeCompare(String(b)));
  list.replaceChildren(
    ...children.map(([id, name]) =>
      el(
        'li',
        { class: 'children__item', 'data-testid': 'child', 'data-child-id': id },
        el('span', { class: 'children__name' }, name),
        el('a', { href: chronologyHref(id), 'data-testid': 'child-chronology' }, t('children.open', { child: name })),
      ),
    ),
  );
  list.setAttribute('aria-busy', 'false');
  const failure = outcomes.find((outcome) => outcome.status === 'rejected' && outcome.reason?.status !== 403);
  const counted = children.length ? t('children.count', { count: children.length }) : t('children.none');
  status.textContent = failure ? `${counted} ${t('children.partly', { detail: failure.reason?.message ?? '' })}` : counted;
}

// ---------------------------------------------------------------------------------------------
// A child's chronology
// ---------------------------------------------------------------------------------------------

/**
 * A header value must be ISO-8859-1 (the browser refuses anything else). A reason of printable ASCII
 * goes as it is; any other (accents, other scripts, or a "%" that would read as an escape) goes
 * percent-encoded as UTF-8, which the platform decodes whenever the value holds a "%".
 */
export function reviewReasonHeader(reason) {
  return /^[\x20-\x24\x26-\x7e]*$/.test(reason) ? reason : encodeURIComponent(reason);
}

/** A picked day (YYYY-MM-DD) as the instants that bound it in UTC. */
const startOfDay = (day) => (day ? `${day}T00:00:00Z` : null);
const endOfDay = (day) => (day ? `${day}T23:59:59.999Z` : null);

function historyQuery(query, extra = {}) {
  const params = new URLSearchParams(extra);
  for (const name of ['from', 'to', 'asOf']) {
    if (query[name]) params.set(name, query[name]);
  }
  return params.toString();
}

/** The file name a Content-Disposition header gives (RFC 6266: filename* wins over filename). */
export function filenameFrom(header) {
  if (!header) return null;
  let name = null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      name = decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
    } catch {
      name = null;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*(?:"((?:\\.|[^"\\])*)"|([^;]+))/i.exec(header);
    if (plain) name = plain[1] != null ? plain[1].replace(/\\(.)/g, '$1') : plain[2].trim();
  }
  name = name?.replace(/[/\\]/g, '_').trim();
  return name || null;
}

function chronologyPage(childId, signal) {
  const knownName = childNames.get(childId);
  const heading = el(
    'h1',
    { id: 'chronology-heading', tabindex: '-1', 'data-testid': 'chronology-heading' },
    knownName ? t('chronology.heading', { child: knownName }) : t('chronology.headingUnnamed'),
  );

  const reason = el('textarea', {
    id: 'review-reason',
    name: 'reason',
    rows: '3',
    maxlength: String(REASON_MAX),
    required: true,
    'aria-required': 'true',
    'data-testid': 'review-reason',
    'aria-describedby': 'review-reason-hint review-reason-error',
  });
  const reasonError = el('p', { class: 'field__error', id: 'review-reason-error', 'data-testid': 'review-reason-error', hidden: true });
  const dateField = (name, label) => {
    const input = el('input', {
      type: 'date',
      id: `review-${name}`,
      name,
      'data-testid': `review-${name}`,
      'aria-describedby': `review-range-hint review-${name}-error`,
    });
    const error = el('p', { class: 'field__error', id: `review-${name}-error`, hidden: true });
    return { input, error, node: el('div', { class: 'field' }, el('label', { for: input.id }, label), input, error) };
  };
  const from = dateField('from', t('chronology.from'));
  const to = dateField('to', t('chronology.to'));
  const asOf = dateField('asOf', t('chronology.asOf'));
  const submit = el('button', { type: 'submit', class: 'button', 'data-testid': 'review-submit' }, t('chronology.submit'));
  const status = el('div', {
    class: 'result',
    id: 'chronology-status',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': 'chronology-status',
    'data-state': 'idle',
    hidden: true,
  });
  const form = el(
    'form',
    { class: 'review-form', id: 'review-form', novalidate: true, 'data-testid': 'review-form' },
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'review-reason' }, t('chronology.reason')),
      reason,
      el('p', { class: 'field__hint', id: 'review-reason-hint' }, t('chronology.reasonHint', { max: REASON_MAX })),
      reasonError,
    ),
    el(
      'fieldset',
      { class: 'field review-form__range' },
      el('legend', {}, t('chronology.range')),
      el('div', { class: 'field-row field-row--three' }, from.node, to.node, asOf.node),
      el('p', { class: 'field__hint', id: 'review-range-hint' }, t('chronology.rangeHint')),
    ),
    submit,
  );

  const results = el('div', { class: 'review-results', id: 'chronology-results', 'data-testid': 'chronology-results', hidden: true });
  const page = {
    childId,
    signal,
    heading,
    status,
    results,
    reading: null, // { reason, query, history, view } of the record shown
    kinds: new Set(KINDS),
  };
  const fields = { reason: [reason, reasonError], from: [from.input, from.error], to: [to.input, to.error], asOf: [asOf.input, asOf.error] };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    readHistory(page, fields, submit);
  });

  return {
    heading,
    node: el(
      'section',
      { class: 'card', 'aria-labelledby': 'chronology-heading', 'data-testid': 'chronology-page' },
      heading,
      el('p', { class: 'hint' }, t('chronology.intro')),
      form,
      status,
      results,
    ),
  };
}

async function readHistory(page, fields, submit) {
  const pairs = Object.values(fields);
  clearFieldErrors(pairs);
  // One line: the platform takes no control characters in a reason, and a header cannot carry a line break.
  const reason = fields.reason[0].value.replace(/\s+/g, ' ').trim();
  const [from, to, asOf] = ['from', 'to', 'asOf'].map((name) => fields[name][0].value);
  const problems = [];
  if (!reason) problems.push(['reason', t('chronology.reasonMissing')]);
  else if (reason.length > REASON_MAX) problems.push(['reason', t('chronology.reasonTooLong', { max: REASON_MAX, length: reason.length })]);
  if (from && to && to < from) problems.push(['to', t('chronology.toBeforeFrom')]);
  if (problems.length) {
    problems.forEach(([name, message]) => fieldError(...fields[name], message));
    setResult(page.status, 'error', el('p', {}, t('common.checkForm')));
    fields[problems[0][0]][0].focus();
    return;
  }

  const query = { from: startOfDay(from), to: endOfDay(to), asOf: endOfDay(asOf) };
  const restore = busy(submit, t('chronology.busy'));
  setResult(page.status, 'pending', el('p', {}, t('chronology.busy')));
  try {
    const path = `/api/children/${encodeURIComponent(page.childId)}/history?${historyQuery(query)}`;
    const { data } = await app.api(path, { headers: { 'X-Review-Reason': reviewReasonHeader(reason) }, signal: page.signal });
    await learnNamesFor(data, page.signal);
    const people = { name: (id) => names.get(id) ?? null, selfId: app.subjectId };
    page.reading = { reason, query, history: data, view: chronology(data, people), asOfDay: asOf };
    const childName =
      childNames.get(page.childId) ?? (data?.events ?? []).find((event) => event.type === 'ChildRegistered')?.payload?.name;
    if (childName) {
      page.heading.textContent = t('chronology.heading', { child: childName });
      document.title = `${page.heading.textContent} · Tandem`;
    }
    drawResults(page);
  } catch (error) {
    if (aborted(error)) return;
    for (const { field } of error.fieldErrors ?? []) {
      const name = /reason/i.test(field ?? '') ? 'reason' : field;
      if (fields[name]) fieldError(...fields[name], error.fieldErrors.find((e) => e.field === field)?.message ?? '');
    }
    setResult(
      page.status,
      'error',
      el('p', { class: 'result__detail', 'data-testid': 'chronology-error' }, t('chronology.loadFailed', { detail: error.message })),
    );
  } finally {
    restore();
  }
}

/** Names of the staff who appear in the history, from what this reader may already fetch. */
async function learnNamesFor(history, signal) {
  const events = Array.isArray(history?.events) ? history.events : [];
  const registered = events.find((event) => event.type === 'ChildRegistered')?.payload;
  if (registered?.name && history?.childId) childNames.set(history.childId, registered.name);
  const tasks = [];
  const familyId = registered?.familyId ?? events.find((event) => event.payload?.familyId)?.payload?.familyId;
  if (familyId) {
    tasks.push(
      (async () => {
        let before = null;
        for (let pageNumber = 0; pageNumber < TIMELINE_PAGES_FOR_NAMES; pageNumber += 1) {
          const params = new URLSearchParams({ limit: '50' });
          if (before) params.set('before', before);
          const { data } = await app.api(`/api/families/${encodeURIComponent(familyId)}/timeline?${params}`, { signal });
          for (const entry of data?.entries ?? []) {
            if (entry.author?.id && entry.author.name) names.set(entry.author.id, entry.author.name);
          }
          before = data?.next;
          if (!before) break;
        }
      })(),
    );
  }
  if (app.isDsl && events.some((event) => event.type.startsWith('Concern') || event.type.startsWith('Safeguarding'))) {
    tasks.push(fetchConcerns(true, signal));
  }
  // Names are a courtesy: without them each person is named by their role.
  await Promise.allSettled(tasks);
}

function drawResults(page) {
  const { reading, results } = page;
  const { history, view } = reading;
  const integrity = history?.integrity ?? {};

  const kinds = el(
    'fieldset',
    { class: 'field chronology-kinds', 'data-testid': 'chronology-kinds' },
    el('legend', {}, t('chronology.kinds')),
    el(
      'div',
      { class: 'chronology-kinds__list' },
      KINDS.map((kind) => {
        const box = el('input', { type: 'checkbox', id: `kind-${kind}`, value: kind, 'data-testid': `kind-${kind}` });
        box.checked = page.kinds.has(kind);
        box.addEventListener('change', () => {
          if (box.checked) page.kinds.add(kind);
          else page.kinds.delete(kind);
          drawChronology(page);
        });
        return el('div', { class: 'check' }, box, el('label', { for: box.id }, t(`kind.${kind}`)));
      }),
    ),
  );

  const exportStatus = el('p', { class: 'live', role: 'status', 'aria-live': 'polite', 'data-testid': 'export-status' });
  const exportButton = (format, label) => {
    const button = el('button', { type: 'button', class: 'button button--quiet', 'data-testid': `export-${format}` }, label);
    button.addEventListener('click', () => downloadHistory(page, format, button, exportStatus));
    return button;
  };

  const notes = [t('chronology.readAt', { when: formatDateTime(history?.generatedAt) })];
  if (reading.asOfDay) notes.push(t('chronology.asOfNote', { day: formatCalendarDay(reading.asOfDay) }));

  results.replaceChildren(
    integrityBox(integrity, page),
    el('p', { class: 'hint', 'data-testid': 'chronology-read-at' }, notes.join(' ')),
    el(
      'div',
      { class: 'review-tools' },
      kinds,
      el(
        'div',
        { class: 'review-export' },
        el('div', { class: 'review-export__buttons' }, exportButton('pdf', t('export.pdf')), exportButton('json', t('export.json'))),
        el('p', { class: 'field__hint' }, t('export.hint')),
        exportStatus,
      ),
    ),
    el('div', { id: 'chronology-lines' }),
  );
  show(results);
  drawChronology(page);
}

function drawChronology(page) {
  const { view } = page.reading;
  const { node, shown } = view.render(page.kinds);
  $('chronology-lines').replaceChildren(node);
  setResult(page.status, 'success', el('p', {}, t('chronology.shown', { count: view.total, shown })));
}

function integrityBox(integrity, page) {
  if (integrity.verified === true) {
    return el(
      'p',
      { class: 'integrity integrity--verified', 'data-testid': 'integrity', 'data-verified': 'true' },
      el('span', { class: 'integrity__mark', 'aria-hidden': 'true' }, '✓'),
      ' ',
      t('integrity.verified', {
        count: Number(integrity.eventCount ?? page.reading.view.total),
        head: String(integrity.headHash ?? '').slice(0, 12),
      }),
    );
  }
  const sequence = integrity.brokenAt ?? '?';
  const goTo = el('button', { type: 'button', class: 'button', 'data-testid': 'integrity-go-to' }, t('integrity.goTo', { sequence }));
  goTo.addEventListener('click', () => {
    const target = $(page.reading.view.lineId(integrity.brokenAt));
    if (!target) return;
    const details = target.closest('details');
    if (details) details.open = true;
    target.scrollIntoView({ block: 'center' });
    target.focus();
  });
  return el(
    'div',
    { class: 'integrity integrity--broken', role: 'alert', 'data-testid': 'integrity', 'data-verified': 'false' },
    el(
      'p',
      { class: 'integrity__title' },
      el('span', { class: 'integrity__mark', 'aria-hidden': 'true' }, '⚠'),
      ' ',
      t('integrity.broken', { sequence }),
    ),
    el('p', {}, t('integrity.brokenHint')),
    integrity.brokenAt != null ? goTo : null,
  );
}

/** Downloads the export with the reason and query of the record shown, through fetch (it needs our headers). */
async function downloadHistory(page, format, button, status) {
  const { reason, query } = page.reading;
  const restore = busy(button, t('export.busy', { format: format.toUpperCase() }));
  status.textContent = t('export.busy', { format: format.toUpperCase() });
  try {
    const path = `/api/children/${encodeURIComponent(page.childId)}/history/export?${historyQuery(query, { format })}`;
    const response = await fetch(path, {
      headers: {
        Accept: `${format === 'pdf' ? 'application/pdf' : 'application/json'}, application/problem+json`,
        Authorization: `Bearer ${app.token()}`,
        'X-Review-Reason': reviewReasonHeader(reason),
      },
      cache: 'no-store',
      signal: page.signal,
    });
    if (response.status === 401) {
      app.sessionEnded();
      return;
    }
    if (!response.ok) {
      let problem = null;
      try {
        problem = await response.json();
      } catch {
        problem = null;
      }
      throw new Error(problem?.detail || problem?.title || `HTTP ${response.status}`);
    }
    const blob = await response.blob();
    const filename = filenameFrom(response.headers.get('Content-Disposition')) ?? `chronology-${page.childId}.${format}`;
    saveBlob(blob, filename);
    status.textContent = t('export.done', { filename });
  } catch (error) {
    if (aborted(error)) return;
    status.textContent = t('export.failed', { detail: error.message });
  } finally {
    restore();
  }
}

function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the address is freed once it surely has been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
