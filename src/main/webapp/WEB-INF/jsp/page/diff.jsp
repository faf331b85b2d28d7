<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="Changes to ${path.name()}" sidebar="${true}">
  <h1>Changes to <a href="${base}${f:page(tenant, path.value())}"><c:out value="${path.value()}"/></a></h1>
  <p>From <code>${from.substring(0, 10)}</code> to <code>${to.substring(0, 10)}</code> ·
    <a href="?from=${from}&amp;to=${to}&amp;mode=inline" id="diff-inline" <c:if test="${mode == 'inline'}">aria-current="true"</c:if>>inline</a> |
    <a href="?from=${from}&amp;to=${to}&amp;mode=side" id="diff-side" <c:if test="${mode == 'side'}">aria-current="true"</c:if>>side by side</a></p>
  <c:choose>
    <c:when test="${diff.isEmpty()}"><p id="diff" class="notice">The two versions are the same.</p></c:when>
    <c:when test="${mode == 'side'}">
      <div class="overflow-auto">
      <table id="diff" class="diff side">
        <c:forEach var="pair" items="${diff.pairs}">
          <tr>
            <c:choose>
              <c:when test="${pair.left() != null && pair.left().kind() == 'hunk'}"><td colspan="4" class="diff-hunk"><c:out value="${pair.left().text()}"/></td></c:when>
              <c:otherwise>
                <td class="num">${pair.left().oldNumber()}</td>
                <td class="${pair.left() == null ? 'diff-empty' : 'diff-'.concat(pair.left().kind())}"><c:out value="${pair.left().text()}"/></td>
                <td class="num">${pair.right().newNumber()}</td>
                <td class="${pair.right() == null ? 'diff-empty' : 'diff-'.concat(pair.right().kind())}"><c:out value="${pair.right().text()}"/></td>
              </c:otherwise>
            </c:choose>
          </tr>
        </c:forEach>
      </table>
      </div>
    </c:when>
    <c:otherwise>
      <div id="diff" class="diff inline">
        <c:forEach var="line" items="${diff.lines}">
          <div class="diff-line diff-${line.kind()}"><span class="num">${line.oldNumber()}</span><span class="num">${line.newNumber()}</span><c:out value="${line.text()}"/></div>
        </c:forEach>
      </div>
    </c:otherwise>
  </c:choose>
</w:layout>
