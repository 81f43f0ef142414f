// Tandem web client: one page, no build step.
// Everything the page shows from the server goes in through textContent or text nodes (see el()),
// never through innerHTML, so nothing a parent or key person types can become markup.

import { busy, el, show } from './dom.js';
import { SAFEGUARDING_ROLES, startSafeguarding, stopSafeguarding } from './safeguarding.js';
import { t } from './i18n.js';

const SESSION_KEY = 'tandem.session';
const STAFF_ROLES = ['KEY_PERSON', 'MANAGER'];

const AREAS = new Map([
  ['COMMUNICATION_AND_LANGUAGE', 'Communication and language'],
  ['PHYSICAL_DEVELOPMENT', 'Physical development'],
  ['PERSONAL_SOCIAL_AND_EMOTIONAL_DEVELOPMENT', 'Personal, social and emotional development'],
  ['LITERACY', 'Literacy'],
  ['MATHEMATICS', 'Mathematics'],
  ['UNDERSTANDING_THE_WORLD', 'Understanding the world'],
  ['EXPRESSIVE_ARTS_AND_DESIGN', 'Expressive arts and design'],
]);

const ROLE_LABELS = new Map([
  ['ADMIN', 'platform operator'],
  ['MANAGER', 'manager'],
  ['DSL', 'safeguarding lead'],
  ['KEY_PERSON', 'key person'],
  ['CARER', 'family member'],
]);

const TYPE_LABELS = new Map([
  ['OBSERVATION', 'Observation'],
  ['MEETING', 'Meeting'],
  ['FEEDBACK', 'Feedback'],
  ['ANNOUNCEMENT', 'News'],
]);

const CHANNEL_LABELS = new Map([
  ['APP', 'in the app'],
  ['SMS', 'by text message'],
  ['EMAIL', 'by email'],
]);

const MEETING_STATUS_LABELS = new Map([
  ['BOOKED', 'Booked'],
  ['CANCELLED', 'Cancelled'],
]);

const STREAM_RETRY_MIN_MS = 1000;
const STREAM_RETRY_MAX_MS = 30000;
// The stream sends a comment every 20 s: this long without a byte, the connection is taken for dead (a
// phone that lost its signal may not notice for minutes) and is opened again, resuming.
const STREAM_SILENCE_MS = 45000;
const MAX_TIMER_MS = 2 ** 31 - 1;

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const fullDateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
// A local date (YYYY-MM-DD) is a calendar day, not an instant: format it in UTC so no zone moves it.
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeZone: 'UTC' });

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------------------------
// Small DOM helpers
// ---------------------------------------------------------------------------------------------

function timeEl(iso) {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return el('span', { text: 'unknown time' });
  return el('time', { datetime: iso, title: fullDateTimeFormat.format(date) }, dateTimeFormat.format(date));
}

function dayEl(localDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate ?? '');
  if (!match) return el('span', {}, localDate ?? '');
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return el('time', { datetime: localDate }, dayFormat.format(date));
}

/**
 * A datetime-local value ("2026-11-23T09:30"), read as wall-clock time in this browser's time zone,
 * as the RFC 3339 UTC instant the API takes ("2026-11-23T09:30:00Z"); null when it is not one.
 */
function localInputToInstant(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value ?? '');
  if (!match) return null;
  const [year, month, day, hour, minute, second = '0'] = match.slice(1);
  const date = new Date(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The value a datetime-local input shows for an instant, in this browser's time zone. */
function instantToLocalInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function areaLabel(code) {
  return AREAS.get(code) ?? humanise(code);
}

/** SOME_ENUM_VALUE → "Some enum value", for values this page does not know yet. */
function humanise(code) {
  const words = String(code ?? '').toLowerCase().replaceAll('_', ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : '';
}

function newIdempotencyKey() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  // randomUUID needs a secure context; getRandomValues does not.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------
// Session and HTTP
// ---------------------------------------------------------------------------------------------

let session = null;
let expiryTimer = null;

function loadSession() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY));
    if (!stored?.accessToken) return null;
    if (stored.expiresAt && Date.now() >= stored.expiresAt) {
      sessionStorage.removeItem(SESSION_KEY);
      return null;
    }
    return stored;
  } catch {
    return null;
  }
}

function roles() {
  if (!session) return [];
  return Array.isArray(session.roles) && session.roles.length ? session.roles : [session.role].filter(Boolean);
}

class ApiError extends Error {
  constructor(status, problem, fallback) {
    super(problem?.detail || problem?.title || fallback || `The request failed (${status}).`);
    this.status = status;
    this.problem = problem ?? null;
  }

  get fieldErrors() {
    return Array.isArray(this.problem?.errors) ? this.problem.errors : [];
  }
}

async function api(path, { method = 'GET', body, headers = {}, signal } = {}) {
  const requestHeaders = { Accept: 'application/json, application/problem+json', ...headers };
  if (session) requestHeaders.Authorization = `Bearer ${session.accessToken}`;
  if (body !== undefined) requestHeaders['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: requestHeaders,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal,
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, null, 'Tandem could not be reached. Check your connection and try again.');
  }
  let data = null;
  const type = response.headers.get('Content-Type') ?? '';
  if (response.status !== 204 && type.includes('json')) {
    try {
      data = await response.json();
    } catch {
      data = null;
    }
  }
  if (response.status === 401 && session) {
    signOut('Your session has ended. Please sign in again.');
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return { status: response.status, data, headers: response.headers };
}

// ---------------------------------------------------------------------------------------------
// Forms: errors by field, a result that screen readers hear, one Idempotency-Key per content
// ---------------------------------------------------------------------------------------------

/**
 * What one form tells its user. `fields` maps each field name the API reports (problem+json
 * `errors[].field`) to { input, error, label }: the control, the box under it (which the control
 * names in aria-describedby) and a label for the summary. `result` is a role=status box.
 */
