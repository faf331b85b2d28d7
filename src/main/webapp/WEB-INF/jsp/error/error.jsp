<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="${errorStatus}">
  <article class="error-page">
    <h1><span id="error-status">${errorStatus}</span> · <c:out value="${errorTitle}" default="Something is wrong"/></h1>
    <p id="error-message"><c:out value="${errorMessage}"/></p>
    <c:if test="${not empty deletion}">
      <p id="deleted-note">This page was deleted on <time datetime="${deletion.date()}">${deletion.date()}</time>
        by <span id="deleted-by"><c:out value="${deletion.author()}"/></span><c:if
            test="${not empty deletion.message()}"> (<q id="deleted-message"><c:out value="${deletion.message()}"/></q>)</c:if>.</p>
      <c:if test="${canRestore}">
        <form method="post" action="${base}/-/restore/${f:path(missingPath.value())}" id="restore-form">
          <input type="hidden" name="csrf" value="${csrf}">
          <button type="submit" id="restore-button">Restore the page</button>
        </form>
      </c:if>
    </c:if>
    <c:if test="${not empty movedTo}">
      <p id="moved-note">This page was renamed to <a href="${base}${f:page(tenant, movedTo.value())}" id="moved-link"><c:out value="${movedTo.value()}"/></a>.</p>
    </c:if>
    <c:if test="${not empty createUrl}">
      <c:choose>
        <c:when test="${canRestore}"><p><a href="${createUrl}" id="create-page-link">Or write a new page under this
          name</a></p></c:when>
        <c:otherwise><p><a href="${createUrl}" id="create-page-link" role="button">Create this page</a></p></c:otherwise>
      </c:choose>
    </c:if>
    <c:if test="${errorStatus == 401 || (errorStatus == 403 && caller.anonymous())}">
      <p><a href="<c:out value='${signIn.login()}'/>" role="button">Log in</a></p>
    </c:if>
    <p><a href="${not empty base ? base.concat('/') : pageContext.request.contextPath.concat('/')}">Back to the start page</a></p>
  </article>
</w:layout>
