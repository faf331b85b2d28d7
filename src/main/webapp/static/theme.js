// Runs in <head> before the page paints: apply the theme the reader chose last time (else the system's).
(function () {
  try {
    var theme = localStorage.getItem('wikifarm-theme');
    if (theme === 'light' || theme === 'dark') {
      document.documentElement.setAttribute('data-theme', theme);
    }
  } catch (e) { /* storage may be disabled; the system theme applies */ }
})();
