/*
 * The leaderboard screen follows /api/editions/:id/live. The browser reconnects by itself (the server's retry) and
 * sends Last-Event-ID; when the server answered with an error instead, a new stream is opened a little later. The
 * page keeps the last state it showed all along. Every word and format comes from the page (#screen-words, made
 * from the message catalogue on the server): this script holds no sentence.
 */
(() => {
  const body = document.body;
  const wordsEl = document.getElementById('screen-words');
  const totalEl = document.getElementById('total');
  if (!wordsEl || !totalEl) return;
  const words = JSON.parse(wordsEl.textContent);
  const edition = body.getAttribute('data-edition');
  let lastId = body.getAttribute('data-position');
  let shownCents = Number(totalEl.getAttribute('data-cents')) || 0;
  let animation = 0;

  // the same Intl formats as the server's, in the page's locale
  const money = new Intl.NumberFormat(words.locale, { style: 'currency', currency: 'EUR' });
  const number = new Intl.NumberFormat(words.locale);
  const percent = new Intl.NumberFormat(words.locale, { style: 'percent', maximumFractionDigits: 0 });
  const plurals = new Intl.PluralRules(words.locale);
  const euros = (cents) => money.format(Math.round(cents) / 100);

  /** A count in the catalogue's plural form for it (an exact form such as `=0` first), `#` being the number. */
  const counted = (forms, count) =>
    (forms[`=${count}`] ?? forms[plurals.select(count)] ?? forms.other).replaceAll('#', number.format(count));

  /** A sentence of the catalogue with its {names} filled in one pass (a name that contains braces stays as it is). */
  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? values[name] : whole));

  // the big-screen layout gives every row a fixed part of the height (assets/screen.css)
  const bigScreen = window.matchMedia('(min-width: 60rem)');

  /**
   * Makes a text smaller until its row holds it whole: wrapped on two lines is the usual case, a very long name
   * (up to 120 letters) gets a smaller font instead of being cut.
   */
  function fitText(row, text) {
    text.style.fontSize = '';
    if (!bigScreen.matches) return;
    let scale = 1;
    while ((row.scrollHeight > row.clientHeight + 1 || text.scrollWidth > text.clientWidth + 1) && scale > 0.4) {
      scale -= 0.06;
      text.style.fontSize = `${scale.toFixed(2)}em`;
    }
  }

  function fitAll() {
    for (const row of document.querySelectorAll('.board li, .ticker li')) {
      const text = row.querySelector('.name, .who');
      if (text) fitText(row, text);
    }
  }

  /** The goal bar: filled up to the goal, the share in words (rounded down: 99.6 % is not the goal yet). */
  function showGoal(raisedCents) {
    const bar = document.getElementById('goal');
    const text = document.getElementById('goal-text');
    if (!bar || !text) return;
    const goal = Number(text.getAttribute('data-goal'));
    if (!(goal > 0)) return;
    bar.value = Math.min(raisedCents, goal);
    const share = Math.floor((raisedCents * 100) / goal) / 100;
    text.textContent = fill(words.goalProgress, { percent: percent.format(share), goal: euros(goal) });
  }

  function countUpTo(target) {
    cancelAnimationFrame(animation);
    const from = shownCents;
    const started = performance.now();
    const duration = 800;
    function step(now) {
      const share = Math.min(1, (now - started) / duration);
      shownCents = Math.round(from + (target - from) * share);
      totalEl.textContent = euros(shownCents);
      if (share < 1) animation = requestAnimationFrame(step);
    }
    animation = requestAnimationFrame(step);
    totalEl.setAttribute('data-cents', String(target));
  }

  function cell(className, text, auto) {
    const span = document.createElement('span');
    span.className = className;
    span.textContent = text;
    // a name in Arabic or Hebrew reads right to left within its line
    if (auto) span.dir = 'auto';
    return span;
  }

  function fillBoard(id, entries) {
    const list = document.getElementById(id);
    list.textContent = '';
    if (entries.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = words.nobodyYet;
      list.appendChild(empty);
      return;
    }
    for (const entry of entries.slice(0, words.rows)) {
      const li = document.createElement('li');
      li.appendChild(cell('rank', number.format(entry.rank)));
      li.appendChild(cell('name', entry.name, true));
      li.appendChild(cell('money', euros(entry.raisedCents)));
      list.appendChild(li);
      fitText(li, li.firstChild.nextSibling);
    }
  }

  function addGift(gift) {
    const list = document.getElementById('gifts');
    for (const empty of list.querySelectorAll('.empty')) empty.remove();
    for (const shown of list.querySelectorAll('[data-donation]')) {
      // a gift the stream sends again (a snapshot after a reconnect) is shown once
      if (shown.getAttribute('data-donation') === gift.donationId) return;
    }
    const donor = gift.donorName === 'anonymous' ? words.anonymous : gift.donorName;
    const li = document.createElement('li');
    li.className = 'fresh';
    li.setAttribute('data-donation', gift.donationId);
    const who = cell('who', fill(words.forWhom, { donor, beneficiary: gift.beneficiaryName }), true);
    li.appendChild(who);
    if (typeof gift.amountCents === 'number') li.appendChild(cell('money', euros(gift.amountCents)));
    list.insertBefore(li, list.firstChild);
    while (list.children.length > words.gifts) list.removeChild(list.lastChild);
    fitText(li, who);
  }

  function setOffline(offline) {
    document.getElementById('offline').hidden = !offline;
    body.setAttribute('data-live', offline ? 'offline' : 'online');
  }

  function connect() {
    const url = `/api/editions/${encodeURIComponent(edition)}/live${lastId ? `?lastEventId=${encodeURIComponent(lastId)}` : ''}`;
    const source = new EventSource(url);
    source.onopen = () => setOffline(false);
    source.addEventListener('leaderboard', (message) => {
      lastId = message.lastEventId || lastId;
      const board = JSON.parse(message.data);
      if (board.raisedCents !== Number(totalEl.getAttribute('data-cents'))) countUpTo(board.raisedCents);
      showGoal(board.raisedCents);
      document.getElementById('supporters').textContent = counted(words.sponsors, board.supporters);
      fillBoard('top-teams', board.topTeams);
      fillBoard('top-walkers', board.topWalkers);
    });
    source.addEventListener('donation', (message) => {
      lastId = message.lastEventId || lastId;
      addGift(JSON.parse(message.data));
    });
    source.onerror = () => {
      setOffline(true);
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
    };
  }

  fitAll();
  window.addEventListener('resize', fitAll);
  if (window.EventSource && edition) connect();
})();
