// Draws one Mermaid diagram inside a sandboxed frame (see markdown.js): the page that embeds it sends the source,
// this answers with the height it needs. Mermaid runs with securityLevel 'strict' (no click callbacks, no HTML
// labels, its output purified), and directives in the source (%%{init: …}%%) are dropped, so a page cannot loosen
// that; 'secure' lists the settings its front matter cannot change either.
(function () {
  'use strict';
  var MAX_SOURCE = 50000;

  /** The source without any %%{ … }%% directive, in one pass. */
  function withoutDirectives(source) {
    var out = '';
    var at = 0;
    for (;;) {
      var start = source.indexOf('%%{', at);
      if (start < 0) {
        return out + source.slice(at);
      }
      out += source.slice(at, start);
      var end = source.indexOf('}%%', start + 3);
      if (end < 0) {
        return out;
      }
      at = end + 3;
    }
  }

  function report() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    window.parent.postMessage({type: 'wikifarm-diagram-size', height: height}, '*');
  }

  var drawn = false;
  window.addEventListener('message', function (event) {
    if (drawn || event.source !== window.parent || !event.data || event.data.type !== 'wikifarm-diagram') {
      return;
    }
    drawn = true;
    // The frame's scheme follows the page's theme, so the browser paints no light backdrop behind a dark page.
    document.documentElement.style.colorScheme = event.data.theme === 'dark' ? 'dark' : 'light';
    var box = document.getElementById('diagram');
    var source = withoutDirectives(String(event.data.source).slice(0, MAX_SOURCE));
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: event.data.theme === 'dark' ? 'dark' : 'default',
      maxTextSize: MAX_SOURCE,
      maxEdges: 500,
      secure: ['secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'maxEdges', 'theme', 'themeCSS',
        'themeVariables', 'fontFamily', 'htmlLabels', 'suppressErrorRendering'],
      suppressErrorRendering: true
    });
    mermaid.render('diagram-svg', source).then(function (result) {
      box.innerHTML = result.svg;
      document.documentElement.setAttribute('data-drawn-theme', event.data.theme === 'dark' ? 'dark' : 'light');
      report();
    }, function (error) {
      var message = document.createElement('pre');
      message.className = 'diagram-error';
      message.textContent = 'This diagram could not be drawn: ' + (error && error.message ? error.message : error);
      box.textContent = '';
      box.appendChild(message);
      report();
    });
  });
})();
