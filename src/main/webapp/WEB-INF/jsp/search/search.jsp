<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%-- ASCII, as the layout (character references for the rest); the hits' ellipses too (Html.highlighted, ShownHit). --%>
<w:layout title="${empty query ? 'Search' : 'Search: '.concat(query)}" sidebar="${false}">
  <h1>Search</h1>
  <form method="get" action="${base}/-/search" id="search-form" role="search">
    <fieldset role="group">
      <input type="search" name="q" id="search-query" value="<c:out value='${query}'/>" maxlength="${maxQueryChars}"
             placeholder="Words, &quot;a phrase&quot;, prefix* &mdash; or a question" aria-label="Search this wiki" autofocus>
      <button type="submit" id="search-button">Search</button>
    </fieldset>
    <fieldset class="search-modes" id="search-modes">
      <legend>Mode</legend>
      <c:set var="shownMode" value="${not empty results ? results.requestedMode() : mode}"/>
      <c:forEach var="m" items="${['hybrid', 'text', 'semantic']}">
        <label><input type="radio" name="mode" value="${m}" id="mode-${m}" <c:if test="${shownMode == m}">checked</c:if>>
          ${m == 'hybrid' ? 'Hybrid' : (m == 'text' ? 'Words' : 'Meaning')}</label>
      </c:forEach>
    </fieldset>
  </form>

  <c:if test="${results.semantic() == 'warming_up'}">
    <p class="notice" id="semantic-warming-up" role="status">Semantic search warming up &mdash; these results are by words
      only for now.</p>
  </c:if>
  <c:if test="${results.semantic() == 'failed' || (results.semantic() == 'off' && results.requestedMode() != 'text')}">
    <p class="notice" id="semantic-off" role="status">Semantic search is not available on this server; results are by
      words only.</p>
  </c:if>

  <c:if test="${not empty busy}">
    <p class="notice" id="search-busy" role="alert">${busy}</p>
  </c:if>

  <c:if test="${not empty query and empty busy}">
    <c:set var="paged" value="${results.offset() > 0 or results.hasMore()}"/>
    <c:if test="${not empty hits or not paged}">
      <p id="search-summary"><small><c:choose>
        <c:when test="${paged}">Pages ${results.offset() + 1}&ndash;${results.offset() + fn:length(hits)}</c:when>
        <c:otherwise>${fn:length(hits)} ${fn:length(hits) == 1 ? 'page' : 'pages'}</c:otherwise>
      </c:choose> (${results.mode()})</small></p>
    </c:if>
    <c:if test="${empty hits}"><p id="no-results">${paged ? 'Nothing more found.' : 'Nothing found.'}</p></c:if>
    <%-- The hits written in Java (web.ShownHit.listItems: every value escaped; a snippet is escaped page text whose
         only markup is <mark>): ~10 expressions per hit here were a tenth of the screen's time. --%>
    <ol class="search-results" id="search-results" start="${results.offset() + 1}">
      ${f:searchHits(hits, base)}
    </ol>
    <c:if test="${paged}">
      <nav class="search-pages" id="search-pages" aria-label="More results">
        <c:if test="${resultsPage > 1}"><a href="${base}/-/search?q=${f:query(query)}&amp;mode=${results.requestedMode()}&amp;page=${resultsPage - 1}"
          rel="prev" role="button" class="secondary outline" id="previous-results">Previous results</a></c:if>
        <c:if test="${results.hasMore()}"><a href="${base}/-/search?q=${f:query(query)}&amp;mode=${results.requestedMode()}&amp;page=${resultsPage + 1}"
          rel="next" role="button" class="secondary outline" id="next-results">Next results</a></c:if>
      </nav>
    </c:if>
  </c:if>

  <section class="search-status" id="search-status">
    <h2>Index</h2>
    <%@ include file="status.jspf" %>
  </section>
</w:layout>
