// The admin area's Schemas screen: while a migration of every older wiki runs, reload every two seconds to show how
// far it got (the progress is on the page itself; nothing here talks to the server).
(function () {
  var progress = document.getElementById('migrate-progress');
  if (progress && progress.getAttribute('data-running') === 'true') {
    window.setTimeout(function () { window.location.reload(); }, 2000);
  }
})();
