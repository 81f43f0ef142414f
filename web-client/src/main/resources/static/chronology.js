// A child's safeguarding history (GET /api/children/{id}/history) told as a chronology a person would
// write: one line per event, grouped by day, each saying who did what ("09:30 — Kira Key (key person)
// shared an observation: “…”"). Deliveries are folded under the update they carried; a withdrawn update
// keeps its text and is marked; concerns, their actions and the alerts to safeguarding leads are marked
// as safeguarding. The history holds ids only: names come from what the page already knows (people).

import { el } from './dom.js';
import {
  formatAndList,
  formatCalendarDay,
  formatDateTime,
  formatDayHeading,
  formatFullDateTime,
  formatList,
  formatTime,
  has,
  languageName,
  sentence,
  t,
  tCode,
  tOr,
} from './i18n.js';

/** The kinds a reader can show or hide, in the order of their checkboxes. */
export const KINDS = ['updates', 'replies', 'deliveries', 'restrictions', 'concerns', 'reviews'];

const KIND_OF = {
  ObservationShared: 'updates',
  MeetingBooked: 'updates',
  MeetingRescheduled: 'updates',
  MeetingCancelled: 'updates',
  FeedbackGiven: 'updates',
  AnnouncementBroadcast: 'updates',
  UpdateWithdrawn: 'updates',
  ParentReplied: 'replies',
  UpdateAcknowledged: 'replies',
  NotificationSent: 'deliveries',
  NotificationFailed: 'deliveries',
  NotificationSkipped: 'deliveries',
  NotificationHeldBack: 'deliveries',
  NotificationStatusReported: 'deliveries',
  CarerRestricted: 'restrictions',
  CarerRestrictionLifted: 'restrictions',
  ConcernRecorded: 'concerns',
  ConcernActionRecorded: 'concerns',
  SafeguardingLeadAlerted: 'concerns',
  SafeguardingLeadAlertFailed: 'concerns',
  SafeguardingHistoryViewed: 'reviews',
  SafeguardingHistoryExported: 'reviews',
};

/** The events that start an update (whose id notifications, replies and withdrawals refer to). */
const UPDATE_TYPES = new Set(['ObservationShared', 'MeetingBooked', 'FeedbackGiven', 'AnnouncementBroadcast']);
const CHANNEL_ORDER = ['APP', 'SMS', 'EMAIL'];

/** The kind of an event type; null for the child's own events (registration and the like), always shown. */
export function kindOf(type) {
  return KIND_OF[type] ?? null;
}

function updateIdOf(event) {
  return event.payload?.updateId ?? event.payload?.meetingId ?? null;
}

