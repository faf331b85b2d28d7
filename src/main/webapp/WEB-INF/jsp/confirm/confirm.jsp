<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<%-- The screen before a dangerous change (web.Confirmation): what is about to happen, and the one form that does it. --%>
<w:layout title="Please confirm">
  <article class="narrow confirm" id="confirm">
    <h1 id="confirm-question">${question}</h1>
    <p id="confirm-consequence">${consequence}</p>
    <form method="post" action="${confirmAction}" id="confirm-form">
      <input type="hidden" name="csrf" value="${csrf}">
      <input type="hidden" name="confirmation" value="${confirmation}">
      <c:forEach var="field" items="${confirmFields}">
        <input type="hidden" name="${field.name()}" value="${field.value()}">
      </c:forEach>
      <div role="group">
        <button type="submit" id="confirm-button" class="contrast">${confirmLabel}</button>
        <a href="${cancelUrl}" role="button" class="secondary outline" id="confirm-cancel">Cancel</a>
      </div>
    </form>
  </article>
</w:layout>
