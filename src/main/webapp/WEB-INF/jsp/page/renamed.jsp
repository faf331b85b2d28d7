<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="Renamed ${target.name()}">
  <article class="narrow">
    <h1>Renamed <c:out value="${path.value()}"/></h1>
    <p id="renamed-summary">The page is now <a href="${base}${f:page(tenant, target.value())}" id="renamed-page-link"><c:out
        value="${target.value()}"/></a>. Links to it were updated in
      <span id="relinked-count">${renamed.relinked().size()}</span>
      ${renamed.relinked().size() == 1 ? 'page' : 'pages'}:</p>
    <ul id="relinked-pages">
      <c:forEach var="page" items="${renamed.relinked()}">
        <li><a href="${base}${f:page(tenant, page.value())}"><c:out value="${page.value()}"/></a></li>
      </c:forEach>
    </ul>
    <p><a href="${base}${f:page(tenant, target.value())}" role="button" id="open-renamed">Open <c:out
        value="${target.value()}"/></a></p>
  </article>
</w:layout>
