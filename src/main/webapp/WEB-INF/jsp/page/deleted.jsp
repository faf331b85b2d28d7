<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="Deleted pages" sidebar="${true}">
  <h1>Deleted pages</h1>
  <c:choose>
    <c:when test="${empty deleted}"><p id="no-deleted">No page of this wiki has been deleted${complete ? '' : ' lately'}.</p></c:when>
    <c:otherwise>
      <div class="overflow-auto">
      <table id="deleted-pages" class="striped">
        <thead><tr><th>Page</th><th>Deleted</th><th>By</th><th>Why</th><c:if test="${canWrite}"><th><span class="visually-hidden">Restore</span></th></c:if></tr></thead>
        <tbody>
        <c:forEach var="page" items="${deleted}">
          <tr class="deleted-page">
            <td><a href="${base}${f:page(tenant, page.path().value())}" class="deleted-page-link"><c:out value="${page.path().value()}"/></a></td>
            <td><time datetime="${page.deletion().date()}">${page.deletion().date()}</time></td>
            <td><c:out value="${page.deletion().author()}"/></td>
            <td><c:out value="${page.deletion().message()}"/></td>
            <c:if test="${canWrite}">
              <td><form method="post" action="${base}/-/restore/${f:path(page.path().value())}" class="inline-form">
                <input type="hidden" name="csrf" value="${csrf}">
                <button type="submit" class="outline restore-button">Restore</button>
              </form></td>
            </c:if>
          </tr>
        </c:forEach>
        </tbody>
      </table>
      </div>
    </c:otherwise>
  </c:choose>
  <c:if test="${not complete}"><p class="muted" id="deleted-partial">Only the most recent history was searched; older deletions are on the pages' own addresses.</p></c:if>
</w:layout>
