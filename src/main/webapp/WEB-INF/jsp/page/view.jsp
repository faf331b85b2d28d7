<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="${empty meta.title() ? path.name() : meta.title()}" sidebar="${true}">
  <jsp:attribute name="scripts">
    <%-- Only pages with math or diagrams load their scripts (render.Rendered#features). --%>
    <c:if test="${features.math()}">
      <link rel="stylesheet" href="${pageContext.request.contextPath}/webjars/katex/0.18.11/dist/katex.min.css">
      <script src="${pageContext.request.contextPath}/webjars/katex/0.18.11/dist/katex.min.js"></script>
    </c:if>
    <c:if test="${features.math() || features.diagrams()}">
      <script src="${pageContext.request.contextPath}/static/markdown.js"></script>
    </c:if>
  </jsp:attribute>
  <jsp:body>
  <nav aria-label="breadcrumb" class="crumbs">
    <ul>
      <c:forEach var="folder" items="${path.folders()}"><li><c:out value="${folder}"/></li></c:forEach>
      <li><c:out value="${path.name()}"/></li>
    </ul>
  </nav>
  <div class="page-head">
    <h1 id="page-title"><c:out value="${empty meta.title() ? path.name() : meta.title()}"/></h1>
    <div class="page-actions">
      <c:if test="${canWrite && empty atRevision}">
        <a href="${base}/-/edit/${f:path(path.value())}" id="edit-link" role="button">Edit</a>
      </c:if>
      <a href="${base}/-/history/${f:path(path.value())}" id="history-link" role="button" class="secondary">History</a>
      <a href="${base}/-/blame/${f:path(path.value())}${empty atRevision ? '' : '?revision='.concat(atRevision)}" id="blame-link" role="button" class="secondary outline">Blame</a>
      <a href="${base}/-/attachments/${f:path(path.value())}" id="attachments-link" role="button" class="secondary outline">Files</a>
      <c:if test="${canWrite && empty atRevision}">
        <a href="${base}/-/rename/${f:path(path.value())}" id="rename-link" role="button" class="secondary outline">Rename</a>
        <a href="${base}/-/delete/${f:path(path.value())}" id="delete-link" role="button" class="secondary outline">Delete</a>
      </c:if>
    </div>
  </div>
  <c:if test="${meta.shown() && (not empty meta.category() || not empty meta.tags())}">
    <%-- The page's front matter (markdown.FrontMatter): what it is filed under, each a link to the pages filed alike. --%>
    <dl class="page-meta" id="page-meta">
      <c:if test="${not empty meta.category()}">
        <dt>Category</dt>
        <dd><a href="${base}/-/index?category=${f:query(meta.category())}" class="page-category" id="page-category"><c:out value="${meta.category()}"/></a></dd>
      </c:if>
      <c:if test="${not empty meta.tags()}">
        <dt>Tags</dt>
        <dd><ul class="page-tags" id="page-tags"><c:forEach var="tag" items="${meta.tags()}"><li><a href="${base}/-/index?tag=${f:query(tag)}" class="page-tag"><c:out value="${tag}"/></a></li></c:forEach></ul></dd>
      </c:if>
    </dl>
  </c:if>
  <c:if test="${not empty atRevision}">
    <p class="notice" id="revision-notice">You are looking at the version of <time datetime="${page.date()}">${page.date()}</time>
      (revision <code>${page.revision().substring(0, 10)}</code>), not the current one.
      <a href="${base}${f:page(tenant, path.value())}">Show the current version</a>.</p>
  </c:if>
  <c:if test="${toc.size() > 2}">
    <details class="toc" open>
      <summary>Contents</summary>
      <ul id="page-toc">
        <c:forEach var="heading" items="${toc}">
          <li class="toc-${heading.level()}"><a href="#${heading.id()}"><c:out value="${heading.text()}"/></a></li>
        </c:forEach>
      </ul>
    </details>
  </c:if>
  <c:if test="${unrendered}">
    <p class="notice" id="unrendered-notice" role="status">This page is too complex to render in time, so it is shown as
      it was written. Splitting it into smaller pages helps.</p>
  </c:if>
  <article id="page-content" class="markdown">${html}</article>
  <footer class="page-foot">
    <small>Last changed by <c:out value="${page.author()}"/> on <time datetime="${page.date()}">${page.date()}</time>.</small>
    <section id="backlinks-section">
      <h2>Pages linking here</h2>
      <c:choose>
        <c:when test="${empty backlinks}"><p id="no-backlinks"><small>No page links here yet.</small></p></c:when>
        <c:otherwise>
          <ul id="backlinks">
            <c:forEach var="link" items="${backlinks}">
              <li><a href="${base}${f:page(tenant, link.value())}"><c:out value="${link.value()}"/></a></li>
            </c:forEach>
          </ul>
        </c:otherwise>
      </c:choose>
    </section>
  </footer>
  </jsp:body>
</w:layout>
