// requestPermission's questions: a page from an origin the server does not allow asked for
// the API. Yes adds it to webCorsOriginList, Ignore to ignoreOriginList (both saved to the
// config file when the server has one), No only answers this request.
import { h, show } from './dom.js';

export function renderPermissions(container, api, state) {
  const where = state.permissionsSaved ? 'saved to the config file' : 'kept until the server stops (no config file)';
  show(container, state.permissions.map(({ id, origin }) => {
    const answer = (value) => api.act(() => api.ui('permission', { id, answer: value }));
    return h('div', { class: 'permission', 'data-origin': origin },
      h('p', {}, h('b', {}, origin), ` wants to use Anki-Connect. Allow it? (The answer is ${where}.)`),
      h('button', { type: 'button', class: 'primary', 'data-answer': 'grant', onclick: () => answer('grant') }, 'Yes'),
      h('button', { type: 'button', class: 'secondary', 'data-answer': 'deny', onclick: () => answer('deny') }, 'No'),
      h('button', { type: 'button', class: 'secondary', 'data-answer': 'ignore', onclick: () => answer('ignore') }, 'Ignore this site'));
  }));
}
