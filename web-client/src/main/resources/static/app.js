// Tandem web client: one page, no build step.
// Everything the page shows from the server goes in through textContent or text nodes (see el()),
// never through innerHTML, so nothing a parent or key person types can become markup.

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

const FIELD_LABELS = new Map([
  ['childId', 'Child id'],
  ['text', 'What did you see?'],
  ['areas', 'Areas of learning'],
  ['nextSteps', 'Next steps'],
]);

const STREAM_RETRY_MIN_MS = 1000;
const STREAM_RETRY_MAX_MS = 30000;
const MAX_TIMER_MS = 2 ** 31 - 1;

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const fullDateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------------------------
// Small DOM helpers
// ---------------------------------------------------------------------------------------------

/** Builds an element. Strings among the children become text nodes, never markup. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function show(node, visible = true) {
  node.hidden = !visible;
}

function timeEl(iso) {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return el('span', { text: 'unknown time' });
  return el('time', { datetime: iso, title: fullDateTimeFormat.format(date) }, dateTimeFormat.format(date));
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

  $('session-who').textContent = `Signed in as ${mine.map((r) => ROLE_LABELS.get(r) ?? humanise(r)).join(', ')}`;
  show($('session-bar'));
  show($('sign-in-view'), false);
  show($('carer-view'), isCarer);
  show($('staff-view'), isStaff);
  setAppMessage(
    isCarer || isStaff
      ? ''
      : 'This web page is for families and key persons. Your account has no timeline or sharing here.',
    'info',
  );
  scheduleExpiry();

  if (isCarer) startTimeline(session.familyId);
  if (isStaff) startStaff();
  const heading = isCarer ? $('timeline-heading') : isStaff ? $('share-heading') : $('main');
  heading.focus();
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
  session = null;
  sessionStorage.removeItem(SESSION_KEY);
  resetShareForm(true);
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

/** Loads (or reloads, after a reconnect) the newest page and merges it with what is shown. */
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
    'data-testid': 'timeline-entry',
    'data-entry-id': entry.id,
    'aria-labelledby': titleId,
  });
  node.append(el('div', { class: 'entry__content' }));
  updateEntryNode(node, entry);
  return node;
}

/** Replaces what the entry shows. (Replying and marking as seen in the app come with their API.) */
function updateEntryNode(node, entry) {
  node.dataset.type = entry.type ?? '';
  node.querySelector('.entry__content').replaceWith(entryContent(entry));
}

