#!/usr/bin/env python3
"""Check the Create open-space dataset against the report it was taken from.

Usage:
    python3 docs/dataset-check.py [--json PATH] [--report PATH] [--markdown]

Defaults (relative to this file): ../importer/src/main/resources/dataset/create-open-space.json
and the report named in the dataset's source.file, looked up in ../../shared, ../shared and /work/shared.

Exits 1 if any check fails. --markdown prints the count tables as Markdown (used in docs/dataset.md).
Standard library only.
"""
import argparse
import collections
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_JSON = os.path.join(HERE, '..', 'importer', 'src', 'main', 'resources', 'dataset', 'create-open-space.json')

KINDS = {'problem', 'solution', 'recommendation', 'question', 'observation'}
GROUPS = {'care-experienced-young-people', 'care-experienced-adults', 'birth-parents-and-families',
          'kinship-carers-and-special-guardians', 'foster-carers', 'adoptive-parents', 'social-workers',
          'other-professionals', 'unknown'}
CUE_SOURCES = {'lead-in', 'own-wording', 'sentence', 'default'}
COUNT_BASES = {'proposer-plus-others', 'including-proposer', 'stated-total', 'proposer-only',
               'proposer-inclusion-not-stated', 'joined-proposers-plural'}
CITE_BASES = {'same-words', 'same-topic', 'abbreviation', 'illustration'}
APPENDIX_FIRST_LINE = 396  # "Round 1"

QUOTE_MAP = {'\u201c': '"', '\u201d': '"', '\u2018': "'", '\u2019': "'"}


def norm(s):
    """The dataset's only normalisation: curly quotes to straight, whitespace runs to one space."""
    for k, v in QUOTE_MAP.items():
        s = s.replace(k, v)
    return ' '.join(s.split())


class Checker:
    def __init__(self):
        self.failures = []
        self.passed = collections.Counter()

    def ok(self, cond, check, msg):
        if cond:
            self.passed[check] += 1
        else:
            self.failures.append('[%s] %s' % (check, msg))
        return cond


def quoted_spans(lines):
    """Spans opened by a curly double quote; closed by the next curly close quote, or by a straight
    double quote when another opening quote comes first. Returns (line, lineEnd, text or None)."""
    text, line_of = [], []
    for n, l in enumerate(lines, 1):
        for ch in l + '\n':
            text.append(ch)
            line_of.append(n)
    text = ''.join(text)
    out, i = [], 0
    while True:
        a = text.find('\u201c', i)
        if a < 0:
            return out
        b = text.find('\u201d', a + 1)
        nxt = text.find('\u201c', a + 1)
        if nxt != -1 and (b == -1 or nxt < b):
            s = text.find('"', a + 1)
            if s != -1 and s < nxt:
                b = s
            else:  # unclosed quote: report it and continue from the next opening quote
                out.append((line_of[a], line_of[nxt], None))
                i = nxt
                continue
        out.append((line_of[a], line_of[b], norm(text[a + 1:b])))
        i = b + 1


def find_report(path_from_json, explicit):
    if explicit:
        return explicit
    rel = path_from_json.split('shared/', 1)[-1]
    for base in (os.path.join(HERE, '..', '..', 'shared'), os.path.join(HERE, '..', 'shared'), '/work/shared'):
        p = os.path.join(base, rel)
        if os.path.exists(p):
            return p
    sys.exit('report not found; pass --report')


