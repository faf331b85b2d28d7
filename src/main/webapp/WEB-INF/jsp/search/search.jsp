<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="${empty query ? 'Search' : 'Search: '.concat(query)}" sidebar="${false}">
  <h1>Search</h1>
  <form method="get" action="${base}/-/search" id="search-form" role="search">
    <fieldset role="group">
      <input type="search" name="q" id="search-query" value="<c:out value='${query}'/>" maxlength="500"
             placeholder="Words, &quot;a phrase&quot;, prefix* — or a question" aria-label="Search this wiki" autofocus>
      <button type="submit" id="search-button">Search</button>
    </fieldset>
    <fieldset class="search-modes" id="search-modes">
      <legend>Mode</legend>
      <c:forEach var="m" items="${['hybrid', 'text', 'semantic']}">
        <label><input type="radio" name="mode" value="${m}" id="mode-${m}" <c:if test="${results.requestedMode() == m}">checked</c:if>>
          ${m == 'hybrid' ? 'Hybrid' : (m == 'text' ? 'Words' : 'Meaning')}</label>
      </c:forEach>
    </fieldset>
  </form>

  <c:if test="${results.semantic() == 'warming_up'}">
    <p class="notice" id="semantic-warming-up" role="status">Semantic search warming up — these results are by words
      only for now.</p>
  </c:if>
  <c:if test="${results.semantic() == 'failed' || (results.semantic() == 'off' && results.requestedMode() != 'text')}">
    <p class="notice" id="semantic-off" role="status">Semantic search is not available on this server; results are by
      words only.</p>
  </c:if>

  <c:if test="${not empty query}">
    <p id="search-summary"><small>${fn:length(hits)} ${fn:length(hits) == 1 ? 'page' : 'pages'}
      (${results.mode()})</small></p>
    <c:if test="${empty hits}"><p id="no-results">Nothing found.</p></c:if>
    <%-- Each hit worked out in Java (web.ShownHit); its snippet is escaped page text whose only markup is <mark>. --%>
    <ol class="search-results" id="search-results">
      <c:forEach var="hit" items="${hits}">
        <li class="search-hit">
          <a href="${base}${hit.href()}" class="search-hit-link"><strong>${hit.path()}</strong></a>
          <small class="matched-by">${hit.matchedBy()}</small>
          <c:if test="${not empty hit.snippet()}"><p class="snippet">${hit.snippet()}</p></c:if>
          <c:forEach var="passage" items="${hit.passages()}">
            <blockquote class="chunk">
              <small class="breadcrumb">${passage.breadcrumb()}</small>
              <span class="chunk-text">${passage.text()}</span>
            </blockquote>
          </c:forEach>
        </li>
      </c:forEach>
    </ol>
  </c:if>

  <section class="search-status" id="search-status">
    <h2>Index</h2>
    <%@ include file="status.jspf" %>
  </section>
</w:layout>