/** "ChildRegistered" → "Child registered", for a type this page does not know yet. */
function humaniseType(type) {
  const words = String(type ?? '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : '';
}

/** A server code such as QUIET_HOURS in words ("quiet hours"); free text stays as it is. */
function words(value) {
  const text = String(value ?? '');
  return /^[A-Z0-9_]+$/.test(text) ? text.toLowerCase().replaceAll('_', ' ') : text;
}

function quoted(text, quote) {
  return quote ? t('common.quoted', { sentence: text, text: quote }) : text;
}

function timeEl(iso, text) {
  return el('time', { datetime: iso ?? '', title: formatFullDateTime(iso) }, text);
}

/** The calendar day of an instant in this browser's time zone ("2026-12-03"), for grouping. */
function dayKey(iso) {
  const date = new Date(iso ?? NaN);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Builds the chronology of one history once; render(kinds) draws it with only those kinds shown.
 * `people.name(id)` answers a known name or null; `people.selfId` is the reader.
 */
export function chronology(history, people) {
  const events = Array.isArray(history?.events) ? history.events : [];
  const brokenAt = history?.integrity?.verified === false ? history.integrity.brokenAt : null;

  const updates = new Map(); // update id → { event, withdrawal, deliveries }
  const replies = new Set();
  const concerns = new Map(); // concern id → its ConcernRecorded
  const carers = []; // carer ids in order of first appearance
  for (const event of events) {
    const payload = event.payload ?? {};
    if (UPDATE_TYPES.has(event.type) && updateIdOf(event)) {
      updates.set(updateIdOf(event), { event, withdrawal: null, deliveries: [] });
    }
    if (event.type === 'ParentReplied' && payload.replyId) replies.add(payload.replyId);
    if (event.type === 'ConcernRecorded' && payload.concernId) concerns.set(payload.concernId, event);
    const carerId = payload.carerId ?? (event.actor?.role === 'CARER' ? event.actor.id : null);
    if (carerId && !carers.includes(carerId)) carers.push(carerId);
  }

  // One item per line; deliveries join their update's line, or a line of their own when it is not here.
  const items = [];
  const orphans = new Map(); // update id → its item of deliveries alone
  for (const event of events) {
    const update = updates.get(updateIdOf(event));
    if (event.type === 'UpdateWithdrawn' && update) update.withdrawal = event;
    if (kindOf(event.type) === 'deliveries') {
      if (update) {
        update.deliveries.push(event);
        continue;
      }
      const key = updateIdOf(event) ?? `event-${event.sequence}`;
      if (!orphans.has(key)) {
        const item = { event, kind: 'deliveries', orphan: true, deliveries: [] };
        orphans.set(key, item);
        items.push(item);
      }
      orphans.get(key).deliveries.push(event);
      continue;
    }
    items.push({ event, kind: kindOf(event.type), update: update?.event === event ? update : null });
  }

  // --- who --------------------------------------------------------------------------------------

  function carer(id) {
    const name = id ? people.name(id) : null;
    if (name) return name;
    const unnamed = carers.filter((candidate) => !people.name(candidate));
    if (unnamed.length < 2 || !unnamed.includes(id)) return t('role.a.CARER');
    return t('person.carerLettered', { letter: String.fromCharCode(65 + (unnamed.indexOf(id) % 26)) });
  }

  /** A member of staff named in a payload: their name, or the fallback words ("a safeguarding lead (you)"). */
  function staff(id, fallbackKey) {
    const name = id ? people.name(id) : null;
    if (name) return name;
    if (id && id === people.selfId) return t('person.fallbackIsYou', { person: t(fallbackKey) });
    return t(fallbackKey);
  }

  /** Who did it: "Kira Key (key person)", "you (safeguarding lead)", "a manager", "the platform". */
  function actor(who) {
    const role = who?.role ?? null;
    if (!who?.id && !role) return t('role.a.system');
    if (role === 'CARER') return carer(who.id);
    const roleWord = role && has(`role.${role}`) ? t(`role.${role}`) : null;
    const name = who.id ? people.name(who.id) : null;
    if (name) return roleWord ? t('person.named', { name, role: roleWord }) : name;
    if (who.id && who.id === people.selfId) return roleWord ? t('person.youWithRole', { role: roleWord }) : t('person.you');
    if (role && has(`role.a.${role}`)) return t(`role.a.${role}`);
    return who.id ? t('person.someone') : t('role.a.system');
  }

  // --- what it refers to -----------------------------------------------------------------------

  function updateRef(id) {
    const update = updates.get(id);
    if (update) {
      return tOr(`ref.update.${update.event.type}`, 'ref.update.unknown', { when: formatDateTime(update.event.occurredAt) });
    }
    return replies.has(id) ? t('ref.reply') : t('ref.update.unknown');
  }

  function concernRef(id) {
    const concern = concerns.get(id);
    return concern ? t('ref.concern', { when: formatDateTime(concern.occurredAt) }) : t('ref.concern.unknown');
  }

  const by = (channel) => (has(`channel.by.${channel}`) ? t(`channel.by.${channel}`) : tCode('channel', channel));
  const duration = (minutes) => t('duration.minutes', { count: Number(minutes) || 0 });

  function asked(query) {
    const parts = [];
    if (query?.from) parts.push(t('review.from', { day: formatDateTime(query.from) }));
    if (query?.to) parts.push(t('review.to', { day: formatDateTime(query.to) }));
    if (query?.asOf) parts.push(t('review.asOf', { day: formatDateTime(query.asOf) }));
    return t('review.asked', { parts: parts.length ? formatList(parts) : t('review.whole') });
  }

  // --- each event in words: { text, details } ----------------------------------------------------

  function describe(event) {
    const p = event.payload ?? {};
    const who = actor(event.actor);
    switch (event.type) {
      case 'ChildRegistered':
        return {
          text: t('event.ChildRegistered', {
            actor: who,
            child: p.name ?? t('ref.thisChild'),
            born: formatCalendarDay(p.dateOfBirth),
            keyPerson: staff(p.keyPersonId, 'person.aStaffMember'),
          }),
        };
      case 'ObservationShared': {
        const areas = Array.isArray(p.areas) ? p.areas.map((area) => tCode('area', area)) : [];
        return {
          text: quoted(t('event.ObservationShared', { actor: who }), p.text),
          details: [
            areas.length ? t('chronology.areas', { areas: formatAndList(areas) }) : null,
            p.nextSteps ? t('chronology.nextSteps', { text: p.nextSteps }) : null,
          ],
        };
      }
      case 'MeetingBooked':
        return {
          text: quoted(
            t('event.MeetingBooked', {
              actor: who,
              when: formatDateTime(p.startsAt),
              duration: duration(p.durationMinutes),
              location: p.location ?? '',
            }),
            p.purpose,
          ),
        };
      case 'MeetingRescheduled':
        return {
          text: t('event.MeetingRescheduled', {
            actor: who,
            previous: formatDateTime(p.previousStartsAt),
            when: formatDateTime(p.startsAt),
            duration: duration(p.durationMinutes),
          }),
        };
      case 'MeetingCancelled':
        return { text: quoted(t('event.MeetingCancelled', { actor: who, when: formatDateTime(p.startsAt) }), p.reason) };
      case 'FeedbackGiven':
        return {
          text: quoted(
            p.inReplyTo
              ? t('event.FeedbackGivenInReply', { actor: who, update: updateRef(p.inReplyTo) })
              : t('event.FeedbackGiven', { actor: who }),
            p.text,
          ),
        };
      case 'AnnouncementBroadcast':
        return {
          text: quoted(
            t(p.roomId ? 'event.AnnouncementBroadcast.room' : 'event.AnnouncementBroadcast.setting', { actor: who }),
            p.title,
          ),
          details: [p.text, p.eventDate ? formatCalendarDay(p.eventDate) : null],
          badges: p.urgent ? [['urgent', t('badge.urgent')]] : [],
        };
      case 'ParentReplied': {
        const author = p.carerId ? carer(p.carerId) : who;
        const text = p.updateId
          ? t('event.ParentReplied', { actor: author, update: updateRef(p.updateId), channel: by(p.channel) })
          : t('event.ParentRepliedDirect', { actor: author, channel: by(p.channel) });
        return { text: quoted(text, p.text) };
      }
      case 'UpdateAcknowledged':
        return { text: t('event.UpdateAcknowledged', { actor: p.carerId ? carer(p.carerId) : who, update: updateRef(p.updateId) }) };
      case 'UpdateWithdrawn':
        return { text: quoted(t('event.UpdateWithdrawn', { actor: who, update: updateRef(p.updateId) }), p.reason) };
      case 'CarerRestricted':
        return { text: quoted(t('event.CarerRestricted', { actor: who, carer: carer(p.carerId) }), p.reason) };
      case 'CarerRestrictionLifted':
        return { text: quoted(t('event.CarerRestrictionLifted', { actor: who, carer: carer(p.carerId) }), p.reason) };
      case 'ConcernRecorded':
        return {
          text: quoted(
            t('event.ConcernRecorded', { actor: who, category: tCode('category', p.category) }),
            p.text,
          ),
        };
      case 'ConcernActionRecorded':
        return {
          text: quoted(
            tOr(`event.ConcernActionRecorded.${p.action}`, 'event.ConcernActionRecorded.other', {
              actor: who,
              concern: concernRef(p.concernId),
              action: words(p.action),
            }),
            p.note,
          ),
        };
      case 'SafeguardingLeadAlerted':
        return {
          text: tOr(`event.SafeguardingLeadAlerted.${p.reason}`, 'event.SafeguardingLeadAlerted.NEW_CONCERN', {
            lead: staff(p.staffId, 'person.aLead'),
            channel: by(p.channel),
            concern: concernRef(p.concernId),
          }),
        };
      case 'SafeguardingLeadAlertFailed':
        return {
          text: quoted(
            t('event.SafeguardingLeadAlertFailed', { lead: staff(p.staffId, 'person.aLead'), channel: by(p.channel) }),
            p.detail,
          ),
        };
      case 'SafeguardingHistoryViewed':
        return {
          text: quoted(t('event.SafeguardingHistoryViewed', { actor: actor(event.actor ?? { id: p.viewerId, role: p.role }) }), p.reason),
          details: [asked(p.query)],
        };
      case 'SafeguardingHistoryExported':
        return {
          text: quoted(
            t('event.SafeguardingHistoryExported', {
              actor: actor(event.actor ?? { id: p.exporterId, role: p.role }),
              format: String(p.format ?? '').toUpperCase(),
            }),
            p.reason,
          ),
          details: [asked(p.query)],
        };
      default:
        return { text: t('event.unknown', { actor: who, type: humaniseType(event.type) }) };
    }
  }

  function describeDelivery(event) {
    const p = event.payload ?? {};
    const params = { carer: carer(p.carerId), channel: by(p.channel) };
    switch (event.type) {
      case 'NotificationSent':
        return t('delivery.NotificationSent', { ...params, language: languageName(p.language) || p.language || '' });
      case 'NotificationFailed':
        return t('delivery.NotificationFailed', { ...params, reason: words(p.reason) });
      case 'NotificationStatusReported':
        return tOr(`delivery.NotificationStatusReported.${p.status}`, 'delivery.NotificationStatusReported.other', {
          ...params,
          status: words(p.status),
          code: p.errorCode ?? '',
        });
      case 'NotificationHeldBack':
        return t('delivery.NotificationHeldBack', { ...params, until: formatDateTime(p.until), reason: words(p.reason) });
      case 'NotificationSkipped':
        return t('delivery.NotificationSkipped', { ...params, reason: words(p.reason) });
      default:
        return t('event.unknown', { actor: actor(event.actor), type: humaniseType(event.type) });
    }
  }

  /** "Delivered to 2 carers: SMS, email; not delivered to 1 carer". */
  function deliverySummary(deliveries) {
    const failedLater = new Set(
      deliveries
        .filter((d) => d.type === 'NotificationStatusReported' && d.payload?.status === 'FAILED')
        .map((d) => d.payload.notificationId),
    );
    const byCarer = new Map();
    for (const { type, payload = {} } of deliveries) {
      const key = payload.carerId ?? '';
      if (!byCarer.has(key)) byCarer.set(key, { reached: new Set(), refused: false, held: false, settled: false });
      const state = byCarer.get(key);
      if (type === 'NotificationSent') {
        if (!failedLater.has(payload.notificationId)) state.reached.add(payload.channel);
        state.settled = true;
      } else if (type === 'NotificationFailed' || type === 'NotificationSkipped') {
        state.refused = true;
        state.settled = true;
      } else if (type === 'NotificationHeldBack') {
        state.held = true;
      }
    }
    const states = [...byCarer.values()];
    const reached = states.filter((s) => s.reached.size);
    const channels = CHANNEL_ORDER.filter((channel) => reached.some((s) => s.reached.has(channel)));
    const notReached = states.filter((s) => !s.reached.size && s.refused).length;
    const held = states.filter((s) => !s.reached.size && s.held && !s.settled).length;
    const parts = [];
    if (reached.length) {
      parts.push(
        t('deliveries.delivered', { count: reached.length, channels: formatList(channels.map((c) => tCode('channel', c))) }),
      );
    }
    if (notReached) parts.push(t('deliveries.notDelivered', { count: notReached }));
    if (held) parts.push(t('deliveries.held', { count: held }));
    return sentence(parts.length ? parts.join(t('deliveries.join')) : t('deliveries.nothing'));
  }

  // --- drawing -----------------------------------------------------------------------------------

  const lineId = (sequence) => `chronology-event-${sequence}`;

  function badge(kind, text) {
    return el('span', { class: `badge chronology__badge chronology__badge--${kind}` }, text);
  }

  function mismatch() {
    return el('p', { class: 'chronology__mismatch', 'data-testid': 'chronology-mismatch' }, t('integrity.mismatch'));
  }

  function deliveryList(deliveries, open) {
    const broken = deliveries.some((d) => d.sequence === brokenAt);
    return el(
      'details',
      { class: 'chronology__deliveries', 'data-testid': 'chronology-deliveries', open: open || broken },
      el('summary', {}, deliverySummary(deliveries)),
      el(
        'ul',
        { class: 'chronology__delivery-list' },
        deliveries.map((d) =>
          el(
            'li',
            {
              class: `chronology__delivery${d.sequence === brokenAt ? ' chronology__delivery--broken' : ''}`,
              id: lineId(d.sequence),
              tabindex: '-1',
              'data-sequence': d.sequence,
              'data-type': d.type,
            },
            timeEl(d.occurredAt, formatTime(d.occurredAt)),
            t('chronology.timeSeparator'),
            sentence(describeDelivery(d)),
            d.sequence === brokenAt ? [' ', badge('mismatch', t('badge.mismatch'))] : null,
          ),
        ),
      ),
    );
  }

  function line(item, kinds) {
    const { event } = item;
    const safeguarding = item.kind === 'concerns';
    const review = item.kind === 'reviews';
    const broken = event.sequence === brokenAt && !item.orphan;
    const { text, details = [], badges = [] } = item.orphan
      ? { text: t('chronology.orphanDeliveries', { update: updateRef(updateIdOf(event)) }) }
      : describe(event);
    const labels = [
      safeguarding ? badge('safeguarding', t('badge.safeguarding')) : null,
      review ? badge('review', t('badge.review')) : null,
      item.update?.withdrawal ? badge('withdrawn', t('badge.withdrawn')) : null,
      ...badges.map(([kind, words]) => badge(kind, words)),
      broken ? badge('mismatch', t('badge.mismatch')) : null,
    ].filter(Boolean);
    const classes = ['chronology__line'];
    if (safeguarding) classes.push('chronology__line--safeguarding');
    if (review) classes.push('chronology__line--review');
    if (item.update?.withdrawal) classes.push('chronology__line--withdrawn');
    if (broken) classes.push('chronology__line--broken');

    let deliveries = null;
    let shownDeliveries = 0;
    const folded = item.orphan ? item.deliveries : item.update?.deliveries ?? [];
    if (folded.length && (kinds.has('deliveries') || folded.some((d) => d.sequence === brokenAt))) {
      deliveries = deliveryList(folded, item.orphan);
      shownDeliveries = folded.length;
    }

    const node = el(
      'li',
      {
        class: classes.join(' '),
        id: item.orphan ? null : lineId(event.sequence),
        tabindex: '-1',
        'data-testid': 'chronology-event',
        'data-sequence': item.orphan ? null : event.sequence,
        'data-type': item.orphan ? 'deliveries' : event.type,
        'data-kind': item.kind ?? 'child',
      },
      labels.length ? el('p', { class: 'chronology__labels' }, labels) : null,
      el(
        'p',
        { class: 'chronology__text' },
        timeEl(event.occurredAt, formatTime(event.occurredAt)),
        t('chronology.timeSeparator'),
        sentence(text),
      ),
      details.filter(Boolean).map((detail) => el('p', { class: 'chronology__detail' }, detail)),
      item.update?.withdrawal
        ? el(
            'p',
            { class: 'chronology__detail chronology__withdrawn', 'data-testid': 'chronology-withdrawn' },
            t('chronology.withdrawnNote', {
              when: formatDateTime(item.update.withdrawal.occurredAt),
              actor: actor(item.update.withdrawal.actor),
            }),
          )
        : null,
      deliveries,
      broken ? mismatch() : null,
      item.orphan ? null : el('p', { class: 'chronology__sequence' }, t('chronology.eventNumber', { sequence: event.sequence })),
    );
    return { node, shown: (item.orphan ? 0 : 1) + shownDeliveries };
  }

  function visible(item, kinds) {
    if (item.kind == null || kinds.has(item.kind)) return true;
    // The altered event is always shown, whatever is ticked, and so is the line that holds it.
    if (item.event.sequence === brokenAt && !item.orphan) return true;
    return item.orphan && item.deliveries.some((d) => d.sequence === brokenAt);
  }

  return {
    total: events.length,
    brokenAt,
    lineId,

    /** The chronology with only `kinds` (a Set of KINDS) shown: { node, shown }. */
    render(kinds) {
      const days = new Map();
      let shown = 0;
      for (const item of items) {
        if (!visible(item, kinds)) continue;
        const drawn = line(item, kinds);
        shown += drawn.shown;
        const key = dayKey(item.event.occurredAt);
        if (!days.has(key)) days.set(key, { first: item.event.occurredAt, lines: [] });
        days.get(key).lines.push(drawn.node);
      }
      const node = el(
        'div',
        { class: 'chronology', 'data-testid': 'chronology' },
        [...days.entries()].map(([key, day], index) => {
          const headingId = `chronology-day-${index}`;
          const date = new Date(day.first);
          return el(
            'section',
            { class: 'chronology__day', 'aria-labelledby': headingId, 'data-day': key },
            el(
              'h2',
              { class: 'chronology__date', id: headingId },
              Number.isNaN(date.getTime()) ? t('common.unknownTime') : timeEl(key, formatDayHeading(date)),
            ),
            el('ol', { class: 'chronology__lines' }, day.lines),
          );
        }),
      );
      if (!days.size) node.append(el('p', { class: 'empty', 'data-testid': 'chronology-empty' }, t('chronology.empty')));
      return { node, shown };
    },
  };
}
