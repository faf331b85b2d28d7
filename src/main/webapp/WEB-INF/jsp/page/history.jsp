<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="History of ${path.name()}" sidebar="${true}">
  <div class="page-head">
    <h1>History of <a href="${base}${f:page(tenant, path.value())}"><c:out value="${path.value()}"/></a></h1>
    <div class="page-actions">
      <a href="${base}/-/blame/${f:path(path.value())}" id="blame-link" role="button" class="secondary">Blame</a>
    </div>
  </div>
  <form method="get" action="${base}/-/diff/${f:path(path.value())}" id="compare-form"></form>
  <div class="overflow-auto">
  <table id="history" class="striped">
    <thead><tr><th>From</th><th>To</th><th>When</th><th>Who</th><th>What</th><th></th></tr></thead>
    <tbody>
    <c:forEach var="change" items="${changes}" varStatus="row">
      <tr class="change">
        <td><input type="radio" name="from" value="${change.revision()}" form="compare-form" aria-label="compare from" <c:if test="${row.index == 1}">checked</c:if>></td>
        <td><input type="radio" name="to" value="${change.revision()}" form="compare-form" aria-label="compare to" <c:if test="${row.index == 0}">checked</c:if>></td>
        <td><a href="${base}${f:page(tenant, path.value())}?revision=${change.revision()}"><time datetime="${change.date()}">${change.date()}</time></a></td>
        <td><c:out value="${change.author()}"/></td>
        <td><c:out value="${change.message()}"/>
          <c:forEach var="file" items="${change.pages()}"><c:if test="${file.kind() == 'RENAMED'}"><small> (renamed from <c:out value="${file.oldPath().value()}"/>)</small></c:if></c:forEach></td>
        <td>
          <c:if test="${canWrite}">
            <form method="post" action="${base}/-/revert/${f:path(path.value())}" class="revert-form inline-form">
              <input type="hidden" name="csrf" value="${csrf}">
              <input type="hidden" name="revision" value="${change.revision()}">
              <button type="submit" class="revert-button outline secondary" title="Undo this change">Revert</button>
            </form>
          </c:if>
        </td>
      </tr>
    </c:forEach>
    </tbody>
  </table>
  </div>
  <button type="submit" form="compare-form" id="compare-button">Compare selected versions</button>
</w:layout>
