// The page editor: EasyMDE over the plain textarea, a server-rendered live preview (the same renderer as page
// views), and drafts autosaved to the wiki every few seconds and offered back when editing again.
(function () {
  var form = document.getElementById('edit-form');
  var textarea = document.getElementById('content');
  if (!form || !textarea) {
    return;
  }
  var csrf = form.querySelector('input[name=csrf]').value;
  var revision = form.querySelector('input[name=revision]').value;
  var previewUrl = form.getAttribute('data-preview-url');
  var draftUrl = form.getAttribute('data-draft-url');
  var uploadUrl = form.getAttribute('data-upload-url');
  var status = document.getElementById('draft-status');

  function post(url, fields) {
    var body = new URLSearchParams();
    body.append('csrf', csrf);
    Object.keys(fields).forEach(function (key) { body.append(key, fields[key]); });
    return fetch(url, {method: 'POST', body: body, credentials: 'same-origin'});
  }

  var editor = null;
  if (window.EasyMDE) {
    editor = new window.EasyMDE({
      element: textarea,
      forceSync: true,
      spellChecker: false,
      status: ['upload-image', 'lines', 'words', 'cursor'],
      // An upload that fails says why in the status bar, never in an alert box.
      errorCallback: function (message) {
        var bar = document.querySelector('.editor-statusbar .upload-image');
        if (bar) { bar.textContent = message; }
      },
      autoDownloadFontAwesome: false,
      toolbar: ['bold', 'italic', 'heading', '|', 'quote', 'unordered-list', 'ordered-list', '|', 'link', 'code',
        'table', 'upload-image', '|', 'preview', 'side-by-side', 'fullscreen'],
      // Dropped, pasted or chosen images become files of this page; the editor inserts ![](name).
      uploadImage: true,
      imageAccept: 'image/png, image/jpeg, image/gif, image/webp, image/bmp',
      imageMaxSize: 1024 * 1024 * 1024,
      imageTexts: {sbInit: 'Drop or paste images to attach them.'},
      imageUploadFunction: function (file, onSuccess, onError) {
        var body = new FormData();
        body.append('csrf', csrf);
        body.append('format', 'json');
        body.append('file', file, file.name || 'pasted.png');
        fetch(uploadUrl, {method: 'POST', body: body, credentials: 'same-origin'}).then(function (response) {
          return response.json().then(function (json) {
            if (!response.ok) {
              return Promise.reject(json.message || ('The upload failed (' + response.status + ').'));
            }
            var name = json.files[0].name;
            onSuccess(/[\s()<>]/.test(name) ? '<' + name + '>' : name);
          });
        }).catch(function (problem) {
          onError(typeof problem === 'string' ? problem : 'The upload failed; save the page first, then try again.');
        });
      },
      previewRender: function (text, preview) {
        post(previewUrl, {content: text}).then(function (response) {
          return response.ok ? response.text() : Promise.reject(response.status);
        }).then(function (html) {
          preview.innerHTML = html;
        }).catch(function () {
          preview.textContent = 'The preview is not available right now.';
        });
        return preview.innerHTML || 'Rendering…';
      }
    });
    // The editor types into a field of its own: give it the page text's name for screen readers.
    editor.codemirror.getInputField().setAttribute('aria-label', 'Page text (Markdown)');
  }
  // Tests and scripts set the text through this one handle, with or without the rich editor.
  window.wikifarmEditor = {
    value: function (text) {
      if (text === undefined) {
        return editor ? editor.value() : textarea.value;
      }
      if (editor) { editor.value(text); } else { textarea.value = text; }
    }
  };

  var saved = window.wikifarmEditor.value();
  setInterval(function () {
    if (!draftUrl) {
      return; // anonymous editors keep no drafts
    }
    var text = window.wikifarmEditor.value();
    if (text === saved) {
      return;
    }
    var cursor = editor ? editor.codemirror.getCursor() : {line: 0, ch: 0};
    post(draftUrl, {content: text, revision: revision, cursor_line: cursor.line, cursor_ch: cursor.ch})
      .then(function (response) {
        if (response.ok) {
          saved = text;
          if (status) { status.textContent = 'Draft saved ' + new Date().toLocaleTimeString(); }
        }
      }).catch(function () { /* the next tick tries again */ });
  }, 5000);
  // A form larger than the server takes would be refused whole: say so before sending, and keep the text.
  var maxBytes = parseInt(form.getAttribute('data-max-bytes'), 10);
  var tooLarge = document.getElementById('too-large');
  form.addEventListener('submit', function (event) {
    if (editor) { editor.codemirror.save(); }
    var size = new URLSearchParams(new FormData(form)).toString().length;
    if (maxBytes > 0 && size > maxBytes) {
      event.preventDefault();
      if (tooLarge) {
        document.getElementById('max-form-size').textContent = (maxBytes / 1048576).toFixed(1) + ' MB';
        tooLarge.hidden = false;
        tooLarge.scrollIntoView();
      }
      return;
    }
    saved = window.wikifarmEditor.value();
  });

  var offer = document.getElementById('draft-offer');
  if (offer) {
    document.getElementById('draft-restore').addEventListener('click', function () {
      window.wikifarmEditor.value(document.getElementById('draft-content').content.textContent);
      offer.remove();
    });
    document.getElementById('draft-discard').addEventListener('click', function () {
      post(draftUrl, {discard: '1'}).then(function () { offer.remove(); });
    });
  }
})();