class FormFeedback {
  constructor({ fields, result, testid }) {
    this.fields = fields;
    this.resultBox = result;
    this.testid = testid;
  }

  /** Hides every field error and, with everything, the result too. */
  clear(everything = false) {
    for (const { input, error } of Object.values(this.fields)) {
      error.textContent = '';
      show(error, false);
      input.removeAttribute('aria-invalid');
    }
    if (everything) {
      this.resultBox.replaceChildren();
      this.resultBox.dataset.state = 'idle';
      show(this.resultBox, false);
    }
  }

  fieldError(name, message) {
    const { input, error } = this.fields[name];
    error.textContent = error.textContent ? `${error.textContent} ${message}` : message;
    show(error);
    input.setAttribute('aria-invalid', 'true');
  }

  result(state, ...content) {
    const box = this.resultBox;
    box.dataset.state = state;
    box.className = `result result--${state}`;
    box.replaceChildren(...content.filter(Boolean));
    show(box);
  }

  /** Marks the fields found missing in the browser, says so and focuses the first. True when any. */
  missing(problems) {
    if (!problems.length) return false;
    problems.forEach(([field, message]) => this.fieldError(field, message));
    this.result('error', el('p', {}, 'Please check the form.'));
    this.focus(problems[0][0]);
    return true;
  }

  focus(name) {
    this.fields[name]?.input.focus();
  }

  /**
   * Shows a refused request: each field error beside its field and all of them in the result.
   * `refusals` (by problem code) are this form's own words for a business rule's "no" and win over
   * the server's detail; `fallbacks` (by HTTP status) apply only when the server sent no detail.
   * Either may name a `field` to mark when the server named none.
   */
  problem(error, { title, refusals = {}, fallbacks = {} }) {
    const listed = [];
    let first = null;
    for (const { field, message } of error.fieldErrors) {
      const name = this.fieldName(field);
      if (name) {
        this.fieldError(name, message ?? 'Check this field.');
        first ??= name;
      }
      listed.push(el('li', {}, `${this.fields[name]?.label ?? field ?? 'Request'}: ${message ?? 'not valid'}`));
    }
    const refusal = refusals[error.problem?.code];
    const fallback = fallbacks[error.status];
    const detail =
      refusal?.message || error.problem?.detail || error.problem?.title || fallback?.message || error.message;
    const place = refusal ?? fallback;
    if (!first && place?.field) {
      this.fieldError(place.field, place.message);
      first = place.field;
    }
    this.result(
      'error',
      el('p', { class: 'result__title' }, title),
      el('p', { class: 'result__detail', 'data-testid': `${this.testid}-error-detail` }, detail),
      listed.length ? el('ul', { class: 'result__errors', 'data-testid': `${this.testid}-error-list` }, listed) : null,
    );
    if (first) this.focus(first);
  }

  /** "areas[0]" and "carers[1].phone" belong to the areas and carers fields. */
  fieldName(field) {
    const root = String(field ?? '').split(/[.[]/)[0];
    return Object.hasOwn(this.fields, root) ? root : null;
  }
}

/** A retry of the same content reuses its Idempotency-Key, so it is stored once; new content gets a new key. */
class RetryKey {
  #pending = null;

