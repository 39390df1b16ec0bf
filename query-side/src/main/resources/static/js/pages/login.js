import { signIn } from '../api.js';
import { $, clear, notice } from '../dom.js';

const form = $('#sign-in');
const message = $('#sign-in-message');

/** Only a path on this site: a `next` parameter must not send anyone elsewhere. */
function next() {
  const wanted = new URLSearchParams(location.search).get('next') || 'index.html';
  return wanted.startsWith('/') && !wanted.startsWith('//') ? wanted : 'index.html';
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  const username = form.username.value.trim();
  const password = form.password.value;
  if (!username || !password) {
    clear(message, notice('error', 'Please enter your user name and password.'));
    return;
  }
  const button = form.querySelector('button');
  button.disabled = true;
  try {
    await signIn(username, password);
    location.assign(next());
  } catch (e) {
    clear(message, notice('error', e.message));
    form.password.select();
  } finally {
    button.disabled = false;
  }
});
$('#username').focus();