def strings_in(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from strings_in(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from strings_in(v)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--json', default=DEFAULT_JSON)
    ap.add_argument('--report')
    ap.add_argument('--markdown', action='store_true')
    args = ap.parse_args()

    data = json.load(open(args.json, encoding='utf-8'))
    report_path = find_report(data['source']['file'], args.report)
    raw = open(report_path, 'rb').read()
    lines = raw.decode('utf-8').split('\n')
    full = norm(' '.join(lines))
    ck = Checker()

    def at(line, line_end=None, window=0):
        a = max(1, line - window)
        b = (line_end or line) + window
        return norm(' '.join(lines[a - 1:b]))

    # ---------- source ----------
    ck.ok(hashlib.sha256(raw).hexdigest() == data['source']['sha256'], 'source-hash',
          'report file differs from the one the dataset was built from')
    ck.ok(len(lines) == data['source']['lines'], 'source-lines', 'line count differs')

    convs = data['conversations']
    kps = [k for c in convs for k in c['keyPoints']]
    parts = {p['id']: p for p in data['participants']}
    props = {p['id']: p for p in data['proposals']}
    conv_by_id = {c['id']: c for c in convs}
    kp_by_id = {k['id']: k for k in kps}
    themes = {t['id']: t for t in data['themes']}
    feedback = {f['id']: f for f in data['session']['feedbackQuotes']}
    items = [i for s in data['reportSections'] for i in s['items']]

    # ---------- ids unique, references resolve ----------
    all_ids = (list(parts) + list(props) + [c['id'] for c in convs] + [k['id'] for k in kps] + list(themes)
               + [s['id'] for s in data['reportSections']] + [i['id'] for i in items] + list(feedback)
               + [d['id'] for d in data['discrepancies']] + [a['id'] for a in data['assumptions']])
    dup = [i for i, n in collections.Counter(all_ids).items() if n > 1]
    ck.ok(not dup, 'ids-unique', 'duplicate ids: %s' % dup)
    ck.ok(len(parts) == data['session']['attendance']['total'], 'participants-total',
          '%d participants vs attendance %s' % (len(parts), data['session']['attendance']['total']))
    for i, p in enumerate(data['participants'], 1):
        ck.ok(p['id'] == 'p-%03d' % i and p['pseudonym'] == 'Participant %03d' % i, 'participant-ids', p['id'])
        ck.ok(set(p['stakeholderGroups']) <= GROUPS and p['stakeholderGroups'], 'participant-groups', p['id'])
        ck.ok(bool(p['basis']), 'participant-basis', p['id'])
        for m in p['mentionedIn']:
            ck.ok(m['conversation'] in conv_by_id, 'participant-refs', p['id'])
        if p['stakeholderGroupOneOf']:
            ck.ok(p['stakeholderGroups'] == ['unknown'], 'participant-oneof', p['id'])
        if p['roleAsWritten']:
            ck.ok(norm(p['roleAsWritten']) in full, 'participant-role-text', p['id'])
    for c in convs:
        ck.ok(c['host'] in parts, 'conversation-host', c['id'])
        pr = props.get(c['proposalId'])
        ck.ok(pr is not None and pr['conversationId'] == c['id'] and pr['proposer'] == c['host']
              and pr['question'] == c['question'] and pr['round'] == c['round'] and pr['room'] == c['room'],
              'proposal-link', c['id'])
        for r in c['attendeeRoles']:
            for pid in r['participants']:
                ck.ok(pid in parts and any(m['conversation'] == c['id'] for m in parts[pid]['mentionedIn']),
                      'role-participants', '%s %s' % (c['id'], pid))
        for t in c['relatedThemes']:
            ck.ok(t['theme'] in themes, 'theme-refs', c['id'])
        for s in c['segments']:
            for k in s['keyPoints']:
                ck.ok(k in kp_by_id and k.startswith(c['id'] + '-'), 'segment-refs', '%s %s' % (c['id'], k))
    for m in data['merges']:
        for ref in m['from'] + [m['into']]:
            ck.ok(ref in props, 'merge-refs', str(m))
    for k in kps:
        ck.ok(k['attributedTo'] is None or k['attributedTo'] in parts, 'attribution-refs', k['id'])
    known = set(all_ids)
    for it in items:
        for c in it['cites']:
            ck.ok(c['ref'] in known, 'cite-refs', '%s -> %s' % (it['id'], c['ref']))
            ck.ok(c['basis'] in CITE_BASES and bool(c['evidence']), 'cite-basis', it['id'])
    for d in data['discrepancies']:
        for a in d['affects']:
            if re.match(r'^(r\d-c\d\d(-k\d\d)?|pr-.*|p-\d{3}|rs-\d\d(-i\d\d)?|th-[a-z]+-\d\d|fb-\d\d)$', a):
                ck.ok(a in known, 'discrepancy-refs', '%s -> %s' % (d['id'], a))

    # ---------- rooms, rounds, counts ----------
    for r in data['rounds']:
        rc = [c for c in convs if c['round'] == r['number']]
        ck.ok([c['room'] for c in rc] == list(range(1, len(rc) + 1)), 'rooms', 'round %d' % r['number'])
        ck.ok(r['listedConversations'] == len(rc) and r['conversationIds'] == [c['id'] for c in rc],
              'round-listed', 'round %d' % r['number'])
        aw = r['announcedConversations']
        ck.ok(norm(aw['asWritten']) in at(aw['line'], aw['line'] + 1), 'round-announced-text', 'round %d' % r['number'])
    words = {15: '15', 14: 'fourteen', 42: '42'}
    for r, n in zip(data['rounds'], data['announced']['perRound']):
        ck.ok(r['announcedConversations']['count'] == n and words[n] in r['announcedConversations']['asWritten'],
              'announced-per-round', 'round %d' % r['number'])
    for a in data['announced']['agenda']['asWritten']:
        ck.ok(words[data['announced']['agenda']['count']] in a['text'] and norm(a['text']) in at(a['line'], a['line'] + 2),
              'announced-agenda', a['text'])
    for c in convs:
        pc = c['participantCount']
        ck.ok(pc['basis'] in COUNT_BASES, 'count-basis', c['id'])
        ck.ok(norm(pc['asWritten']) in at(pc['line'], pc['line'] + 3), 'count-text', c['id'])
        expect = {'proposer-plus-others': lambda s: (s + 1, s + 1, s + 1),
                  'including-proposer': lambda s: (s, s, s), 'stated-total': lambda s: (s, s, s),
                  'proposer-only': lambda s: (1, 1, 1),
                  'proposer-inclusion-not-stated': lambda s: (None, s, s + 1),
                  'joined-proposers-plural': lambda s: (None, s + 1, None)}[pc['basis']](pc['stated'])
        ck.ok((pc['total'], pc['totalMin'], pc['totalMax']) == expect, 'count-arithmetic', c['id'])

    # ---------- text fidelity ----------
    for s in strings_in(data):
        ck.ok(not any(q in s for q in QUOTE_MAP), 'quotes-normalised', 'curly quote left in: %.80s' % s)
    def verbatim(check, text, line, line_end=None, window=0, label=''):
        if text is None:
            return
        ck.ok(norm(text) == text, check + '-normalised', label)
        ck.ok(text in at(line, line_end, window), check, '%s: not found at lines %s-%s: %.80s' % (label, line, line_end or line, text))

    for c in convs:
        verbatim('title', c['question'], c['source']['titleLine'], c['source']['titleLineEnd'], label=c['id'])
        verbatim('summary', c['summary'], c['source']['line'], c['source']['lineEnd'], label=c['id'])
        if c['description']:
            verbatim('description', c['description']['text'], c['description']['line'], window=4, label=c['id'])
        for s in c['segments']:
            if s['leadIn']:
                verbatim('lead-in', s['leadIn'], s['line'], window=4, label='%s@%d' % (c['id'], s['line']))
            if s['declaredKind'] is not None:
                ck.ok(s['declaredKind'] in KINDS, 'segment-kind', c['id'])
    for k in kps:
        src = k['source']
        verbatim('keypoint-text', k['text'], src['line'], src['lineEnd'], label=k['id'])
        verbatim('keypoint-context', k['context'], src['line'], src['lineEnd'], window=3, label=k['id'])
        if k['context']:
            ck.ok(k['text'] in k['context'], 'keypoint-in-context', k['id'])
        ck.ok(k['kind'] in KINDS, 'kind', k['id'])
        ck.ok(k['kindCueSource'] in CUE_SOURCES, 'kind-cue-source', k['id'])
        if k['kindCueSource'] == 'own-wording':
            ck.ok(k['kindCue'] in k['text'], 'kind-cue-found', '%s: %s' % (k['id'], k['kindCue']))
        elif k['kindCueSource'] in ('lead-in', 'sentence'):
            # a cue may elide words with "..."; every part must be in the report
            ck.ok(all(part.strip() in full for part in k['kindCue'].split('...')), 'kind-cue-found',
                  '%s: %s' % (k['id'], k['kindCue']))
        for f in k.get('printedFragments') or []:
            ck.ok(norm(lines[f['line'] - 1]) == f['text'], 'fragments', k['id'])
    for t in data['themes']:
        verbatim('theme-wording', t['wording'], t['line'], t['lineEnd'], label=t['id'])
    for s in data['reportSections']:
        for it in s['items']:
            verbatim('section-text', it['text'], it['line'], it['lineEnd'], label=it['id'])
        ck.ok(s['text'] == ' '.join(i['text'] for i in s['items']), 'section-text-joined', s['id'])
    for f in feedback.values():
        verbatim('feedback', f['text'], f['source']['line'], f['source']['lineEnd'], label=f['id'])
    for d in data['discrepancies']:
        for w in d['where']:
            verbatim('discrepancy-where', w['phrase'], w['line'], window=2, label=d['id'])
    sess = data['session']
    for a in sess['attendance']['asWritten']:
        verbatim('attendance-text', a['text'], a['line'], window=1, label=a['text'])
    verbatim('framing-question', sess['framingQuestion']['text'], sess['framingQuestion']['line'], sess['framingQuestion']['lineEnd'], label='framing')
    verbatim('big-question', data['consultation']['bigQuestion']['text'], data['consultation']['bigQuestion']['line'],
             data['consultation']['bigQuestion']['lineEnd'], label='big question')

    # ---------- quote coverage: every quoted span in the report is accounted for ----------
    spans = quoted_spans(lines)
    verbatim_kps = [k for k in kps if k['verbatim']]
    titles = {c['question']: c for c in convs}
    other_strings = [s for s in strings_in({k: v for k, v in data.items() if k != 'conversations'})]
    para_strings = [k['text'] for k in kps if not k['verbatim']] + [k['context'] for k in kps if k['context']] + \
                   [s['leadIn'] for c in convs for s in c['segments'] if s['leadIn']] + \
                   [c['description']['text'] for c in convs if c['description']]
    kp_by_start = collections.defaultdict(list)
    for k in verbatim_kps:
        kp_by_start[k['source']['line']].append(k)
    accounted = collections.Counter()
    for line, line_end, text in spans:
        if text is None:  # unclosed quote: must be a title taken from that line
            ok = any(c['source']['titleLine'] == line for c in convs)
            ck.ok(ok, 'quote-coverage', 'unclosed quote at line %d not accounted for' % line)
            accounted['unclosed title'] += ok
            continue
        if line >= APPENDIX_FIRST_LINE:
            match = [k for k in kp_by_start.get(line, []) if k['text'] == text]
            if match:
                ck.ok(len(match) == 1, 'quote-once', 'line %d quote mapped to %d key points' % (line, len(match)))
                accounted['verbatim key point'] += 1
            elif text in titles and titles[text]['source']['titleLine'] == line:
                accounted['conversation title'] += 1
            elif any('"%s"' % text in s for s in para_strings):
                accounted['quoted term inside report prose'] += 1
            else:
                ck.ok(False, 'quote-coverage', 'appendix quote at line %d not accounted for: %.80s' % (line, text))
        else:
            found = any(text == s or '"%s"' % text in s for s in other_strings)
            ck.ok(found, 'quote-coverage', 'summary quote at line %d not in dataset: %.80s' % (line, text))
            accounted['quote outside the appendix, kept in session/theme/section fields'] += found
    span_keys = {(l, t) for l, _, t in spans}
    for k in verbatim_kps:
        ck.ok((k['source']['line'], k['text']) in span_keys, 'verbatim-is-quoted',
              '%s is marked verbatim but is not a quoted span starting at line %d' % (k['id'], k['source']['line']))
    per_text = collections.defaultdict(set)
    for c in convs:
        for k in c['keyPoints']:
            if k['verbatim']:
                per_text[k['text']].add(c['id'])
    multi = {t: cs for t, cs in per_text.items() if len(cs) > 1}
    ck.ok(not multi, 'quote-one-conversation', 'quotes in more than one conversation: %s' % multi)

    # ---------- counts ----------
    T = collections.OrderedDict()
    T['Conversations per round'] = [('Round', 'Announced', 'Summarised in the appendix', 'Participant places (min-max)')] + [
        (r['number'], r['announcedConversations']['count'], r['listedConversations'],
         '%d-%s' % (r['participantPlaces']['min'], r['participantPlaces']['max'] if r['participantPlaces']['max'] is not None else '?'))
        for r in data['rounds']] + [('all', sum(data['announced']['perRound']), len(convs), '')]
    # recompute places independently
    for r in data['rounds']:
        rc = [c['participantCount'] for c in convs if c['round'] == r['number']]
        mn = sum(p['totalMin'] for p in rc)
        mx = None if any(p['totalMax'] is None for p in rc) else sum(p['totalMax'] for p in rc)
        ck.ok((mn, mx) == (r['participantPlaces']['min'], r['participantPlaces']['max']), 'round-places', str(r['number']))
    by_kind = collections.Counter(k['kind'] for k in kps)
    by_kind_v = collections.Counter(k['kind'] for k in kps if k['verbatim'])
    by_round_kind = collections.Counter((c['round'], k['kind']) for c in convs for k in c['keyPoints'])
    rows = [('Kind', 'Round 1', 'Round 2', 'Round 3', 'Total', 'of which verbatim quotes')]
    for kind in ['problem', 'solution', 'recommendation', 'question', 'observation']:
        rows.append((kind, by_round_kind[(1, kind)], by_round_kind[(2, kind)], by_round_kind[(3, kind)], by_kind[kind], by_kind_v[kind]))
    rows.append(('all', sum(by_round_kind[(1, k)] for k in KINDS), sum(by_round_kind[(2, k)] for k in KINDS),
                 sum(by_round_kind[(3, k)] for k in KINDS), len(kps), len(verbatim_kps)))
    T['Key points by kind'] = rows
    cue_src = collections.Counter(k['kindCueSource'] for k in kps)
    T['Key points by source of the kind cue'] = [('kindCueSource', 'Key points')] + sorted(cue_src.items())
    T['Quotes and attribution'] = [('Measure', 'Count')] + [
        ('verbatim quotes (key points)', len(verbatim_kps)),
        ('paraphrase key points', len(kps) - len(verbatim_kps)),
        ('verbatim quotes attributed to a participant', sum(1 for k in verbatim_kps if k['attributedTo'])),
        ('paraphrases attributed to a participant', sum(1 for k in kps if not k['verbatim'] and k['attributedTo'])),
        ('anonymous verbatim quotes', sum(1 for k in verbatim_kps if not k['attributedTo'])),
        ('quotes with loose printed fragments', sum(1 for k in kps if k.get('printedFragments'))),
        ('quotes outside conversations (feedback)', len(feedback)),
    ] + [('quoted spans in the report: ' + k, v) for k, v in sorted(accounted.items())]
    grp = collections.Counter()
    for p in data['participants']:
        for g in p['stakeholderGroups']:
            grp[g] += 1
    oneof = sum(1 for p in data['participants'] if p['stakeholderGroupOneOf'])
    rows = [('Stakeholder group', 'Participants')] + [(g, grp[g]) for g in sorted(GROUPS - {'unknown'})] + [
        ('unknown', grp['unknown']), ('  of which care-experienced, age not stated', oneof),
        ('participants (ids)', len(parts)), ('  proposers', sum(1 for p in data['participants'] if any(m['role'] == 'proposer' for m in p['mentionedIn']))),
        ('  role-described attendees', sum(1 for p in data['participants'] if any(m['role'] == 'attendee' for m in p['mentionedIn']))),
        ('  not linked to any conversation', sum(1 for p in data['participants'] if not p['mentionedIn']))]
    T['Participants by stakeholder group'] = rows
    bases = collections.Counter(c['participantCount']['basis'] for c in convs)
    T['Participant-count bases'] = [('basis', 'Conversations')] + sorted(bases.items())
    cited_items = sum(1 for i in items if i['cites'])
    cited_kps = {c['ref'] for i in items for c in i['cites'] if c['ref'] in kp_by_id}
    cited_convs = {c['ref'] for i in items for c in i['cites'] if c['ref'] in conv_by_id} | {kp_by_id[k]['id'].rsplit('-k', 1)[0] for k in cited_kps}
    T['Report sections and citations'] = [('Measure', 'Count')] + [
        ('report sections', len(data['reportSections'])), ('section items', len(items)),
        ('items with at least one citation', cited_items), ('items without a citation', len(items) - cited_items),
        ('citations', sum(len(i['cites']) for i in items)),
        ('distinct key points cited', len(cited_kps)), ('conversations cited (directly or through a key point)', len(cited_convs)),
        ('key points not cited by any section', len(kps) - len(cited_kps)),
        ('themes (Explore key issues / Create key ideas)', '%d / %d' % (sum(1 for t in themes.values() if t['source'] == 'explore-events'),
                                                                       sum(1 for t in themes.values() if t['source'] == 'create-key-ideas')))]
    dcat = collections.Counter(d['category'] for d in data['discrepancies'])
    T['Discrepancies by category'] = [('category', 'Count')] + sorted(dcat.items()) + [('all', len(data['discrepancies']))]

    def table(rows, md):
        if md:
            out = ['| ' + ' | '.join(str(x) for x in rows[0]) + ' |', '|' + '---|' * len(rows[0])]
            out += ['| ' + ' | '.join(str(x) for x in r) + ' |' for r in rows[1:]]
            return '\n'.join(out)
        w = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
        return '\n'.join('  '.join(str(x).ljust(w[i]) for i, x in enumerate(r)) for r in rows)

    for name, rows in T.items():
        print(('### ' if args.markdown else '== ') + name)
        print(table(rows, args.markdown))
        print()
    if args.markdown:
        print('### Discrepancies')
        rows = [('id', 'category', 'description', 'where (line: phrase)', 'recorded as')]
        for d in data['discrepancies']:
            where = '; '.join('%d: "%s"' % (w['line'], w['phrase']) for w in d['where'])
            rows.append((d['id'], d['category'], d['description'].replace('|', '/'), where.replace('|', '/'), d['recordedAs'].replace('|', '/')))
        print(table(rows, True))
        print()
    print(('### ' if args.markdown else '== ') + 'Checks')
    print('%d checks passed in %d groups; %d failed.' % (sum(ck.passed.values()), len(ck.passed), len(ck.failures)))
    for f in ck.failures:
        print('FAIL ' + f)
    sys.exit(1 if ck.failures else 0)


if __name__ == '__main__':
    main()