  for(...content) {
    const fingerprint = JSON.stringify(content);
    if (this.#pending?.fingerprint !== fingerprint) this.#pending = { fingerprint, key: newIdempotencyKey() };
    return this.#pending.key;
  }

  done() {
    this.#pending = null;
  }
}

/**
 * Sends a form's POST under its retry key, with the button busy and the result saying so meanwhile.
 * Answers the created resource; a refusal is thrown as an ApiError for the form to show.
 */
async function postForm({ feedback, key }, path, body, button, busyLabel) {
  const restore = busy(button, busyLabel);
  feedback.result('pending', el('p', {}, busyLabel));
  try {
    const { data } = await api(path, { method: 'POST', body, headers: { 'Idempotency-Key': key.for(path, body) } });
    key.done();
    return data;
  } finally {
    restore();
  }
}

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

function setAppMessage(text, kind = 'info') {
  const box = $('app-message');
  box.textContent = text ?? '';
  box.className = `notice notice--${kind}`;
  show(box, Boolean(text));
}

function showSignIn(message) {
  show($('session-bar'), false);
  show($('carer-view'), false);
  show($('staff-view'), false);
  show($('sign-in-view'));
  setAppMessage(message, 'info');
  $('login-username').focus();
}

function enterApp() {
  const mine = roles();
  const isCarer = mine.includes('CARER') && Boolean(session.familyId);
  const isStaff = mine.some((role) => STAFF_ROLES.includes(role));
  const reviews = mine.some((role) => SAFEGUARDING_ROLES.includes(role));

  $('session-who').textContent = `Signed in as ${mine.map((r) => ROLE_LABELS.get(r) ?? humanise(r)).join(', ')}`;
  show($('session-bar'));
  show($('sign-in-view'), false);
  show($('carer-view'), isCarer);
  show($('staff-view'), isStaff);
  setAppMessage(
    isCarer || isStaff || reviews
      ? ''
      : 'This web page is for families and key persons. Your account has no timeline or sharing here.',
    'info',
  );
  scheduleExpiry();

  if (isCarer) startTimeline(session.familyId);
  if (isStaff) startStaff();
  const heading = isCarer ? $('timeline-heading') : isStaff ? $('share-heading') : $('main');
  heading.focus();
  // The safeguarding pages for DSLs and managers: their navigation, and their page when the address names one.
  if (reviews) {
    startSafeguarding({
      api,
      roles: mine,
      subjectId: session.subjectId,
      settingId: session.settingId,
      token: () => session?.accessToken,
      sessionEnded: () => signOut('Your session has ended. Please sign in again.'),
      newIdempotencyKey,
      home: isStaff ? { view: $('staff-view'), heading: $('share-heading') } : null,
    });
  }
}

function scheduleExpiry() {
  clearTimeout(expiryTimer);
  if (!session?.expiresAt) return;
  const remaining = Math.min(Math.max(session.expiresAt - Date.now(), 0), MAX_TIMER_MS);
  expiryTimer = setTimeout(() => signOut('Your session has ended. Please sign in again.'), remaining);
}

function signOut(message) {
  clearTimeout(expiryTimer);
  stopTimeline();
  stopSafeguarding();
  session = null;
  sessionStorage.removeItem(SESSION_KEY);
  resetStaffForms();
  $('inbox').replaceChildren();
  $('inbox-status').textContent = '';
  $('login-form').reset();
  $('login-error').textContent = '';
  show($('login-error'), false);
  showSignIn(message);
}

async function onLogin(event) {
  event.preventDefault();
  const username = $('login-username').value.trim();
  const password = $('login-password').value;
  const error = $('login-error');
  show(error, false);
  if (!username || !password) {
    error.textContent = 'Enter your email address and password.';
    show(error);
    (username ? $('login-password') : $('login-username')).focus();
    return;
  }
  const button = $('login-submit');
  button.disabled = true;
  button.textContent = 'Signing in…';
  try {
    const { data } = await api('/api/auth/login', { method: 'POST', body: { username, password } });
    const expiresInMs = Number(data.expiresIn) > 0 ? Number(data.expiresIn) * 1000 : null;
    session = { ...data, expiresAt: expiresInMs ? Date.now() + expiresInMs : null };
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    $('login-password').value = '';
    enterApp();
  } catch (failure) {
    error.textContent =
      failure.status === 401
        ? 'That email address and password do not match our records.'
        : failure.status === 400
          ? 'Enter your email address and password.'
          : failure.message;
    show(error);
    $('login-password').focus();
  } finally {
    button.disabled = false;
    button.textContent = 'Sign in';
  }
}

// ---------------------------------------------------------------------------------------------
// Carers: the family's timeline, kept live
// ---------------------------------------------------------------------------------------------

const timeline = {
  familyId: null,
  entries: new Map(), // id → entry
  versions: new Map(), // id → local version of its last change, to tell stale page loads from news
  version: 0,
  nodes: new Map(), // id → <li>
  next: null,
  loadedOlder: false,
  stream: null,
  pageRequest: null,
};

function startTimeline(familyId) {
  stopTimeline();
  timeline.familyId = familyId;
  timeline.stream = openEntryStream(`/api/families/${encodeURIComponent(familyId)}/timeline/stream`);
  loadFirstPage();
}

function stopTimeline() {
  timeline.stream?.stop();
  timeline.stream = null;
  timeline.pageRequest?.abort();
  timeline.pageRequest = null;
  timeline.familyId = null;
  timeline.entries.clear();
  timeline.versions.clear();
  timeline.nodes.clear();
  timeline.next = null;
  timeline.loadedOlder = false;
  $('timeline').replaceChildren();
  seenHere.clear();
  setTimelineNotice('');
  show($('timeline-empty'), false);
  show($('timeline-more'), false);
  show($('timeline-error'), false);
  setLiveState('idle');
}

function timelineUrl(before) {
  const params = new URLSearchParams({ limit: '50' });
  if (before) params.set('before', before);
  return `/api/families/${encodeURIComponent(timeline.familyId)}/timeline?${params}`;
}

/**
 * Loads the newest page and merges it with what is shown: when the page opens, and again once the stream
 * is open (anything shared between the two is then either in the page or sent live). After a dropped
 * connection the stream resumes from its last event instead, so the page is not read again.
 */
async function loadFirstPage() {
  const familyId = timeline.familyId;
  if (!familyId) return;
  timeline.pageRequest?.abort();
  const controller = new AbortController();
  timeline.pageRequest = controller;
  const startVersion = timeline.version;
  const list = $('timeline');
  list.setAttribute('aria-busy', 'true');
  try {
    const { data } = await api(timelineUrl(null), { signal: controller.signal });
    if (timeline.familyId !== familyId) return;
    const page = Array.isArray(data?.entries) ? data.entries : [];
    pruneMissing(page, data?.next ?? null, startVersion);
    for (const entry of page) upsertEntry(entry, startVersion);
    if (!timeline.loadedOlder) timeline.next = data?.next ?? null;
    show($('timeline-error'), false);
  } catch (error) {
    if (error.name === 'AbortError' || timeline.familyId !== familyId) return;
    $('timeline-error').textContent = `The timeline could not be loaded. ${error.message}`;
    show($('timeline-error'));
  } finally {
    if (timeline.pageRequest === controller) timeline.pageRequest = null;
    list.setAttribute('aria-busy', 'false');
    renderTimeline();
  }
}

async function loadOlder() {
  const familyId = timeline.familyId;
  if (!familyId || !timeline.next) return;
  const button = $('timeline-more');
  button.disabled = true;
  try {
    const { data } = await api(timelineUrl(timeline.next));
    if (timeline.familyId !== familyId) return;
    for (const entry of data?.entries ?? []) upsertEntry(entry);
    timeline.next = data?.next ?? null;
    timeline.loadedOlder = true;
  } catch (error) {
    $('timeline-error').textContent = `Older posts could not be loaded. ${error.message}`;
    show($('timeline-error'));
  } finally {
    button.disabled = false;
    renderTimeline();
  }
}

/**
 * Entries that the server no longer lists within the span of a fresh page were withdrawn (or the
 * carer lost access) while the stream was down. Anything that changed after the request was sent
 * came from the stream and is newer than the page, so it stays.
 */
function pruneMissing(page, next, startVersion) {
  const ids = new Set(page.map((entry) => entry.id));
  const oldest = next && page.length ? Math.min(...page.map((entry) => timestamp(entry))) : -Infinity;
  for (const [id, entry] of timeline.entries) {
    if (ids.has(id) || timestamp(entry) < oldest) continue;
    if ((timeline.versions.get(id) ?? 0) > startVersion) continue;
    removeEntry(id);
  }
}

/** Inserts or replaces by id; with sinceVersion, keeps a copy that the stream changed meanwhile. */
function upsertEntry(entry, sinceVersion) {
  if (!entry || typeof entry.id !== 'string') return;
  if (sinceVersion !== undefined && (timeline.versions.get(entry.id) ?? 0) > sinceVersion) return;
  timeline.version += 1;
  timeline.entries.set(entry.id, entry);
  timeline.versions.set(entry.id, timeline.version);
  const existing = timeline.nodes.get(entry.id);
  if (existing) updateEntryNode(existing, entry);
  else timeline.nodes.set(entry.id, createEntryNode(entry));
}

function removeEntry(id) {
  timeline.version += 1;
  timeline.entries.delete(id);
  timeline.versions.set(id, timeline.version);
  timeline.nodes.get(id)?.remove();
  timeline.nodes.delete(id);
}

function timestamp(entry) {
  const value = Date.parse(entry?.occurredAt);
  return Number.isNaN(value) ? 0 : value;
}

/** Puts the nodes in newest-first order, moving only those out of place so screen readers stay calm. */
function renderTimeline() {
  const list = $('timeline');
  const ordered = [...timeline.entries.values()].sort(
    (a, b) => timestamp(b) - timestamp(a) || String(b.id).localeCompare(String(a.id)),
  );
  ordered.forEach((entry, index) => {
    const node = timeline.nodes.get(entry.id);
    if (list.children[index] !== node) list.insertBefore(node, list.children[index] ?? null);
  });
  while (list.children.length > ordered.length) list.lastElementChild.remove();
  show($('timeline-empty'), ordered.length === 0 && !timeline.pageRequest);
  show($('timeline-more'), Boolean(timeline.next));
  refreshInReplyToNotes();
}

function setTimelineNotice(text) {
  const notice = $('timeline-notice');
  notice.textContent = text ?? '';
  show(notice, Boolean(text));
}

function entryTitle(entry) {
  if (entry.title) return entry.title;
  const child = entry.childName || 'your child';
  switch (entry.type) {
    case 'OBSERVATION':
      return `Observation about ${child}`;
    case 'MEETING':
      return `Meeting about ${child}`;
    case 'FEEDBACK':
      return `Feedback about ${child}`;
    case 'ANNOUNCEMENT':
      return 'News from the nursery';
    default:
      return humanise(entry.type) || 'Update';
  }
}

function createEntryNode(entry) {
  const titleId = `entry-title-${entry.id}`;
  const node = el('li', {
    class: 'entry',
    id: `entry-${entry.id}`,
    tabindex: '-1',
    'data-testid': 'timeline-entry',
    'data-entry-id': entry.id,
    'aria-labelledby': titleId,
  });
  node.append(el('div', { class: 'entry__content' }), createEntryActions(entry.id));
  updateEntryNode(node, entry);
  return node;
}

/** Replaces what the entry shows but keeps its reply form, so a half-written reply survives news. */
function updateEntryNode(node, entry) {
  node.dataset.type = entry.type ?? '';
  node.dataset.urgent = String(entry.urgent === true);
  node.querySelector('.entry__content').replaceWith(entryContent(entry));
  renderSeen(node, entry);
}

function entryContent(entry) {
  const titleId = `entry-title-${entry.id}`;
  const kind = TYPE_LABELS.get(entry.type) ?? humanise(entry.type);
  const author = entry.author?.name;

  const head = el(
    'header',
    { class: 'entry__head' },
    el(
      'p',
      { class: 'entry__labels' },
      el('span', { class: `entry__kind entry__kind--${String(entry.type ?? 'other').toLowerCase()}` }, kind),
      entry.urgent === true ? el('span', { class: 'badge badge--urgent', 'data-testid': 'entry-urgent' }, 'Urgent') : null,
    ),
    el('h3', { class: 'entry__title', id: titleId }, entryTitle(entry)),
    el(
      'p',
      { class: 'entry__meta' },
      author ? `${author} · ` : '',
      timeEl(entry.occurredAt),
      entry.childName && entry.type !== 'ANNOUNCEMENT' ? ` · ${entry.childName}` : '',
    ),
  );

  const parts = [head];
  if (entry.eventDate) {
    parts.push(el('p', { class: 'entry__date', 'data-testid': 'entry-event-date' }, 'On ', dayEl(entry.eventDate)));
  }
  if (entry.inReplyTo) parts.push(inReplyToNote(entry.inReplyTo));
  if (entry.meeting) parts.push(meetingDetails(entry.meeting));
  if (entry.text) parts.push(el('p', { class: 'entry__text', 'data-testid': 'entry-text' }, entry.text));
  if (Array.isArray(entry.areas) && entry.areas.length) {
    parts.push(
      el(
        'ul',
        { class: 'chips', 'aria-label': 'Areas of learning' },
        entry.areas.map((area) => el('li', { class: 'chip', 'data-area': area }, areaLabel(area))),
      ),
    );
  }
  if (entry.nextSteps) {
    parts.push(
      el(
        'div',
        { class: 'next-steps' },
        el('h4', {}, 'Next steps'),
        el('p', { 'data-testid': 'entry-next-steps' }, entry.nextSteps),
      ),
    );
  }
  const replies = Array.isArray(entry.replies) ? entry.replies : [];
  if (replies.length) {
    parts.push(
      el(
        'section',
        { class: 'replies', 'aria-label': 'Replies' },
        el('h4', {}, replies.length === 1 ? '1 reply' : `${replies.length} replies`),
        el('ul', { class: 'replies__list' }, replies.map(replyItem)),
      ),
    );
  }
  return el('div', { class: 'entry__content' }, parts);
}

function meetingDetails(meeting) {
  const cancelled = meeting.status === 'CANCELLED';
  const status = MEETING_STATUS_LABELS.get(meeting.status) ?? humanise(meeting.status);
  const bits = [];
  if (meeting.startsAt) bits.push(el('dt', {}, 'When'), el('dd', {}, timeEl(meeting.startsAt)));
  if (meeting.durationMinutes) bits.push(el('dt', {}, 'How long'), el('dd', {}, `${meeting.durationMinutes} minutes`));
  if (meeting.location) bits.push(el('dt', {}, 'Where'), el('dd', {}, meeting.location));
  return el(
    'div',
    { class: `meeting${cancelled ? ' meeting--cancelled' : ''}`, 'data-status': meeting.status ?? '' },
    status
      ? el(
          'p',
          { class: `badge ${cancelled ? 'badge--warn' : 'badge--ok'}`, 'data-testid': 'meeting-status' },
          cancelled ? 'Cancelled: this meeting will not take place' : status,
        )
      : null,
    el('dl', {}, bits),
  );
}

/** Feedback may answer an update or a family's reply: name it when this page has it. */
function inReplyToNote(id) {
  const note = (...content) => el('p', { class: 'entry__about', 'data-testid': 'entry-in-reply-to', 'data-in-reply-to': id }, content);
  const update = timeline.entries.get(id);
  if (update) return note('In answer to the post ', el('a', { href: `#entry-${id}` }, entryTitle(update)));
  for (const entry of timeline.entries.values()) {
    const reply = (entry.replies ?? []).find((candidate) => candidate.id === id);
    if (reply) {
      const whose = reply.carerId && reply.carerId === session?.subjectId ? 'your reply' : 'a reply from your family';
      return note(`In answer to ${whose}: “${excerpt(reply.text)}”`);
    }
  }
  return note('In answer to an earlier message from your family or the nursery.');
}

function excerpt(text, length = 80) {
  const flat = String(text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** What a feedback note answers may arrive after it (older pages, new replies): name it again when it differs. */
function refreshInReplyToNotes() {
  for (const note of $('timeline').querySelectorAll('[data-testid="entry-in-reply-to"]')) {
    const fresh = inReplyToNote(note.dataset.inReplyTo);
    if (fresh.textContent !== note.textContent) note.replaceWith(fresh);
  }
}

function replyItem(reply) {
  const who = reply.carerId && reply.carerId === session?.subjectId ? 'You' : 'Family';
  const channel = CHANNEL_LABELS.get(reply.channel);
  return el(
    'li',
    { class: 'reply', 'data-testid': 'entry-reply', 'data-reply-id': reply.id ?? '' },
    el('p', { class: 'reply__meta' }, `${who}${channel ? ` ${channel}` : ''} · `, timeEl(reply.receivedAt)),
    el('p', { class: 'reply__text' }, reply.text ?? ''),
  );
}

// Carers' actions on an entry: mark as seen, reply

/** Updates this carer marked as seen here: the server said yes, the stream may not have caught up yet. */
const seenHere = new Set();

function createEntryActions(updateId) {
  const seen = el('button', {
    type: 'button',
    class: 'button button--quiet entry__seen',
    'data-testid': 'entry-ack',
    'aria-pressed': 'false',
  });
  const seenStatus = el('p', { class: 'entry__status', role: 'status', 'aria-live': 'polite', 'data-testid': 'entry-ack-status' });
  seen.addEventListener('click', () => markAsSeen(updateId, seen, seenStatus));

  const textId = `reply-text-${updateId}`;
  const errorId = `reply-text-error-${updateId}`;
  const text = el('textarea', {
    id: textId,
    name: 'text',
    rows: '3',
    required: true,
    'aria-describedby': errorId,
    'data-testid': 'reply-text',
  });
  const error = el('p', { class: 'field__error', id: errorId, 'data-testid': 'reply-text-error', hidden: true });
  const result = el('div', {
    class: 'result',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': 'reply-result',
    'data-state': 'idle',
    hidden: true,
  });
  const submit = el('button', { type: 'submit', class: 'button', 'data-testid': 'reply-submit' }, 'Send reply');
  const form = el(
    'form',
    { class: 'reply-form', novalidate: true, 'data-testid': 'reply-form' },
    el('div', { class: 'field' }, el('label', { for: textId }, 'Your reply to the nursery'), text, error),
    result,
    submit,
  );
  const reply = {
    updateId,
    text,
    submit,
    feedback: new FormFeedback({ fields: { text: { input: text, error, label: 'Your reply' } }, result, testid: 'reply' }),
    key: new RetryKey(),
  };
  form.addEventListener('submit', (event) => sendReply(event, reply));

  return el(
    'div',
    { class: 'entry__actions' },
    el('div', { class: 'entry__seen-box' }, seen, seenStatus),
    el('details', { class: 'entry__reply' }, el('summary', { 'data-testid': 'reply-toggle' }, 'Reply'), form),
  );
}

/** "Seen" once this carer is among those who acknowledged the entry (or the server just accepted it). */
function renderSeen(node, entry) {
  const mine = session?.subjectId;
  const acknowledged =
    seenHere.has(entry.id) || (Array.isArray(entry.acknowledgedBy) && Boolean(mine) && entry.acknowledgedBy.includes(mine));
  const button = node.querySelector('.entry__seen');
  // aria-disabled rather than disabled, so that focus stays on the button after it is pressed.
  button.setAttribute('aria-pressed', String(acknowledged));
  button.setAttribute('aria-disabled', String(acknowledged));
  button.textContent = acknowledged ? 'Seen ✓' : 'Mark as seen';
}

async function markAsSeen(updateId, button, status) {
  if (button.getAttribute('aria-disabled') === 'true' || button.dataset.busy === 'true') return;
  button.dataset.busy = 'true';
  status.textContent = 'Marking as seen…';
  try {
    // Marking twice changes nothing on the server, so every press may have its own key.
    await api(`/api/updates/${encodeURIComponent(updateId)}/acknowledgements`, {
      method: 'POST',
      headers: { 'Idempotency-Key': newIdempotencyKey() },
    });
    seenHere.add(updateId);
    status.textContent = 'Marked as seen. The nursery can see that you have read it.';
    const entry = timeline.entries.get(updateId);
    const node = timeline.nodes.get(updateId);
    if (entry && node) renderSeen(node, entry);
  } catch (error) {
    const reasons = {
      403: 'You cannot mark this post.',
      404: 'This post is no longer on your timeline.',
      409: 'This post can no longer be marked.',
    };
    status.textContent = `Not marked as seen. ${error.problem?.detail || reasons[error.status] || error.message}`;
  } finally {
    delete button.dataset.busy;
  }
}

async function sendReply(event, reply) {
  event.preventDefault();
  const { updateId, text, submit, feedback } = reply;
  feedback.clear();
  const body = { text: text.value.trim() };
  if (feedback.missing(body.text ? [] : [['text', 'Write your reply first.']])) return;

  try {
    const data = await postForm(reply, `/api/updates/${encodeURIComponent(updateId)}/replies`, body, submit, 'Sending…');
    text.value = '';
    // The reply itself appears under the post when the stream brings the changed entry.
    feedback.resultBox.dataset.replyId = data?.id ?? '';
    feedback.result('success', el('p', { class: 'result__title' }, 'Sent to the nursery. Thank you!'));
  } catch (error) {
    feedback.problem(error, {
      title: 'Not sent.',
      refusals: {
        'update-withdrawn': { message: 'The nursery has taken this post down, so it cannot take replies.' },
      },
      fallbacks: {
        403: { message: 'You cannot reply to this post.' },
        404: { message: 'This post is no longer on your timeline.' },
        409: { message: 'This post can no longer take replies.' },
      },
    });
  }
}

/**
 * The stream's state, in the polite live region beside the heading: `reconnecting` from the moment a
 * connection drops until the stream is back (waiting or trying), so it is said once, not counted down.
 */
function setLiveState(state) {
  const status = $('live-status');
  if (status.dataset.state === state) return;
  status.dataset.state = state;
  const texts = {
    idle: '',
    connecting: t('live.connecting'),
    live: t('live.live'),
    reconnecting: t('live.reconnecting'),
    unavailable: t('live.unavailable'),
  };
  status.textContent = texts[state] ?? '';
}

function onStreamEvent({ type, data }) {
  let entry;
  try {
    entry = JSON.parse(data);
  } catch {
    return; // heartbeats and anything else that is not an entry
  }
  if (!entry || typeof entry.id !== 'string') return;
  if (type === 'withdrawn') {
    // Removed even when not shown, so that a page load already under way cannot bring it back.
    const node = timeline.nodes.get(entry.id);
    const hadFocus = Boolean(node?.contains(document.activeElement));
    removeEntry(entry.id);
    if (node) setTimelineNotice('The nursery has taken a post down.');
    if (hadFocus) $('timeline-heading').focus();
  } else {
    upsertEntry(entry);
  }
  renderTimeline();
}

/**
 * EventSource cannot send an Authorization header, so the stream is read with fetch, and does what an
 * EventSource does: it remembers the last event id (the stream sends one as soon as it opens, so there is
 * always one) and reconnects with it in `Last-Event-ID`, after the server's `retry` hint and a growing,
 * jittered wait; the server then first sends what was missed (withdrawals too), so nothing is reloaded.
 * Only the first connection, or one the server could not resume (it refused the id), reads the page.
 */
function openEntryStream(url) {
  let stopped = false;
  let attempt = 0;
  let timer = null;
  let controller = null;
  let lastEventId = '';
  let retryMs = STREAM_RETRY_MIN_MS;

  async function connect() {
    if (stopped || !session) return;
    timer = null;
    controller = new AbortController();
    const resuming = lastEventId !== '';
    if (!resuming && attempt === 0) setLiveState('connecting');
    const openedAt = Date.now();
    let received = false;
    let silence = null;
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(() => controller.abort(), STREAM_SILENCE_MS);
    };
    try {
      const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${session.accessToken}` };
      if (resuming) headers['Last-Event-ID'] = lastEventId;
      const response = await fetch(url, { headers, cache: 'no-store', signal: controller.signal });
      if (response.status === 401) {
        signOut('Your session has ended. Please sign in again.');
        return;
      }
      if (response.status === 403 || response.status === 404) {
        setLiveState('unavailable');
        return;
      }
      if (response.status === 400 && resuming) {
        // Not an id this platform can resume from: start afresh, reading the page again.
        lastEventId = '';
        throw new Error('the stream could not resume from its last event');
      }
      if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
      setLiveState('live');
      if (!resuming) loadFirstPage();
      heard();
      await readServerSentEvents(response.body, {
        onChunk: heard,
        onEvent(event) {
          received = true;
          onStreamEvent(event);
        },
        onId(id) {
          lastEventId = id;
        },
        onRetry(ms) {
          retryMs = Math.min(Math.max(ms, STREAM_RETRY_MIN_MS), STREAM_RETRY_MAX_MS);
        },
      });
    } catch (error) {
      if (stopped) return;
      if (error.name !== 'AbortError') console.info('Timeline stream interrupted:', error.message);
    } finally {
      clearTimeout(silence);
    }
    if (stopped) return;
    // A connection that lasted or carried news was healthy: start the backoff afresh.
    if (received || Date.now() - openedAt > 15000) attempt = 0;
    const ceiling = Math.min(STREAM_RETRY_MAX_MS, retryMs * 2 ** attempt);
    const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    attempt += 1;
    setLiveState('reconnecting');
    timer = setTimeout(connect, delay);
  }

  function retryNow() {
    if (stopped || !timer) return;
    clearTimeout(timer);
    timer = null;
    connect();
  }

  window.addEventListener('online', retryNow);
  connect();

  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
      window.removeEventListener('online', retryNow);
    },
  };
}

/**
 * A parser for the text/event-stream format (WHATWG HTML, "server-sent events"): onChunk for whatever
 * arrives (keep-alive comments too), onEvent for each event
 * with data, onId whenever an event (with data or without, as the stream's position markers are) sets the
 * last event id, onRetry for the server's reconnection time.
 */
async function readServerSentEvents(body, { onChunk, onEvent, onId, onRetry }) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data = [];
  let type = '';
  let lastId = '';
  let idChanged = false;

  const processLine = (line) => {
    if (line === '') {
      if (idChanged) onId(lastId);
      idChanged = false;
      if (data.length) onEvent({ type: type || 'message', data: data.join('\n'), id: lastId });
      data = [];
      type = '';
      return;
    }
    if (line.startsWith(':')) return; // a comment, often a keep-alive
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') type = value;
    else if (field === 'id' && !value.includes('\0')) {
      lastId = value;
      idChanged = true;
    } else if (field === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
  };

  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      onChunk();
      buffer += value;
      // A chunk may end between the \r and \n of one line break: keep a trailing \r for later.
      const cut = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length;
      const lines = buffer.slice(0, cut).split(/\r\n|\r|\n/);
      buffer = lines.pop() + buffer.slice(cut);
      lines.forEach(processLine);
    }
  } finally {
    reader.releaseLock();
  }
}

// ---------------------------------------------------------------------------------------------
// Staff: share an observation, read the inbox
// ---------------------------------------------------------------------------------------------

/**
 * A staff form's feedback and retry key. Its ids follow one pattern: `${prefix}-${id}` for each
 * control, `${prefix}-${id}-error` beside it and `${prefix}-result`; `fields` maps the API's field
 * names to [id, label].
 */
function staffForm(prefix, fields) {
  const byName = Object.entries(fields).map(([name, [id, label]]) => [
    name,
    { input: $(`${prefix}-${id}`), error: $(`${prefix}-${id}-error`), label },
  ]);
  return {
    feedback: new FormFeedback({ fields: Object.fromEntries(byName), result: $(`${prefix}-result`), testid: prefix }),
    key: new RetryKey(),
  };
}

const share = staffForm('share', {
  childId: ['child-id', 'Child'],
  text: ['text', 'What did you see?'],
  areas: ['areas', 'Areas of learning'],
  nextSteps: ['next-steps', 'Next steps'],
});

const booking = staffForm('meeting', {
  childId: ['child-id', 'Child'],
  startsAt: ['starts-at', 'When'],
  durationMinutes: ['duration', 'How long'],
  location: ['location', 'Where'],
  purpose: ['purpose', 'What it is about'],
});

const MEETING_MINUTES = { min: 5, max: 480 };

function buildAreaCheckboxes() {
  const list = $('share-areas-list');
  list.replaceChildren(
    ...[...AREAS].map(([code, label]) => {
      const id = `area-${code}`;
      return el(
        'div',
        { class: 'check' },
        el('input', { type: 'checkbox', id, name: 'areas', value: code, 'data-testid': `share-area-${code}` }),
        el('label', { for: id }, label),
      );
    }),
  );
}

function startStaff() {
  resetStaffForms();
  loadKeyChildren();
  refreshInbox();
}

function resetStaffForms() {
  $('share-form').reset();
  share.feedback.clear(true);
  share.key.done();
  $('meeting-form').reset();
  booking.feedback.clear(true);
  booking.key.done();
  $('meeting-starts-at').min = instantToLocalInput(new Date());
}

/** Fills both child pickers with the children this staff member is key person of, by name. */
async function loadKeyChildren() {
  const pickers = [
    [$('share-child-id'), $('share-child-id-hint')],
    [$('meeting-child-id'), $('meeting-child-id-hint')],
  ];
  try {
    const { data } = await api(`/api/staff/${encodeURIComponent(session.subjectId)}/children`);
    const children = data?.children ?? [];
    for (const [select, hint] of pickers) {
      select.replaceChildren(
        el('option', { value: '' }, children.length ? 'Choose one of your key children' : 'No key children yet'),
        ...children.map((child) => el('option', { value: child.id }, child.name ?? child.id)),
      );
      hint.textContent = children.length
        ? 'The children you are key person of.'
        : 'You are not key person of any child yet: ask your manager to assign your key children.';
    }
  } catch {
    for (const [, hint] of pickers) {
      hint.textContent = 'Your key children could not be loaded; sign out and in again to retry.';
    }
  }
}

async function onShare(event) {
  event.preventDefault();
  const { feedback } = share;
  feedback.clear();
  const childId = $('share-child-id').value.trim();
  const text = $('share-text').value.trim();
  const nextSteps = $('share-next-steps').value.trim();
  const areas = [...document.querySelectorAll('#share-areas input[name="areas"]:checked')].map((box) => box.value);

  const missing = [];
  if (!childId) missing.push(['childId', 'Choose the child this is about.']);
  if (!text) missing.push(['text', 'Write what you saw.']);
  if (feedback.missing(missing)) return;

  const body = { text, areas, nextSteps: nextSteps || null };
  try {
    const path = `/api/children/${encodeURIComponent(childId)}/observations`;
    const data = await postForm(share, path, body, $('share-submit'), 'Sharing…');
    $('share-text').value = '';
    $('share-next-steps').value = '';
    document.querySelectorAll('#share-areas input[name="areas"]').forEach((box) => {
      box.checked = false;
    });
    $('share-result').dataset.updateId = data?.id ?? '';
    feedback.result(
      'success',
      el('p', { class: 'result__title' }, 'Shared with the family.'),
      data?.id ? el('p', { class: 'result__detail' }, 'Reference: ', el('code', {}, data.id)) : null,
    );
  } catch (error) {
    feedback.problem(error, {
      title: 'Not shared.',
      fallbacks: {
        403: { message: 'You can share only about children you are key person for.' },
        404: { message: 'No child has that id.', field: 'childId' },
        409: { message: 'That cannot be shared right now.' },
      },
    });
  }
}

async function onBookMeeting(event) {
  event.preventDefault();
  const { feedback } = booking;
  feedback.clear();
  const childId = $('meeting-child-id').value.trim();
  const when = $('meeting-starts-at').value;
  const startsAt = localInputToInstant(when);
  const minutes = $('meeting-duration').value.trim();
  const durationMinutes = Number(minutes);
  const location = $('meeting-location').value.trim();
  const purpose = $('meeting-purpose').value.trim();

  const missing = [];
  if (!childId) missing.push(['childId', 'Choose the child whose family you are meeting.']);
  if (!startsAt) missing.push(['startsAt', when ? 'Enter a date and a time.' : 'Choose when the meeting starts.']);
  if (
    !Number.isInteger(durationMinutes) ||
    durationMinutes < MEETING_MINUTES.min ||
    durationMinutes > MEETING_MINUTES.max
  ) {
    missing.push(['durationMinutes', `Enter whole minutes from ${MEETING_MINUTES.min} to ${MEETING_MINUTES.max}.`]);
  }
  if (!location) missing.push(['location', 'Say where you will meet.']);
  if (!purpose) missing.push(['purpose', 'Say what the meeting is about.']);
  if (feedback.missing(missing)) return;

  const body = { startsAt, durationMinutes, location, purpose };
  try {
    const path = `/api/children/${encodeURIComponent(childId)}/meetings`;
    const data = await postForm(booking, path, body, $('meeting-submit'), 'Booking…');
    $('meeting-result').dataset.meetingId = data?.id ?? '';
    feedback.result(
      'success',
      el('p', { class: 'result__title' }, 'Meeting booked. The family has been told.'),
      el('p', { class: 'result__detail' }, timeEl(startsAt), ` · ${durationMinutes} minutes · ${location}`),
      data?.id ? el('p', { class: 'result__detail' }, 'Reference: ', el('code', {}, data.id)) : null,
    );
    $('meeting-starts-at').value = '';
    $('meeting-purpose').value = '';
  } catch (error) {
    feedback.problem(error, {
      title: 'Not booked.',
      refusals: {
        'meeting-overlaps': {
          message: 'You already have a meeting at that time. Choose another time or make it shorter.',
          field: 'startsAt',
        },
        'meeting-in-the-past': { message: 'That time has already passed. Choose a time still to come.', field: 'startsAt' },
      },
      fallbacks: {
        403: { message: 'You can book meetings only about children you are key person for.' },
        404: { message: 'No child has that id.', field: 'childId' },
        409: { message: 'That meeting cannot be booked.' },
      },
    });
  }
}

async function refreshInbox() {
  if (!session) return;
  const list = $('inbox');
  const status = $('inbox-status');
  const button = $('inbox-refresh');
  button.disabled = true;
  list.setAttribute('aria-busy', 'true');
  status.textContent = 'Loading…';
  try {
    const { data } = await api(`/api/staff/${encodeURIComponent(session.subjectId)}/inbox`);
    const items = Array.isArray(data?.items) ? data.items : [];
    list.replaceChildren(...items.map(inboxItem));
    status.textContent = items.length
      ? `${items.length === 1 ? '1 message' : `${items.length} messages`}, checked at ${timeFormat.format(new Date())}.`
      : `No messages yet. Checked at ${timeFormat.format(new Date())}.`;
  } catch (error) {
    if (!session) return;
    status.textContent = `Messages could not be loaded. ${error.message}`;
  } finally {
    button.disabled = false;
    list.setAttribute('aria-busy', 'false');
  }
}

function inboxItem(item) {
  const channel = CHANNEL_LABELS.get(item.channel);
  return el(
    'li',
    { class: 'inbox__item', 'data-testid': 'inbox-item', 'data-reply-id': item.replyId ?? '' },
    el('p', { class: 'inbox__meta' }, `From a family${channel ? ` ${channel}` : ''} · `, timeEl(item.receivedAt)),
    el('p', { class: 'inbox__text' }, item.text ?? ''),
    el(
      'p',
      { class: 'inbox__about' },
      item.updateId ? 'In reply to update ' : 'A message not linked to an update',
      item.updateId ? el('code', {}, item.updateId) : null,
      item.childId ? ' · child ' : null,
      item.childId ? el('code', {}, item.childId) : null,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------------------------

function init() {
  buildAreaCheckboxes();
  $('login-form').addEventListener('submit', onLogin);
  $('sign-out').addEventListener('click', () => signOut('You have signed out.'));
  $('share-form').addEventListener('submit', onShare);
  $('meeting-form').addEventListener('submit', onBookMeeting);
  $('inbox-refresh').addEventListener('click', refreshInbox);
  $('timeline-more').addEventListener('click', loadOlder);

  session = loadSession();
  if (session) enterApp();
  else showSignIn();
}

init();