function entryContent(entry) {
  const titleId = `entry-title-${entry.id}`;
  const kind = TYPE_LABELS.get(entry.type) ?? humanise(entry.type);
  const author = entry.author?.name;

  const head = el(
    'header',
    { class: 'entry__head' },
    el('p', { class: `entry__kind entry__kind--${String(entry.type ?? 'other').toLowerCase()}` }, kind),
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
  const bits = [];
  if (meeting.startsAt) bits.push(el('dt', {}, 'When'), el('dd', {}, timeEl(meeting.startsAt)));
  if (meeting.durationMinutes) bits.push(el('dt', {}, 'How long'), el('dd', {}, `${meeting.durationMinutes} minutes`));
  if (meeting.location) bits.push(el('dt', {}, 'Where'), el('dd', {}, meeting.location));
  return el(
    'div',
    { class: `meeting${cancelled ? ' meeting--cancelled' : ''}` },
    cancelled ? el('p', { class: 'badge badge--warn' }, 'Cancelled') : null,
    el('dl', {}, bits),
  );
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

function setLiveState(state, retryInMs) {
  const status = $('live-status');
  status.dataset.state = state;
  const texts = {
    idle: '',
    connecting: 'Connecting…',
    live: 'Live',
    waiting: `Reconnecting in ${Math.ceil((retryInMs ?? 0) / 1000)} s…`,
    unavailable: 'Live updates are not available',
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
  const gone = ['withdrawn', 'removed', 'deleted'].includes(type) || entry.withdrawn === true;
  if (gone) removeEntry(entry.id);
  else upsertEntry(entry);
  renderTimeline();
}

/**
 * EventSource cannot send an Authorization header, so the stream is read with fetch. After every
 * (re)connection the newest page is fetched again, which fills anything missed while disconnected.
 */
function openEntryStream(url) {
  let stopped = false;
  let attempt = 0;
  let timer = null;
  let controller = null;

  async function connect() {
    if (stopped || !session) return;
    controller = new AbortController();
    setLiveState('connecting');
    const openedAt = Date.now();
    let received = false;
    try {
      const response = await fetch(url, {
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${session.accessToken}` },
        cache: 'no-store',
        signal: controller.signal,
      });
      if (response.status === 401) {
        signOut('Your session has ended. Please sign in again.');
        return;
      }
      if (response.status === 403 || response.status === 404) {
        setLiveState('unavailable');
        return;
      }
      if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
      setLiveState('live');
      loadFirstPage();
      await readServerSentEvents(response.body, (event) => {
        received = true;
        onStreamEvent(event);
      });
    } catch (error) {
      if (stopped) return;
      if (error.name !== 'AbortError') console.info('Timeline stream interrupted:', error.message);
    }
    if (stopped) return;
    // A connection that lasted or carried news was healthy: start the backoff afresh.
    if (received || Date.now() - openedAt > 15000) attempt = 0;
    const ceiling = Math.min(STREAM_RETRY_MAX_MS, STREAM_RETRY_MIN_MS * 2 ** attempt);
    const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    attempt += 1;
    setLiveState('waiting', delay);
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

/** A parser for the text/event-stream format (WHATWG HTML, "server-sent events"). */
async function readServerSentEvents(body, dispatch) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data = [];
  let type = '';
  let lastId = '';

  const processLine = (line) => {
    if (line === '') {
      if (data.length) dispatch({ type: type || 'message', data: data.join('\n'), id: lastId });
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
    else if (field === 'id' && !value.includes('\0')) lastId = value;
  };

  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
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

const shareFields = {
  childId: () => $('share-child-id'),
  text: () => $('share-text'),
  areas: () => $('share-areas'),
  nextSteps: () => $('share-next-steps'),
};
const shareErrorBoxes = {
  childId: 'share-child-id-error',
  text: 'share-text-error',
  areas: 'share-areas-error',
  nextSteps: 'share-next-steps-error',
};

let pendingShare = null; // { fingerprint, key }: a retry of the same content reuses its key

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
  resetShareForm(true);
  loadKeyChildren();
  refreshInbox();
}

/** Fills the child picker with the children this staff member is key person of, by name. */
async function loadKeyChildren() {
  const select = $('share-child-id');
  const hint = $('share-child-id-hint');
  try {
    const { data } = await api(`/api/staff/${encodeURIComponent(session.subjectId)}/children`);
    const children = data?.children ?? [];
    select.replaceChildren(
      el('option', { value: '' }, children.length ? 'Choose one of your key children' : 'No key children yet'),
      ...children.map((child) => el('option', { value: child.id }, child.name ?? child.id)),
    );
    hint.textContent = children.length
      ? 'The children you are key person of.'
      : 'You are not key person of any child yet: ask your manager to assign your key children.';
  } catch (error) {
    hint.textContent = 'Your key children could not be loaded; sign out and in again to retry.';
  }
}

function resetShareForm(everything) {
  clearShareErrors();
  const result = $('share-result');
  if (everything) {
    $('share-form').reset();
    result.replaceChildren();
    result.dataset.state = 'idle';
    show(result, false);
    pendingShare = null;
  }
}

function clearShareErrors() {
  for (const [field, boxId] of Object.entries(shareErrorBoxes)) {
    const box = $(boxId);
    box.textContent = '';
    show(box, false);
    shareFields[field]().removeAttribute('aria-invalid');
  }
}

function fieldKey(field) {
  const name = String(field ?? '');
  const root = name.split(/[.[]/)[0];
  return root in shareErrorBoxes ? root : null;
}

function showFieldError(field, message) {
  const box = $(shareErrorBoxes[field]);
  box.textContent = box.textContent ? `${box.textContent} ${message}` : message;
  show(box);
  shareFields[field]().setAttribute('aria-invalid', 'true');
}

function showShareResult(state, ...content) {
  const result = $('share-result');
  result.dataset.state = state;
  result.className = `result result--${state}`;
  result.replaceChildren(...content.filter(Boolean));
  show(result);
}

async function onShare(event) {
  event.preventDefault();
  clearShareErrors();
  const childId = $('share-child-id').value.trim();
  const text = $('share-text').value.trim();
  const nextSteps = $('share-next-steps').value.trim();
  const areas = [...document.querySelectorAll('#share-areas input[name="areas"]:checked')].map((box) => box.value);

  const missing = [];
  if (!childId) missing.push(['childId', 'Choose the child this is about.']);
  if (!text) missing.push(['text', 'Write what you saw.']);
  if (missing.length) {
    missing.forEach(([field, message]) => showFieldError(field, message));
    showShareResult('error', el('p', {}, 'Please check the form.'));
    shareFields[missing[0][0]]().focus();
    return;
  }

  const body = { text, areas, nextSteps: nextSteps || null };
  const fingerprint = JSON.stringify([childId, body]);
  if (pendingShare?.fingerprint !== fingerprint) pendingShare = { fingerprint, key: newIdempotencyKey() };

  const button = $('share-submit');
  button.disabled = true;
  button.textContent = 'Sharing…';
  showShareResult('pending', el('p', {}, 'Sharing…'));
  try {
    const { data } = await api(`/api/children/${encodeURIComponent(childId)}/observations`, {
      method: 'POST',
      body,
      headers: { 'Idempotency-Key': pendingShare.key },
    });
    pendingShare = null;
    $('share-text').value = '';
    $('share-next-steps').value = '';
    document.querySelectorAll('#share-areas input[name="areas"]').forEach((box) => {
      box.checked = false;
    });
    const result = $('share-result');
    result.dataset.updateId = data?.id ?? '';
    showShareResult(
      'success',
      el('p', { class: 'result__title' }, 'Shared with the family.'),
      data?.id ? el('p', { class: 'result__detail' }, 'Reference: ', el('code', {}, data.id)) : null,
    );
  } catch (error) {
    showShareError(error);
  } finally {
    button.disabled = false;
    button.textContent = 'Share with the family';
  }
}

function showShareError(error) {
  const unplaced = [];
  let firstField = null;
  for (const { field, message } of error.fieldErrors) {
    const key = fieldKey(field);
    if (key) {
      showFieldError(key, message ?? 'Check this field.');
      firstField ??= key;
    }
    unplaced.push(el('li', {}, `${FIELD_LABELS.get(key) ?? field ?? 'Request'}: ${message ?? 'not valid'}`));
  }
  const fallback = {
    0: error.message,
    403: 'You can share only about children you are key person for.',
    404: 'No child has that id.',
    409: 'That cannot be shared right now.',
  };
  const detail = error.problem?.detail || error.problem?.title || fallback[error.status] || error.message;
  showShareResult(
    'error',
    el('p', { class: 'result__title' }, 'Not shared.'),
    el('p', { class: 'result__detail', 'data-testid': 'share-error-detail' }, detail),
    unplaced.length ? el('ul', { class: 'result__errors', 'data-testid': 'share-error-list' }, unplaced) : null,
  );
  if (error.status === 404 && !firstField) {
    showFieldError('childId', 'No child has that id.');
    firstField = 'childId';
  }
  if (firstField) shareFields[firstField]().focus();
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
  $('inbox-refresh').addEventListener('click', refreshInbox);
  $('timeline-more').addEventListener('click', loadOlder);

  session = loadSession();
  if (session) enterApp();
  else showSignIn();
}

init();
