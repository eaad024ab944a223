import { registerAsset } from '../pages/assets';
import { SCREEN_GIFTS, SCREEN_ROWS } from './screen-page';

/**
 * Made for 1920x1080 seen from ten metres: sizes follow the viewport, the page never scrolls there. On a small
 * screen (an organiser's phone) the same page simply stacks and scrolls.
 */
const SCREEN_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; }
body.screen { background: #14161a; color: #f5f5f5; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.25; }
.screen-grid { display: grid; gap: 1rem; padding: 1rem; }
.screen h1 { font-size: 1.5rem; margin: 0; color: #ffd166; }
.screen h2 { font-size: 1.4rem; margin: 0 0 .5rem; color: #ffd166; text-transform: uppercase; letter-spacing: .04em; }
.total { margin: .25rem 0; }
.total strong { font-size: 3rem; font-weight: 900; font-variant-numeric: tabular-nums; }
.total span, .supporters { font-size: 1.3rem; color: #d0d0d0; }
.supporters { margin: 0; }
.offline { background: #ffd166; color: #14161a; font-weight: 700; padding: .4rem .8rem; border-radius: .4rem; }
.board, .ticker { list-style: none; margin: 0; padding: 0; }
.board li { display: grid; grid-template-columns: 1.4em 1fr auto; gap: .5em; align-items: baseline; padding: .3em 0; border-bottom: 1px solid #3a3d44; font-size: 1.3rem; }
.board .rank { color: #ffd166; font-weight: 800; }
.board .name, .ticker .who { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.money { white-space: nowrap; font-weight: 800; font-variant-numeric: tabular-nums; color: #7bdc9a; }
.ticker li { display: flex; justify-content: space-between; gap: 1em; padding: .3em 0; font-size: 1.2rem; border-bottom: 1px solid #3a3d44; }
.ticker li.fresh { animation: arrive 1.2s ease-out; }
.empty { color: #b8b8b8; }
@keyframes arrive { from { background: #2f6b45; } to { background: transparent; } }
@media (min-width: 60rem) {
  body.screen { height: 100vh; overflow: hidden; }
  .screen-grid { height: 100vh; padding: 2.5vh 2.5vw; gap: 2vh 3vw; grid-template-columns: 1.15fr 1.15fr .9fr; grid-template-rows: auto 1fr; }
  .screen-total { grid-column: 1 / 4; display: flex; align-items: baseline; gap: 2vw; flex-wrap: wrap; }
  .screen h1 { font-size: 3.2vh; flex-basis: 100%; }
  .screen h2 { font-size: 3.2vh; margin-bottom: 1vh; }
  .total strong { font-size: 11vh; }
  .total span, .supporters { font-size: 3.6vh; }
  .offline { font-size: 2.6vh; position: fixed; left: 2.5vw; right: 2.5vw; bottom: 2.5vh; margin: 0; }
  .board li { font-size: 3.8vh; padding: .6vh 0; }
  .ticker { display: grid; gap: 1.2vh; }
  .ticker li { flex-direction: column; gap: .4vh; font-size: 3.2vh; border: 1px solid #3a3d44; border-radius: .6vh; padding: 1vh 1vw; min-width: 0; }
  .ticker .who { white-space: normal; }
}
`;

/**
 * Follows /api/editions/:id/live. The browser reconnects by itself (the server's retry) and sends Last-Event-ID;
 * when the server answered with an error instead, a new stream is opened a little later. The page keeps the last
 * state it showed all along.
 */
const SCREEN_JS = `
(function () {
  var body = document.body;
  var edition = body.getAttribute('data-edition');
  var lastId = body.getAttribute('data-position');
  var totalEl = document.getElementById('total');
  var shownCents = Number(totalEl.getAttribute('data-cents')) || 0;
  var animation = 0;

  // the same Intl format as the server's (the kernel's formatMoney), in the locale the page names
  var money = new Intl.NumberFormat(totalEl.getAttribute('data-locale') || 'nl-BE', { style: 'currency', currency: 'EUR' });
  function euros(cents) {
    return money.format(Math.round(cents) / 100);
  }

  function countUpTo(target) {
    cancelAnimationFrame(animation);
    var from = shownCents;
    var started = performance.now();
    var duration = 800;
    function step(now) {
      var share = Math.min(1, (now - started) / duration);
      shownCents = Math.round(from + (target - from) * share);
      totalEl.textContent = euros(shownCents);
      if (share < 1) animation = requestAnimationFrame(step);
    }
    animation = requestAnimationFrame(step);
    totalEl.setAttribute('data-cents', String(target));
  }

  function cell(className, text) {
    var span = document.createElement('span');
    span.className = className;
    span.textContent = text;
    return span;
  }

  function fillBoard(id, entries) {
    var list = document.getElementById(id);
    list.textContent = '';
    if (entries.length === 0) {
      var empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = body.getAttribute('data-nobody');
      list.appendChild(empty);
      return;
    }
    entries.slice(0, ${SCREEN_ROWS}).forEach(function (e) {
      var li = document.createElement('li');
      li.appendChild(cell('rank', String(e.rank)));
      li.appendChild(cell('name', e.name));
      li.appendChild(cell('money', euros(e.raisedCents)));
      list.appendChild(li);
    });
  }

  function addGift(gift) {
    var list = document.getElementById('gifts');
    list.querySelectorAll('.empty').forEach(function (el) { el.remove(); });
    if (list.querySelector('[data-donation="' + gift.donationId + '"]')) return;
    var donor = gift.donorName === 'anonymous' ? body.getAttribute('data-anonymous') : gift.donorName;
    var li = document.createElement('li');
    li.className = 'fresh';
    li.setAttribute('data-donation', gift.donationId);
    li.appendChild(cell('who', body.getAttribute('data-for').replace('{donor}', donor).replace('{beneficiary}', gift.beneficiaryName)));
    if (typeof gift.amountCents === 'number') li.appendChild(cell('money', euros(gift.amountCents)));
    list.insertBefore(li, list.firstChild);
    while (list.children.length > ${SCREEN_GIFTS}) list.removeChild(list.lastChild);
  }

  function setOffline(offline) {
    document.getElementById('offline').hidden = !offline;
    body.setAttribute('data-live', offline ? 'offline' : 'online');
  }

  function connect() {
    var url = '/api/editions/' + encodeURIComponent(edition) + '/live' + (lastId ? '?lastEventId=' + encodeURIComponent(lastId) : '');
    var source = new EventSource(url);
    source.onopen = function () { setOffline(false); };
    source.addEventListener('leaderboard', function (message) {
      lastId = message.lastEventId || lastId;
      var board = JSON.parse(message.data);
      if (board.raisedCents !== Number(totalEl.getAttribute('data-cents'))) countUpTo(board.raisedCents);
      document.getElementById('supporters').textContent = String(board.supporters);
      fillBoard('top-teams', board.topTeams);
      fillBoard('top-walkers', board.topWalkers);
    });
    source.addEventListener('donation', function (message) {
      lastId = message.lastEventId || lastId;
      addGift(JSON.parse(message.data));
    });
    source.onerror = function () {
      setOffline(true);
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
    };
  }

  if (window.EventSource && edition) connect();
})();
`;

registerAsset('screen.css', 'css', SCREEN_CSS);
registerAsset('screen.js', 'js', SCREEN_JS);
