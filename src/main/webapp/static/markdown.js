// Math and diagrams of a rendered page. The server writes their source as text (render.ExtensionRenderers):
// <span class="math-inline">, <div class="math-display"> and <pre class="mermaid">. Loaded only on pages that
// have them. KaTeX renders math in place with DOM calls, which the strict CSP allows (its HTML string output would
// carry inline styles, which it forbids). Mermaid writes <style> into its SVGs, which the CSP forbids on our pages,
// so each diagram is drawn in a sandboxed frame of its own (diagram.html: another origin to the browser, no access
// to this page or its cookies) and shown at the height the frame reports.
(function () {
  'use strict';
  var script = document.currentScript;

  function renderMath() {
    if (typeof katex === 'undefined') {
      return;
    }
    document.querySelectorAll('.markdown .math-inline, .markdown .math-display').forEach(function (element) {
      var tex = element.textContent;
      try {
        katex.render(tex, element, {
          displayMode: element.classList.contains('math-display'),
          // KaTeX shows an error with an inline style, which the CSP blocks: errors are shown as the source.
          throwOnError: true,
          trust: false,
          strict: 'ignore',
          maxSize: 20,
          maxExpand: 500,
          output: 'htmlAndMathml'
        });
      } catch (e) {
        element.textContent = tex;
        element.classList.add('math-error');
        element.setAttribute('title', e && e.message ? e.message : 'This formula could not be typeset');
      }
    });
  }

  function theme() {
    var chosen = document.documentElement.getAttribute('data-theme');
    if (chosen === 'dark' || chosen === 'light') {
      return chosen;
    }
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  function renderDiagrams() {
    var blocks = document.querySelectorAll('.markdown pre.mermaid');
    if (!blocks.length || !script) {
      return;
    }
    var frameUrl = new URL('diagram.html', script.src).href;
    var frames = [];
    var drawnIn = theme();
    blocks.forEach(function (pre) {
      var frame = document.createElement('iframe');
      frame.setAttribute('sandbox', 'allow-scripts');
      frame.setAttribute('title', 'Diagram');
      frame.className = 'diagram-frame';
      frame.src = frameUrl;
      var source = pre.textContent;
      frame.addEventListener('load', function () {
        // The frame's origin is opaque (sandboxed), so '*' is the only target that reaches it; it gets nothing but
        // the diagram's own source, which is on this page for all to read.
        frame.contentWindow.postMessage({type: 'wikifarm-diagram', source: source, theme: drawnIn}, '*');
      });
      pre.insertAdjacentElement('afterend', frame);
      frames.push({frame: frame, pre: pre});
    });
    window.addEventListener('message', function (event) {
      frames.forEach(function (entry) {
        if (event.source !== entry.frame.contentWindow || !event.data
            || event.data.type !== 'wikifarm-diagram-size') {
          return;
        }
        var height = Math.min(Math.max(Number(event.data.height) || 0, 40), 5000);
        entry.frame.style.height = height + 'px';
        entry.frame.classList.add('drawn');
        entry.pre.classList.add('drawn');
      });
    });
    // The theme switch: each frame is loaded again (it draws once per load) and drawn in the new theme.
    new MutationObserver(function () {
      if (theme() === drawnIn) {
        return;
      }
      drawnIn = theme();
      frames.forEach(function (entry) {
        entry.frame.classList.remove('drawn');
        entry.frame.src = frameUrl;
      });
    }).observe(document.documentElement, {attributes: true, attributeFilter: ['data-theme']});
  }

  renderMath();
  renderDiagrams();
})();
