// The wiki admin screens: keep "public" and "who may read" in step while the form is edited (the server accepts
// either), and copy a new token's secret. Both forms work without JavaScript.
(function () {
  var isPublic = document.getElementById('is_public');
  var read = document.getElementById('read_access');
  if (isPublic && read) {
    isPublic.addEventListener('change', function () {
      if (isPublic.checked) {
        read.value = 'ANONYMOUS';
      } else if (read.value === 'ANONYMOUS') {
        read.value = 'APPROVED';
      }
    });
    read.addEventListener('change', function () {
      isPublic.checked = read.value === 'ANONYMOUS';
    });
  }
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var field = document.getElementById(button.getAttribute('data-copy'));
    if (!field) {
      return;
    }
    button.addEventListener('click', function () {
      field.select();
      var done = function () { button.textContent = 'Copied'; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { /* the text stays selected */ });
      } else if (document.execCommand && document.execCommand('copy')) {
        done();
      }
    });
  });
})();
