<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="Blame of ${path.name()}" sidebar="${true}">
  <div class="page-head">
    <h1>Blame of <a href="${base}${f:page(tenant, path.value())}"><c:out value="${path.value()}"/></a></h1>
    <div class="page-actions">
      <a href="${base}/-/history/${f:path(path.value())}" id="history-link" role="button" class="secondary">History</a>
    </div>
  </div>
  <c:if test="${not empty atRevision}">
    <p class="notice" id="revision-notice">As of revision <code>${blame.revision().substring(0, 10)}</code> ·
      <a href="${base}/-/blame/${f:path(path.value())}">blame the current version</a></p>
  </c:if>
  <c:if test="${not blame.complete()}">
    <p class="notice" id="incomplete-notice">This page's history is too long to blame in full: lines marked
      "not reached" were last changed in an older commit than the blame could walk to.</p>
  </c:if>
  <div class="overflow-auto blame-box">
  <table id="blame" class="blame">
    <thead><tr><th>Commit</th><th>Lines</th></tr></thead>
    <tbody>
    <c:forEach var="run" items="${blame.runs()}">
      <tr class="blame-run">
        <td class="blame-commit">
          <c:choose>
            <c:when test="${run.attributed()}">
              <c:set var="runPath" value="${run.path() == null ? path : run.path()}"/>
              <c:choose>
                <c:when test="${run.previous() != null}"><a class="blame-revision" href="${base}/-/diff/${f:path(runPath.value())}?from=${run.previous()}&amp;to=${run.revision()}"><code>${run.revision().substring(0, 10)}</code></a></c:when>
                <c:otherwise><a class="blame-revision" href="${base}${f:page(tenant, runPath.value())}?revision=${run.revision()}"><code>${run.revision().substring(0, 10)}</code></a></c:otherwise>
              </c:choose>
              <span class="blame-author"><c:out value="${run.author()}"/></span>
              <time datetime="${run.date()}">${run.date()}</time>
              <span class="blame-message"><c:out value="${run.message()}"/></span>
              <c:if test="${run.path() != null}"><small class="blame-path">(as <c:out value="${run.path().value()}"/>)</small></c:if>
            </c:when>
            <c:otherwise><span class="blame-unreached">not reached</span></c:otherwise>
          </c:choose>
        </td>
        <td class="blame-lines"><c:forEach var="line" items="${run.lines()}" varStatus="n"><div class="blame-line"><span class="num">${run.startLine() + n.index}</span><c:out value="${line}"/></div></c:forEach></td>
      </tr>
    </c:forEach>
    </tbody>
  </table>
  </div>
</w:layout>
