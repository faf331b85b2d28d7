<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="Recent changes" sidebar="${true}">
  <h1>Recent changes</h1>
  <p><a href="${base}/-/deleted" id="deleted-pages-link">Deleted pages</a></p>
  <c:choose>
    <c:when test="${empty changes}"><p>Nothing has happened in this wiki yet.</p></c:when>
    <c:otherwise>
      <div class="overflow-auto">
      <table id="changelog" class="striped">
        <thead><tr><th>When</th><th>Who</th><th>Pages</th><th>What</th></tr></thead>
        <tbody>
        <c:forEach var="change" items="${changes}">
          <tr class="change">
            <td><time datetime="${change.date()}">${change.date()}</time></td>
            <td><c:out value="${change.author()}"/></td>
            <td><c:forEach var="file" items="${change.pages()}">
              <span class="kind kind-${file.kind()}">${file.kind().name().toLowerCase()}</span>
              <c:choose>
                <c:when test="${file.kind().name() == 'DELETED'}"><a href="${base}${f:page(tenant, file.path().value())}"
                    class="deleted-page-link" title="Deleted: its page offers to restore it"><c:out value="${file.path().value()}"/></a><c:if
                    test="${canWrite}"><form method="post" action="${base}/-/restore/${f:path(file.path().value())}"
                    class="inline-form restore-inline"><input type="hidden" name="csrf" value="${csrf}"><button
                    type="submit" class="outline secondary restore-button">Restore</button></form></c:if></c:when>
                <c:otherwise><a href="${base}${f:page(tenant, file.path().value())}"><c:out value="${file.path().value()}"/></a></c:otherwise>
              </c:choose><br></c:forEach></td>
            <td><c:out value="${change.message()}"/></td>
          </tr>
        </c:forEach>
        </tbody>
      </table>
      </div>
      <c:if test="${not empty older}"><a href="?before=${older}" role="button" class="secondary outline" id="older-link">Older changes</a></c:if>
    </c:otherwise>
  </c:choose>
</w:layout>
