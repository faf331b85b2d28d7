// Small progressive enhancements; every screen works without JavaScript.
(function () {
  var toggle = document.getElementById('theme-toggle');
  if (toggle) {
    toggle.addEventListener('click', function () {
      var root = document.documentElement;
      var current = root.getAttribute('data-theme') ||
          (window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
      var next = current === 'dark' ? 'light' : 'dark';
      root.setAttribute('data-theme', next);
      try { localStorage.setItem('wikifarm-theme', next); } catch (e) { /* not remembered */ }
    });
  }
  // Code blocks are highlighted by highlight.js, fetched only on pages that have one (not on every page).
  var blocks = document.querySelectorAll('#page-content pre code');
  var self = document.currentScript && document.currentScript.src;
  if (blocks.length > 0 && self) {
    var hljsRoot = self.replace(/static\/wikifarm\.js(\?.*)?$/, 'webjars/highlightjs/11.10.0/');
    // Its light or dark colours follow the page's theme: the one chosen with the toggle, else the system's.
    var sheets = [['github.min.css', 'light'], ['github-dark.min.css', 'dark']].map(function (sheet) {
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = hljsRoot + 'styles/' + sheet[0];
      document.head.appendChild(link);
      return {link: link, theme: sheet[1]};
    });
    var followTheme = function () {
      var chosen = document.documentElement.getAttribute('data-theme');
      sheets.forEach(function (sheet) {
        sheet.link.media = chosen ? (chosen === sheet.theme ? 'all' : 'not all')
            : '(prefers-color-scheme: ' + sheet.theme + ')';
      });
    };
    followTheme();
    new MutationObserver(followTheme).observe(document.documentElement, {attributeFilter: ['data-theme']});
    var script = document.createElement('script');
    script.src = hljsRoot + 'highlight.min.js';
    script.addEventListener('load', function () {
      blocks.forEach(function (block) {
        window.hljs.highlightElement(block);
      });
    });
    document.head.appendChild(script);
  }
  // The search screen's mode switch searches again at once (an inline handler would be blocked by the CSP).
  document.querySelectorAll('#search-modes input[name="mode"]').forEach(function (radio) {
    radio.addEventListener('change', function () {
      if (radio.form && radio.form.requestSubmit) {
        radio.form.requestSubmit();
      } else if (radio.form) {
        radio.form.submit();
      }
    });
  });
  // "Select wiki": the filter box narrows the list as one types (the form still filters on the server).
  var filter = document.getElementById('wiki-filter');
  if (filter) {
    filter.addEventListener('input', function () {
      var needle = filter.value.trim().toLowerCase();
      var shown = 0;
      document.querySelectorAll('#wiki-choices .wiki-choice').forEach(function (row) {
        var match = (row.getAttribute('data-filter') || '').toLowerCase().indexOf(needle) >= 0;
        row.hidden = !match;
        shown += match ? 1 : 0;
      });
      var none = document.getElementById('no-match');
      if (none) {
        none.hidden = shown > 0;
      }
    });
  }
  // Remember the wikis this browser read, newest first, at most 10 (the server reads the cookie: web.BrowserWikis).
  var body = document.body;
  var wikiId = body && body.getAttribute('data-wiki');
  if (wikiId && /^[a-z2-7]{12}$/.test(wikiId)) {
    var recent = [];
    document.cookie.split(';').forEach(function (part) {
      var pair = part.trim();
      if (pair.indexOf('wikifarm-wikis=') === 0) {
        recent = pair.substring('wikifarm-wikis='.length).split('.');
      }
    });
    if (recent[0] !== wikiId) {
      recent = [wikiId].concat(recent.filter(function (id) {
        return id !== wikiId && /^[a-z2-7]{12}$/.test(id);
      })).slice(0, 10);
      var domain = body.getAttribute('data-cookie-domain');
      var host = location.hostname.toLowerCase();
      var underBase = domain && (host === domain || host.slice(-domain.length - 1) === '.' + domain);
      document.cookie = 'wikifarm-wikis=' + recent.join('.') + '; Max-Age=31536000; Path='
          + (body.getAttribute('data-cookie-path') || '/') + (underBase ? '; Domain=' + domain : '')
          + '; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
    }
  }
  // Show times in the reader's own time zone.
  document.querySelectorAll('time[datetime]').forEach(function (el) {
    var date = new Date(el.getAttribute('datetime'));
    if (!isNaN(date)) {
      el.textContent = date.toLocaleString();
    }
  });
})();
