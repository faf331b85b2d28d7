<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="All pages" sidebar="${false}">
  <h1>All pages <small>(${count})</small></h1>
  <c:if test="${canWrite}">
    <form method="get" action="${base}/-/new" class="inline-form" id="new-page-form" role="search">
      <input name="path" id="new-page-path" placeholder="New page name, e.g. projects/plan" required aria-label="New page name">
      <button type="submit" id="new-page-button">Create page</button>
    </form>
  </c:if>
  <c:if test="${not filter.any()}">
    <p class="notice" id="index-filter">Pages<c:if test="${not empty filter.category()}"> in the category <strong><c:out value="${filter.category()}"/></strong></c:if><c:if test="${not empty filter.tag()}"> tagged <strong><c:out value="${filter.tag()}"/></strong></c:if>.
      <a href="${base}/-/index" id="index-filter-clear">Show all pages</a></p>
  </c:if>
  <c:if test="${not empty trail}">
    <nav aria-label="Folder" id="index-trail"><a href="${base}/-/index">All pages</a><c:forEach var="crumb" items="${trail}"> / <a href="${base}/-/index?folder=${f:query(crumb.path())}">${crumb.name()}</a></c:forEach></nav>
  </c:if>
  <div id="page-index">
    <c:if test="${not empty index.pages()}">
      <ul class="index-pages">
        <c:forEach var="page" items="${index.pages()}">
          <li><a href="${base}${f:page(tenant, page.value())}">${page.name()}</a></li>
        </c:forEach>
      </ul>
    </c:if>
    <c:if test="${index.morePages() > 0}">
      <p class="notice" id="index-more">${index.morePages()} more pages here are not listed; search for them or create sub-folders.</p>
    </c:if>
    <c:forEach var="folder" items="${index.folders()}">
      <details class="index-folder">
        <summary><strong>${folder.name()}</strong> <small>(${folder.count()})</small></summary>
        <c:choose>
          <c:when test="${folder.tree() != null}">${folder.treeHtml(base)}</c:when>
          <c:otherwise><p><a href="${base}/-/index?folder=${f:query(folder.path())}" class="index-open">Open this folder (${folder.count()} pages)</a></p></c:otherwise>
        </c:choose>
      </details>
    </c:forEach>
    <c:if test="${count == 0}"><p>No pages here yet.</p></c:if>
  </div>
  <p><a href="${base}/-/deleted" id="index-deleted-link">Deleted pages</a></p>
</w:layout>
