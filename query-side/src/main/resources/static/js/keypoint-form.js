// The "record a key point" form, used in a conversation's page and on the facilitator screen.

import { command } from './api.js';
import { clear, errorNotice, h, KINDS, KIND_LABELS, notice } from './dom.js';

/**
 * @param conversationId the conversation, or null to offer `conversations` ({conversationId, label}) to choose from
 * @param onRecorded     called with {conversationId, keyPointId} once the command side accepted it
 */
export function keyPointForm({ conversationId = null, conversations = [], onRecorded }) {
  const message = h('div', { 'aria-live': 'polite' });
  const prefix = conversationId ? 'kp' : 'fkp';
  const form = h('form', { class: 'stack', id: conversationId ? 'record-key-point' : 'facilitate-key-point', dataset: { write: 'true' } },
    message,
    conversationId ? null : h('div', { class: 'field' }, h('label', { for: `${prefix}-conversation` }, 'Conversation'),
      h('select', { id: `${prefix}-conversation`, name: 'conversation', required: true },
        conversations.map(c => h('option', { value: c.conversationId }, c.label)))),
    h('fieldset', {}, h('legend', {}, 'Kind'), h('div', { class: 'choices' },
      KINDS.map((kind, i) => h('label', {}, h('input', { type: 'radio', name: 'kind', value: kind, checked: i === 0 }), KIND_LABELS[kind].replace(/s$/, ''))))),
    h('div', { class: 'field' }, h('label', { for: `${prefix}-text` }, 'Words'),
      h('textarea', { id: `${prefix}-text`, name: 'text', required: true })),
    h('label', {}, h('input', { type: 'checkbox', name: 'verbatim' }), ' A verbatim quote'),
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: `${prefix}-speaker` }, 'Said by (participant id)'),
        h('input', { id: `${prefix}-speaker`, name: 'attributedTo', placeholder: 'empty: anonymous', list: 'known-participants', autocomplete: 'off' })),
      h('div', { class: 'field' }, h('label', { for: `${prefix}-at` }, 'Said at'),
        h('input', { id: `${prefix}-at`, name: 'occurredAt', type: 'datetime-local' }),
        h('span', { class: 'hint' }, 'Empty for now; a note typed up later keeps the real time.'))),
    h('div', {}, h('button', { type: 'submit' }, 'Record the key point')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const target = conversationId || form.conversation.value;
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const { keyPointId, warnings = [] } = await command('POST', `/api/conversations/${encodeURIComponent(target)}/key-points`, {
        kind: form.kind.value, text: form.text.value.trim(), verbatim: form.verbatim.checked,
        attributedTo: form.attributedTo.value.trim() || undefined,
        occurredAt: form.occurredAt.value ? new Date(form.occurredAt.value).toISOString() : undefined,
      });
      // Recorded either way; a warning (e.g. the speaker was not in the room then) is shown, not swallowed.
      clear(message, warnings.length
        ? notice('warn', h('strong', {}, 'Recorded, with a warning: '), warnings.join(' '))
        : notice('ok', 'Recorded.'));
      form.text.value = '';
      await onRecorded?.({ conversationId: target, keyPointId, warnings });
    } catch (e) {
      clear(message, errorNotice(e, 'Not recorded'));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
