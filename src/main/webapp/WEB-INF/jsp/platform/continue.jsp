<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="Signed in">
  <article class="narrow">
    <h1>Signed in</h1>
    <p>Taking you back to <strong id="continue-host"><c:out value="${continueHost}"/></strong>…</p>
    <p><a href="<c:out value='${continueTo}'/>" id="continue-link" role="button">Continue</a></p>
  </article>
</w:layout>
