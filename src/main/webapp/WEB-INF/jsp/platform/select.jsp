<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="Select wiki">
  <h1>Select wiki</h1>
  <%-- The filter works without script (a GET form); wikifarm.js also narrows the list as one types. --%>
  <form method="get" action="${pageContext.request.contextPath}/select" role="search" id="wiki-filter-form" class="wiki-filter">
    <input type="search" name="q" id="wiki-filter" value="${filter}" maxlength="100" placeholder="Filter by name or owner"
           aria-label="Filter wikis"<c:if test="${not empty choices}"> aria-controls="wiki-choices"</c:if> autocomplete="off">
  </form>
  <c:choose>
    <c:when test="${empty choices}">
      <p id="no-wikis">${empty filter ? 'There are no wikis you may read yet.' : 'No wiki you may read matches this filter.'}</p>
    </c:when>
    <c:otherwise>
      <div class="table-scroll">
        <table class="striped wiki-choices" id="wiki-choices">
          <thead><tr><th scope="col">Wiki</th><th scope="col">Owner</th><th scope="col">Last change</th></tr></thead>
          <tbody>
            <c:forEach var="item" items="${choices}">
              <tr class="wiki-choice" data-filter="${item.choice().wiki().displayName()} ${item.choice().wiki().owner().value()}/${item.choice().wiki().slug().value()}">
                <td><a href="${item.url()}/" class="wiki-choice-link"><c:out value="${item.choice().wiki().displayName()}"/></a>
                  <br><small><c:out value="${item.choice().wiki().owner().value()}/${item.choice().wiki().slug().value()}"/> &middot; ${item.choice().wiki().pageCount()} ${item.choice().wiki().pageCount() == 1 ? 'page' : 'pages'}<span class="phone-only">Changed <time datetime="${item.choice().lastActivity()}">${item.choice().lastActivity()}</time></span></small></td>
                <td><c:out value="${item.choice().wiki().owner().value()}"/></td>
                <td><time datetime="${item.choice().lastActivity()}">${item.choice().lastActivity()}</time></td>
              </tr>
            </c:forEach>
          </tbody>
        </table>
      </div>
      <p id="no-match" class="muted" hidden>No wiki in this list matches.</p>
    </c:otherwise>
  </c:choose>
  <c:choose>
    <c:when test="${caller.anonymous()}">
      <p><a href="${pageContext.request.contextPath}/signup">Sign up</a> to start a wiki of your own.</p>
    </c:when>
    <c:when test="${empty caller.token()}">
      <%@ include file="create-wiki.jspf" %>
    </c:when>
  </c:choose>
</w:layout>
