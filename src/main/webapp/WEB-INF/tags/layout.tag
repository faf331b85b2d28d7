<%@ tag description="The one page layout: header, optional wiki sidebar, main content" pageEncoding="UTF-8" %>
<%@ attribute name="title" required="true" %>
<%@ attribute name="sidebar" required="false" type="java.lang.Boolean" %>
<%@ attribute name="scripts" required="false" fragment="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <%-- The layout is ASCII (character references for the rest): a response's first non-ASCII character sends the
       rest of its 8 KB buffer through the JDK's slow UTF-8 loop, a tenth of a signed-in page view's time. --%>
  <link rel="icon" href="${pageContext.request.contextPath}/static/favicon.svg" type="image/svg+xml">
  <title><c:out value="${title}"/><c:if test="${not empty wiki}"> &middot; <c:out value="${wiki.displayName()}"/></c:if> &middot; Wikifarm</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/webjars/picocss__pico/2.1.1/css/pico.min.css">
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/wikifarm.css">
  <c:if test="${not empty wiki and not empty look and look.hasCss()}"><link rel="stylesheet" href="${base}/-/custom.css?v=${look.version()}"></c:if>
  <c:if test="${not empty wiki}"><link rel="alternate" type="application/atom+xml" title="Changes" href="${base}/-/changes.atom"></c:if>
  <script src="${pageContext.request.contextPath}/static/theme.js"></script>
</head>
<%-- A wiki's screens name it for wikifarm.js, which remembers the wikis this browser read in the cookie
     wikifarm-wikis (web.BrowserWikis): written by the page's script, so no response of a page view sets a cookie and
     anonymous views stay shareable by caches. --%>
<body data-wiki="${empty wiki ? '' : wiki.id().value()}" data-cookie-path="${pageContext.request.contextPath}/" data-cookie-domain="${cookieDomain}">
<header class="site-header">
  <nav class="container-fluid">
    <ul>
      <li><a href="<c:out value='${signIn.home()}'/>" class="brand"><strong>Wikifarm</strong></a></li>
      <c:if test="${not empty wiki}">
        <li class="wiki-name"><c:if test="${not empty look and look.hasLogo()}"><img src="${base}/-/file/${f:path(look.logo())}?thumb=160"
            alt="" class="wiki-logo" id="wiki-logo"></c:if><a href="${base}/" id="wiki-home"><c:out value="${wiki.displayName()}"/></a><c:if
            test="${empty tenant or empty tenant.beside()}"><%-- single-wiki mode has no other wiki to select --%><a
            href="${signIn.home()}select" id="wiki-switch" class="wiki-switch" title="Select another wiki"
            aria-label="Select another wiki">&#9662;</a></c:if></li>
      </c:if>
    </ul>
    <%-- At phone width the rest folds behind a menu button: a checkbox and its label, so no script is needed. --%>
    <input type="checkbox" id="site-menu-toggle" class="site-menu-toggle" aria-label="Menu" aria-controls="site-menu">
    <label for="site-menu-toggle" class="site-menu-button" id="site-menu-button" aria-hidden="true">&#9776; Menu</label>
    <ul class="site-menu" id="site-menu">
      <c:if test="${not empty wiki}">
        <li class="header-search-item">
          <form method="get" action="${base}/-/search" role="search" class="header-search" id="header-search">
            <input type="search" name="q" id="header-search-box" placeholder="Search" aria-label="Search this wiki">
          </form>
        </li>
        <li><a href="${base}/-/index">Pages</a></li>
        <li><a href="${base}/-/changelog">Changes</a></li>
        <c:if test="${canAdmin}">
          <li>
            <details class="dropdown" id="wiki-admin-menu">
              <summary>Manage</summary>
              <ul dir="rtl">
                <li><a href="${base}/-/settings" id="wiki-settings-link">Settings</a></li>
                <li><a href="${base}/-/members" id="wiki-members-link">Members</a></li>
                <li><a href="${base}/-/tokens" id="wiki-tokens-link">Tokens</a></li>
                <li><a href="${base}/-/look" id="wiki-look-link">Look</a></li>
              </ul>
            </details>
          </li>
        </c:if>
      </c:if>
      <li><button type="button" class="theme-toggle outline secondary" id="theme-toggle" aria-label="Switch light or dark theme">&#9680;</button></li>
      <%-- Log in and sign up, or the account and the logout form: web.UserMenu, fresh for every request (a cached
           page view holds a slot here and nothing of any one person). --%>
      ${userMenu}
    </ul>
  </nav>
</header>
<c:if test="${not empty notice}">
  <div class="container-fluid"><p class="notice-banner" role="alert" id="notice-banner"><c:out value="${notice}"/></p></div>
</c:if>
<div class="${sidebar ? 'layout with-sidebar' : 'layout'} container-fluid">
  <c:if test="${sidebar}">
    <aside class="sidebar">
      <c:if test="${not empty look and not empty look.menu()}">${f:wikiMenu(look.menu(), tenant)}</c:if>
      <nav id="page-tree" aria-label="Pages">
        ${f:wikiTree(tree, tenant, path)}
      </nav>
    </aside>
  </c:if>
  <main class="content">
    <jsp:doBody/>
  </main>
</div>
<script src="${pageContext.request.contextPath}/static/wikifarm.js"></script>
<jsp:invoke fragment="scripts"/>
</body>
</html>
