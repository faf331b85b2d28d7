<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="${errorStatus}">
  <article class="error-page">
    <h1><span id="error-status">${errorStatus}</span> · <c:out value="${errorTitle}" default="Something is wrong"/></h1>
    <p id="error-message"><c:out value="${errorMessage}"/></p>
    <c:if test="${not empty createUrl}">
      <p><a href="${createUrl}" id="create-page-link" role="button">Create this page</a></p>
    </c:if>
    <c:if test="${errorStatus == 401 || (errorStatus == 403 && caller.anonymous())}">
      <p><a href="<c:out value='${signIn.login()}'/>" role="button">Log in</a></p>
    </c:if>
    <p><a href="${not empty base ? base.concat('/') : pageContext.request.contextPath.concat('/')}">Back to the start page</a></p>
  </article>
</w:layout>
