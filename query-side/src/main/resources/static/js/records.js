// Loads what several pages need from the read models and derives the counts the views do not carry themselves.

import { query } from './api.js';

/**
 * The agenda view, the session's participation (null while nobody has attended: the 404 means "none yet") and the
 * session's key points; the coverage answer also names the session's summarised conversations.
 */
export async function loadSession(agendaId, asOf = null) {
  const id = encodeURIComponent(agendaId);
  // As of a past moment (asOf: {at, basis}), the agenda and participation as they stood; key points as they stand now.
  const past = asOf ? { asOf: asOf.at, asOfBasis: asOf.basis } : {};
  const [agenda, participation, coverage] = await Promise.all([
    query(`/api/agendas/${id}`, past),
    query(`/api/participation/sessions/${id}`, past).catch(e => (e.status === 404 ? null : Promise.reject(e))),
    query('/api/coverage', { agendaId }),
  ]);
  return { agenda, participation, coverage, summarisedIds: new Set(coverage.summarisedConversationIds) };
}

/** conversationId → participation numbers. */
export function participationByConversation(participation) {
  const numbers = new Map();
  for (const round of participation?.rounds || []) {
    for (const conversation of round.conversationDetails || []) numbers.set(conversation.conversationId, conversation);
  }
  return numbers;
}

export function proposalsById(agenda) {
  return new Map(agenda.proposals.map(p => [p.proposalId, p]));
}

/** conversationId → {PROBLEM: n, SOLUTION: n, ...} over key points not retracted. */
export function kindsByConversation(keyPoints) {
  const counts = new Map();
  for (const k of keyPoints) {
    if (k.fate === 'RETRACTED') continue;
    const entry = counts.get(k.conversationId) || { PROBLEM: 0, SOLUTION: 0, RECOMMENDATION: 0, QUESTION: 0, OBSERVATION: 0, total: 0 };
    entry[k.kind] = (entry[k.kind] || 0) + 1;
    entry.total++;
    counts.set(k.conversationId, entry);
  }
  return counts;
}

/**
 * A conversation "stayed in the problem space" when its notes hold problems but fewer ways forward (solutions and
 * recommendations together) than problems.
 */
export function stayedInProblemSpace(kinds) {
  if (!kinds || kinds.PROBLEM === 0) return false;
  return kinds.SOLUTION + kinds.RECOMMENDATION < kinds.PROBLEM;
}

/**
 * Per round, what the records hold: slots on the grid, conversations scheduled, held, not held, with notes and
 * summarised. The differences between these are the discrepancies a review team needs to see.
 */
export function roundCounts(agenda, keyPointKinds, summarisedIds) {
  return agenda.rounds.map(round => {
    const inRound = agenda.proposals.filter(p => p.slot && p.slot.round === round.round && p.status !== 'WITHDRAWN');
    const count = predicate => inRound.filter(predicate).length;
    return {
      round: round.round,
      status: round.status,
      slots: agenda.rooms.length,
      scheduled: inRound.length,
      held: count(p => p.conversationStatus === 'HELD' || p.conversationStatus === 'IN_PROGRESS'),
      notHeld: count(p => p.conversationStatus === 'NOT_HELD'),
      withNotes: count(p => keyPointKinds.has(p.proposalId)),
      summarised: count(p => summarisedIds.has(p.proposalId)),
    };
  });
}

export function hostNames(hosts) {
  const names = (hosts || []).filter(Boolean).map(host => host.label || host.participantId);
  return names.length ? names.join(' and ') : 'no host recorded';
}

/** Where a proposal came from, in words: merged from / clarified against / split from. */
export function lineageLines(proposal, byId) {
  const question = id => byId.get(id)?.question || id;
  const lines = [];
  if (proposal.mergedFrom?.length) {
    lines.push({ kind: 'merged', text: `Merged from ${proposal.mergedFrom.length} proposals`,
                 items: proposal.mergedFrom.map(id => ({ id, question: question(id), by: byId.get(id)?.proposer })) });
  }
  if (proposal.clarifiedAgainst?.length) {
    lines.push({ kind: 'clarified', text: 'Clarified and kept apart from',
                 items: proposal.clarifiedAgainst.map(id => ({ id, question: question(id), by: byId.get(id)?.proposer })) });
  }
  if (proposal.splitFrom) {
    lines.push({ kind: 'split', text: 'Split from',
                 items: [{ id: proposal.splitFrom, question: question(proposal.splitFrom), by: byId.get(proposal.splitFrom)?.proposer }] });
  }
  if (proposal.splitInto?.length) {
    lines.push({ kind: 'split-into', text: 'Split into',
                 items: proposal.splitInto.map(id => ({ id, question: question(id) })) });
  }
  if (proposal.mergedInto) {
    lines.push({ kind: 'merged-into', text: 'Merged into',
                 items: [{ id: proposal.mergedInto, question: question(proposal.mergedInto) }] });
  }
  // A reversed merge keeps both steps: the source says what it was merged into and that this was undone, the merged
  // proposal which sources came back; each with the reason given.
  for (const step of proposal.lineage || []) {
    if (step.kind !== 'MERGE_REVERSED') continue;
    const details = step.details || {};
    const note = `then reversed${details.by ? ` by ${details.by}` : ''}, because: ${details.reason || '(no reason recorded)'}`;
    if (details.from) {
      lines.push({ kind: 'merge-reversed', text: 'Merged into', note,
                   items: [{ id: details.from, question: question(details.from) }] });
    } else {
      lines.push({ kind: 'merge-reversed', text: 'Merge reversed; back on the agenda', note: note.replace(/^then /, ''),
                   items: (details.sources || []).map(id => ({ id, question: question(id), by: byId.get(id)?.proposer })) });
    }
  }
  return lines;
}

/** Rooms are named freely ("Room 01", "Breakout 3", "7"); a bare number gets the word. */
export function roomName(room) {
  return /^\d+$/.test(String(room)) ? `Room ${room}` : String(room);
}
